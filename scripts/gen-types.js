#!/usr/bin/env node
// Generates src/spec/stack-file.generated.ts from the schema, so the TypeScript
// types of a parsed stack file cannot drift from schemas/mcp-stack.schema.json.
// `--check` exits non-zero when the committed file is stale (used by the tests).
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');

const root = path.join(__dirname, '..');
const schemaPath = path.join(root, 'schemas', 'mcp-stack.schema.json');
const outPath = path.join(root, 'src', 'spec', 'stack-file.generated.ts');

async function generate() {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  return compile(schema, 'StackFile', {
    bannerComment:
      '/* Generated from schemas/mcp-stack.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unknownAny: true,
    style: { singleQuote: true },
    cwd: path.dirname(schemaPath),
  });
}

generate().then((text) => {
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${path.relative(root, outPath)} is stale: run npm run gen:types\n`);
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(outPath, text);
}, (err) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
