import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseStack } from '../../src/stack-file/parse-stack';
import type { ParseContext, SpecHost } from '../../src/stack-file/spec-host';
import { FIXTURES } from '../support/fixtures';

const host: SpecHost = {
  readText: () => ({ ok: false, reason: 'no such file' }),
  isDirectory: () => false,
  exists: () => false,
  resolve: (p) => ({ real: p, kind: 'missing' }),
};
const ctx: ParseContext = { file: 'fuzz.yml', dir: '/stacks/fuzz', env: new Map([['SET', 'v']]), host };
const seeds = ['all-features.yml', 'anchors.yml', 'packages.yml', 'minimal.yml'].map((f) =>
  fs.readFileSync(path.join(FIXTURES, 'valid', f), 'utf8'),
);

/** The validator's contract: any text gives a spec, or located errors; it never throws. */
function assertContract(text: string): void {
  const r = parseStack(text, ctx);
  if (r.ok) return;
  expect(r.diagnostics.length).toBeGreaterThan(0);
  for (const d of r.diagnostics) {
    expect(d.location.file).toBe('fuzz.yml');
    expect(d.location.line).toBeGreaterThanOrEqual(1);
    expect(d.location.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const yamlish = fc.stringMatching(/^[ a-z0-9:\-\[\]{}"'&*!<>$,|#.\n]{0,200}$/);

describe('the validator never throws anything but its own located errors', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => assertContract(t)), { numRuns: 400 });
  });

  it('on random YAML-looking text', () => {
    fc.assert(fc.property(yamlish, (t) => assertContract(t)), { numRuns: 400 });
  });

  it('on valid files with random mutations', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 4 }))
      .map(([seed, edits]) =>
        edits.reduce((s, [at, del, ins]) => {
          const i = at % (s.length + 1);
          return s.slice(0, i) + ins + s.slice(i + del);
        }, seed),
      );
    fc.assert(fc.property(mutated, (t) => assertContract(t)), { numRuns: 600 });
  });

  it('on random JSON values written as the file', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => assertContract(JSON.stringify(v))), { numRuns: 300 });
  });

  it('on random server specs of the right shape', () => {
    const server = fc.record(
      {
        image: fc.string({ maxLength: 10 }),
        env: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
        ports: fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer())),
        volumes: fc.array(fc.string({ maxLength: 20 })),
        depends_on: fc.array(fc.constantFrom('a', 'b', 'c')),
        restart: fc.string({ maxLength: 10 }),
        resources: fc.record({ memory: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), cpus: fc.double() }, { requiredKeys: [] }),
        transport: fc.oneof(fc.string({ maxLength: 6 }), fc.record({ type: fc.string({ maxLength: 5 }), port: fc.integer() })),
      },
      { requiredKeys: [] },
    );
    const stack = fc.record({ version: fc.constant(1), servers: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'B!'), server) });
    fc.assert(fc.property(stack, (s) => assertContract(JSON.stringify(s))), { numRuns: 400 });
  });
});

describe('keys named like Object.prototype members are plain data', () => {
  it('a server named "constructor" with env "__proto__" and "valueOf"', () => {
    const r = parseStack('version: 1\nservers:\n  constructor:\n    image: x\n    env: { __proto__: a, valueOf: b }\n', ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.servers.map((s) => s.name)).toEqual(['constructor']);
    expect(Object.entries(r.spec.servers[0]?.env ?? {})).toEqual([
      ['__proto__', 'a'],
      ['valueOf', 'b'],
    ]);
  });
});
