#!/usr/bin/env node
// Generates, from schemas/mcp-stack.schema.json (the single source of truth):
// - src/stack-file/stack-file.generated.ts: the TypeScript types of a parsed stack file;
// - src/stack-file/stack-schema-validator.generated.ts: the ajv validator as code, so the CLI does not
//   load ajv's compiler and compile the schema on every start (about 100 ms of each run).
// `--check` exits non-zero when a committed file is stale (used by the tests).
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.join(__dirname, '..');
const schemaPath = path.join(root, 'schemas', 'mcp-stack.schema.json');
const banner = '/* Generated from schemas/mcp-stack.schema.json by `npm run gen:schema`. Do not edit. */';

/** The options the validator is generated with; the unit tests compile with the same ones. */
const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  // Interpolated values are strings; "8080" must count as the integer the schema asks for.
  coerceTypes: true,
};

async function types(schema) {
  return compile(schema, 'StackFile', {
    bannerComment: banner,
    additionalProperties: false,
    unknownAny: true,
    style: { singleQuote: true },
    cwd: path.dirname(schemaPath),
  });
}

function validator(schema) {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  // With coerceTypes, ajv emits for propertyNames a branch that coerces a non-string key and
  // assigns it to the `const` loop variable. The branch is dead (for...in keys are strings), but
  // the bundler refuses code that assigns to a const: declare the loop variables with let.
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/for\(const (key\d+) in /g, 'for(let $1 in ');
  return `${banner}\n// @ts-nocheck\n${code}\n`;
}

async function main() {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const outputs = {
    'src/stack-file/stack-file.generated.ts': await types(schema),
    'src/stack-file/stack-schema-validator.generated.ts': validator(schema),
  };
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [rel, text] of Object.entries(outputs)) {
    const file = path.join(root, rel);
    if (!check) fs.writeFileSync(file, text);
    else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      process.stderr.write(`${rel} is stale: run npm run gen:schema\n`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}

module.exports = { AJV_OPTIONS };
