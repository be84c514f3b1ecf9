import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Real imports and requires, as the compiler sees them: text inside string literals does not count. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Whether the code (not its strings or comments) uses the identifier `console`. */
function usesConsole(file: string): boolean {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === 'console') || ts.forEachChild(node, visit) === true;
  return visit(source);
}

const files = sourceFiles(SRC).map((f) => ({ rel: path.relative(SRC, f), imports: importsOf(f) }));

/**
 * The rooms of src/, top to bottom: a file may import from its own room and from rooms below it,
 * never from one above or beside it. Adding a room, or an import across, means saying here where
 * it stands (docs/architecture.md says why each stands where it does).
 */
const ROOMS: readonly (readonly string[])[] = [
  ['index'],
  ['library'],
  ['cli'],
  ['gateway'],
  ['control', 'connect'],
  ['runtime'],
  ['apply', 'mcp', 'render', 'registry'],
  ['docker', 'outbound'],
  ['core'],
  ['recipes'],
  ['stack-file', 'logging'],
  ['util'],
  ['errors', 'version'],
];
/** Scripts that run on their own in a server's container: node's modules only. */
const STANDALONE = new Set(['stdio-host']);
/** Files over 300 lines, each with why it stays whole. */
const LONG_FILES: Readonly<Record<string, string>> = {
  'cli/main.ts': "the composition root: every command's options in one place, each a few lines",
  'stack-file/semantic-checks.ts': 'one check per rule of the file, each short; split by room they would import each other',
  'core/desired-state.ts': 'the one mapping of a stack file to create calls; the config hash covers all of it',
  'stack-file/normalise.ts': 'one normaliser per key of the file, the shape the schema gives it',
  'render/kubernetes/manifests.ts': 'the one function that maps a server to its objects; its parts are beside it',
  'runtime/controller/controller.ts': 'the watch loop: its triggers and their backoff are one state machine',
  'gateway/gateway.ts': "serve's gateway: the upstreams it keeps in step with the engine, one class",
  'gateway/endpoint-server.ts': 'one handler per MCP method the gateway forwards, each short',
  'gateway/upstream.ts': "one server's upstream: its sessions, era, states and deadlines are one state machine (its types, lists and errors are beside it)",
  'docker/dockerode-engine.ts': 'the Engine interface over dockerode, one short method per engine call (the stdio host is beside it)',
  'docker/swarm-engine.ts': 'the Engine interface over Swarm services, one short method per engine call',
};

const roomOf = (rel: string): string => (rel.includes('/') ? (rel.split('/')[0] ?? rel) : rel.replace(/\.ts$/, ''));
const levelOf = (room: string): number => ROOMS.findIndex((r) => r.includes(room));

