import { formatLockfile, lockDrift, lockfilePath, parseLockfile, toolLock, type Lockfile } from '../../src/core/lockfile';
import { nextLock } from '../../src/runtime/stack-lock';

const ECHO = toolLock({ description: 'Says it back', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } });
const ADD = toolLock({ description: 'Adds', inputSchema: { type: 'object', properties: { a: { type: 'number' } } } });
const LOCK: Lockfile = {
  project: 'demo',
  servers: {
    memory: { package: { kind: 'npx', spec: '@modelcontextprotocol/server-memory', version: '2026.8.31' }, tools: { echo: ECHO, add: ADD } },
    db: { image: { ref: 'postgres:17', digest: 'postgres@sha256:1111111111111111111111111111111111111111111111111111111111111111' } },
  },
};

describe('the lockfile format', () => {
  it('is written sorted, one line per image, package and tool, under a header, and reads back the same', () => {
    const text = formatLockfile(LOCK, 'mcp-stack.yml');
    expect(text.split('\n').slice(0, 8)).toEqual([
      '# What the servers of mcp-stack.yml resolved to. Written by `mcp-orchestrator apply` and',
      '# `mcp-orchestrator lock`; commit it. `apply --locked` refuses to roll out anything else.',
      'lockfileVersion: 1',
      'project: demo',
      'servers:',
      '  db:',
      '    image: { ref: postgres:17, digest: postgres@sha256:1111111111111111111111111111111111111111111111111111111111111111 }',
      '  memory:',
    ]);
    expect(text).toContain(`      add: { input: ${ADD.input}, description: ${ADD.description} }\n      echo: {`);
    const back = parseLockfile(text, 'mcp-stack.lock');
    expect(back.ok && back.loaded.lock).toEqual(LOCK);
    expect(back.ok && back.loaded.entryAt('memory')).toEqual({ file: 'mcp-stack.lock', line: 8, col: 3 });
  });

  it('digests a tool by its input schema and its description, key order aside', () => {
    expect(toolLock({ inputSchema: { a: 1, b: 2 } }).input).toBe(toolLock({ inputSchema: { b: 2, a: 1 } }).input);
    expect(toolLock({ inputSchema: { a: 1 } }).input).not.toBe(toolLock({ inputSchema: { a: 2 } }).input);
    expect(toolLock({ description: 'x' }).description).not.toBe(toolLock({ description: 'y' }).description);
    expect(ECHO.input).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it.each([
    ['lockfileVersion: 2\nproject: p\nservers: {}\n', '1:1: lockfileVersion 2 is not one this version reads (1)'],
    ['lockfileVersion: 1\nproject: [p]\nservers: {}\n', '2:1: project must be a string'],
    ['lockfileVersion: 1\nproject: p\nservers:\n  a:\n    tools: { t: { input: x, description: y } }\n', '5:5: server a: tool t needs input and description digests'],
    ['lockfileVersion: 1\nproject: p\nservers:\n  a:\n    extra: 1\n', '5:5: server a: extra is not a lockfile field'],
    ['lockfileVersion: 1\nproject: p\nservers:\n  a: 3\n', '4:3: server a: an entry is a map'],
    ['lockfileVersion: 1\nservers: &a [*a]\n', '1:1: not a lockfile: it uses YAML aliases'],
    ['{ unclosed', '1:'],
  ])('a lockfile that is not one is a located error: %j', (text, expected) => {
    const r = parseLockfile(text, 'mcp-stack.lock');
    expect(r.ok).toBe(false);
    const d = r.ok ? undefined : r.diagnostics[0];
    expect(`${d?.location.line}:${d?.location.col}: ${d?.message}`).toContain(expected);
  });

  it('sits beside the stack file', () => {
    expect(lockfilePath('/s/mcp-stack.yml')).toBe('/s/mcp-stack.lock');
    expect(lockfilePath('/s/team.yaml')).toBe('/s/team.lock');
    expect(lockfilePath('/s/stack')).toBe('/s/stack.lock');
  });
});

describe('drift from the lockfile', () => {
  it('names a package that resolves to another version, tools added, removed and changed, and image digests', () => {
    const changedEcho = toolLock({ description: 'Says it back, louder', inputSchema: { type: 'object' } });
    const drift = lockDrift(LOCK, {
      memory: { package: { kind: 'npx', spec: '@modelcontextprotocol/server-memory', version: '2026.9.1' }, tools: { echo: changedEcho, sub: ADD } },
      db: { image: { ref: 'postgres:17', digest: 'postgres@sha256:2222222222222222222222222222222222222222222222222222222222222222' } },
      web: { image: { ref: 'web:1' } },
    });
    expect(drift.map((d) => `${d.server} ${d.message}`)).toEqual([
      'db image postgres:17 is now postgres@sha256:222222222222 (locked: postgres@sha256:111111111111)',
      'memory npx: @modelcontextprotocol/server-memory resolved to 2026.9.1 (locked: 2026.8.31)',
      'memory tool sub added; tool add removed; tool echo changed its input schema and description',
      'web is not in the lockfile',
    ]);
  });

  it('names a version the registry resolves an unpinned spec to, once, whether built or not', () => {
    const spec = '@modelcontextprotocol/server-memory';
    const at = (version: string | undefined, registry: string): string[] =>
      lockDrift(LOCK, { memory: { package: { kind: 'npx', spec, ...(version !== undefined && { version }), registry } } }).filter((d) => d.server === 'memory').map((d) => d.message);
    expect(at(undefined, '2026.9.1')).toEqual([`npx: ${spec} now resolves to 2026.9.1 on its registry (locked: 2026.8.31); apply --build installs it`]);
    expect(at('2026.9.1', '2026.9.1')).toEqual([`npx: ${spec} resolved to 2026.9.1 (locked: 2026.8.31)`]);
    expect(at('2026.8.31', '2026.8.31')).toEqual([]);
  });

  it('says nothing of what it does not know (an image not built, tools not asked), and names entries of servers gone', () => {
    const drift = lockDrift(LOCK, { memory: { package: { kind: 'npx', spec: '@modelcontextprotocol/server-memory' } } });
    expect(drift.map((d) => `${d.server} ${d.kind}`)).toEqual(['db gone']);
  });

  it('the next lock keeps what a run did not learn, and whole entries of servers not rolled out', () => {
    const next = nextLock(
      'demo',
      { memory: { package: { kind: 'npx', spec: '@modelcontextprotocol/server-memory' } }, db: { image: { ref: 'postgres:17', digest: 'postgres@sha256:new' } } },
      LOCK,
      new Set(['db']),
      new Set(['memory']),
    );
    expect(next.servers).toEqual(LOCK.servers);
    const fresh = nextLock('demo', { db: { image: { ref: 'postgres:17', digest: 'postgres@sha256:new' }, tools: { x: ADD } } }, LOCK, new Set(), new Set());
    expect(fresh.servers).toEqual({ db: { image: { ref: 'postgres:17', digest: 'postgres@sha256:new' } } });
  });
});