describe('rooms', () => {
  it('every file is in a known room, and imports only from its own room or rooms below it', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const from = roomOf(f.rel);
      if (STANDALONE.has(from)) continue;
      if (levelOf(from) < 0) offenders.push(`${f.rel}: room ${from} is not in ROOMS`);
      for (const i of f.imports.filter((x) => x.startsWith('.'))) {
        const target = path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), i));
        if (target.startsWith('..')) continue; // package.json, schemas/
        const to = roomOf(target);
        if (to !== from && !(levelOf(to) > levelOf(from))) offenders.push(`${f.rel} imports ${i} (${to} is not below ${from})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('a standalone script imports only node\'s own modules', () => {
    const offenders = files.filter((f) => STANDALONE.has(roomOf(f.rel))).flatMap((f) => f.imports.filter((i) => !i.startsWith('node:')).map((i) => `${f.rel} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('no file is over 300 lines without a reason (generated files aside)', () => {
    const long = sourceFiles(SRC)
      .filter((f) => !f.endsWith('.generated.ts'))
      .map((f) => ({ rel: path.relative(SRC, f), lines: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300 && LONG_FILES[f.rel] === undefined)
      .map((f) => `${f.rel}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});

describe('module boundaries', () => {
  it('core/ is pure: no engine, watcher, logger, file system or process', () => {
    const forbidden = /^(dockerode|chokidar|winston|node:fs|fs|node:child_process|node:net|node:http|\.\.\/docker|\.\.\/apply|\.\.\/runtime|\.\.\/cli)/;
    const offenders = files.filter((f) => f.rel.startsWith('core/')).flatMap((f) => f.imports.filter((i) => forbidden.test(i)).map((i) => `${f.rel} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('only docker/ imports dockerode', () => {
    const offenders = files.filter((f) => !f.rel.startsWith('docker/') && f.imports.includes('dockerode')).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('stack-file/ does not know Docker exists', () => {
    const offenders = files.filter((f) => f.rel.startsWith('stack-file/')).flatMap((f) => f.imports.filter((i) => /dockerode|\.\.\/docker|\.\.\/core/.test(i)).map((i) => `${f.rel} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('no console outside cli/', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !path.relative(SRC, f).startsWith('cli/'))
      .filter(usesConsole)
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

/** Runs `script` in a plain node process (jest's module registry is not node's) and returns its stdout as JSON. */
function inNode(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['--no-deprecation', '-e', script], { encoding: 'utf8', cwd: path.join(SRC, '..') }));
}

const DIST = path.join(SRC, '..', 'dist');

/** Runs node with `preload` required before `args`; the preload file is removed afterwards. */
function spawnWithPreload(preload: string, args: string[]): SpawnSyncReturns<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-preload-'));
  try {
    fs.writeFileSync(path.join(dir, 'preload.js'), preload);
    return spawnSync(process.execPath, ['-r', path.join(dir, 'preload.js'), ...args], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const loaded = (pattern: string): string => `Object.keys(require.cache).some((m) => m.includes(${JSON.stringify(pattern)}))`;

describe('start-up cost', () => {
  it.each(['apply', 'plan', 'ps', 'down', 'validate'])('the %s command loads neither the MCP SDK, nor ajv\'s compiler, nor dockerode\'s ssh and BuildKit parts', (command) => {
    const modules = inNode(`require(${JSON.stringify(path.join(DIST, 'cli', 'commands', `${command}.js`))}); require(${JSON.stringify(path.join(DIST, 'docker', 'dockerode-engine.js'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`) as string[];
    expect(modules.filter((m) => /@modelcontextprotocol|ajv\/dist\/(compile|core|2020)|\/ssh2\/|@grpc|protobufjs/.test(m))).toEqual([]);
    // The gateway, Swarm and Kubernetes code load when a stack or command uses them.
    expect(modules.filter((m) => /dist\/(gateway|render|control)\/|swarm-|gateway-(service|stack|command)/.test(m))).toEqual([]);
  });

  const COMMAND = path.join(DIST, 'cli', 'mcp-orchestrator.js');
  const PLAN_ARGS = ['plan', '-f', path.join(SRC, '..', 'test', 'fixtures', 'valid', 'minimal.yml'), '--host', 'unix:///nonexistent/docker.sock'];

  it('the command runs the one-file bundle: of node_modules, apply-type commands load only dockerode', () => {
    // The preload lists the files node compiled as modules (deferred ones sit in the require cache as stand-ins).
    const preload = [
      'const M = require("module"); const compiled = []; const compile = M.prototype._compile;',
      'M.prototype._compile = function (content, filename) { compiled.push(filename); return compile.call(this, content, filename); };',
      'process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(compiled)));',
    ].join('\n');
    const r = spawnWithPreload(preload, [COMMAND, ...PLAN_ARGS]);
    expect(r.status).toBe(4); // engine unreachable: everything up to the first engine call has loaded
    const files = JSON.parse(/LOADED (.*)$/.exec(r.stderr)?.[1] ?? '[]') as string[];
    const packages = new Set(files.map((f) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => p !== undefined));
    expect(packages).toContain('dockerode');
    for (const unwanted of ['yaml', 'commander', 'ajv', '@modelcontextprotocol/sdk', 'winston', 'chokidar', 'ssh2', '@grpc/grpc-js', 'protobufjs', 'tar-fs', 'readable-stream']) {
      expect([unwanted, packages.has(unwanted)]).toEqual([unwanted, false]);
    }
    // The bundle is compiled by the command itself (with the code cache), not as a module.
    expect(files.filter((f) => f.startsWith(DIST))).toEqual([COMMAND]);
  });

  it('the command keeps a per-user code cache of the bundle, written once and then used', () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-cache-'));
    try {
      const run = (): string => {
        const r = spawnSync(process.execPath, [COMMAND, ...PLAN_ARGS], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
        expect(r.status).toBe(4);
        return r.stderr;
      };
      const first = run();
      const dir = path.join(cacheHome, 'mcp-orchestrator');
      const [file, ...others] = fs.readdirSync(dir);
      expect(others).toEqual([]);
      expect(file).toMatch(new RegExp(`^main-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}\\.v8cache$`));
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      const written = fs.statSync(path.join(dir, file ?? ''));
      expect(written.size).toBeGreaterThan(10_000);
      // Accepted by V8 on the second run, so not written again; same behaviour with it as without.
      expect(run()).toBe(first);
      expect(fs.statSync(path.join(dir, file ?? '')).mtimeMs).toBe(written.mtimeMs);
    } finally {
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it('the deferred ssh transport loads and works when an ssh:// engine is dialled', () => {
    const script = `
      const DockerClient = require(${JSON.stringify(path.join(DIST, 'docker', 'dockerode.js'))}).dockerClient();
      const before = ${loaded('/ssh2/')};
      new DockerClient({ protocol: 'ssh', host: '127.0.0.1', port: 1, username: 'nobody' }).ping().then(
        () => process.stdout.write(JSON.stringify({ before, error: null })),
        (err) => process.stdout.write(JSON.stringify({ before, after: ${loaded('/ssh2/')}, error: String(err.code || err.message) })),
      );`;
    // ssh2 itself tried to connect: the refusal comes from the real transport, not a stand-in.
    expect(inNode(script)).toEqual({ before: false, after: true, error: 'ECONNREFUSED' });
  });

  it('the deferred BuildKit session support loads when a session is asked for', () => {
    const script = `
      require(${JSON.stringify(path.join(DIST, 'docker', 'dockerode.js'))});
      const before = ${loaded('@grpc')};
      const withSession = require('dockerode/lib/session.js');
      withSession({ modem: { dial: (opts, cb) => cb(new Error('dial refused: ' + opts.path)) } }, undefined, (err) =>
        process.stdout.write(JSON.stringify({ before, after: ${loaded('@grpc')}, error: err.message })));`;
    expect(inNode(script)).toEqual({ before: false, after: true, error: 'dial refused: /session' });
  });
});
