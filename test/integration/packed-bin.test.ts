import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CliProcess, waitFor } from '../support/cli-process';
import { runClientScenarios } from '../support/conformance';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { projectContainers } from '../support/engine-cleanup';
import { useWorkspace } from '../support/workspace';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The package as users get it: `npm pack`, the tarball installed into a fresh directory, every
 * command run through the installed bin (the bundle), never through the TypeScript functions. A
 * bundling fault (a dependency that does not survive esbuild) fails here.
 * [needs the npm registry or its cache for the package's dependencies]
 */
describeDocker('the packed package, installed, through its bin', () => {
  const ws = useWorkspace('packed');
  let bin: string;
  let lockDir: string;
  let file: string;

  const run = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      cwd: ws.dir,
      env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: lockDir, ...extraEnv },
      input: input ?? '',
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(() => {
    // global-setup has just built dist/ (npm run build); pack it as it is.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', ws.dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    const app = path.join(ws.dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"name":"uses-mcp-orchestrator","private":true}\n');
    execFileSync('npm', ['install', path.join(ws.dir, tarball), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: app, stdio: 'pipe', timeout: 240_000 });
    bin = path.join(app, 'node_modules', '.bin', 'mcp-orchestrator');
    lockDir = path.join(ws.dir, 'locks');
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      ['version: 1', `project: ${ws.project}`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', '    env: { MEMORY_FILE_PATH: /tmp/memory.json }', ''].join('\n'),
    );
  }, 300_000);

  it('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('import writes a stack file (into a directory it makes) that validate accepts', () => {
    const config = path.join(ws.dir, 'claude_desktop_config.json');
    fs.writeFileSync(config, JSON.stringify({ mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@2026.8.31'] } } }));
    const out = path.join(ws.dir, 'imported', 'nested', 'mcp-stack.yml');
    const imported = run(['import', config, '-o', out]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('npx: "@modelcontextprotocol/server-memory@2026.8.31"');
    expect(run(['validate', '-f', out])).toMatchObject({ code: 0 });
    const again = run(['import', config, '-o', out]);
    expect(again.code).toBe(64);
    expect(again.err).toContain('exists; nothing was written');
  });

  it('the library from CommonJS: a stack written in code is checked like a file (policy included), applied, listed and removed', () => {
    const app = path.join(ws.dir, 'app');
    const script = path.join(app, 'from-code.cjs');
    const project = `${ws.project}-lib`;
    fs.writeFileSync(
      script,
      `const { validate, apply, ps, down, serve, formatDiagnostic } = require('mcp-orchestrator');
(async () => {
  const refused = validate({ stack: { version: 1, servers: { root: { image: 'x:1', volumes: ['/var/run/docker.sock:/var/run/docker.sock'] } } }, dir: __dirname });
  const memory = { image: ${JSON.stringify(TEST_SERVERS_IMAGE)}, command: ['mcp-server-memory'] };
  const stack = { stack: { version: 1, project: ${JSON.stringify(project)}, servers: { memory } }, dir: __dirname };
  const applied = await apply(stack, { wait: true });
  const listed = await ps(stack);
  // serve from code: a handle with the gateway's URL, stopped as SIGTERM stops the command.
  const file = require('node:path').join(__dirname, 'lib-stack.yml');
  // gateway.traces loads OpenTelemetry from the installed package's dependencies (a collector nobody runs: a warning, no failure).
  require('node:fs').writeFileSync(file, require('yaml').stringify({ ...stack.stack, gateway: { traces: { endpoint: 'http://127.0.0.1:9/v1/traces' } } }));
  const running = await serve(file, { listen: '127.0.0.1:0' });
  let health;
  for (let i = 0; i < 300 && health?.servers?.memory?.state !== 'up'; i++) {
    health = await (await fetch(running.url.slice(0, -'/mcp'.length) + '/healthz')).json();
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop();
  const removed = await down({ project: ${JSON.stringify(project)} });
  console.log(JSON.stringify({ refused: refused.ok ? null : refused.diagnostics.map(formatDiagnostic), applied, listed, health, removed }));
})().catch((err) => { console.error(err); process.exit(1); });
`,
    );
    const r = spawnSync(process.execPath, [script], { cwd: app, env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: lockDir }, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { refused: string[]; applied: { ok: boolean; wait: { ok: boolean }[] }; listed: { servers: { server: string; sync: string }[] }; health: { servers: Record<string, { state: string }> }; removed: { ok: boolean; results: unknown[] } };
    expect(out.health.servers['memory']?.state).toBe('up');
    expect(out.refused).toEqual([expect.stringMatching(/mcp-stack \(from code\)\.yml:\d+:\d+: .*docker_socket/)]);
    expect(out.applied).toMatchObject({ ok: true, wait: [{ ok: true }] });
    expect(out.listed.servers).toEqual([expect.objectContaining({ server: 'memory', sync: 'in sync' })]);
    expect(out.removed.ok).toBe(true);
    expect(out.removed.results.length).toBeGreaterThan(0);
  }, 150_000);

  it('the library from ESM: named imports, a located problem as a value, a plan as data', () => {
    const app = path.join(ws.dir, 'app');
    const script = path.join(app, 'plan.mjs');
    fs.writeFileSync(
      script,
      `import { plan, validate } from 'mcp-orchestrator';
const bad = validate(${JSON.stringify(path.join(ws.dir, 'nowhere.yml'))});
const planned = await plan(${JSON.stringify(file)});
console.log(JSON.stringify({ bad, planned }));
`,
    );
    const r = spawnSync(process.execPath, [script], { cwd: app, env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: lockDir }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { bad: { ok: boolean; diagnostics: { message: string }[] }; planned: { ok: boolean; project: string; actions: { kind: string }[]; text: string } };
    expect(out.bad.ok).toBe(false);
    expect(out.bad.diagnostics[0]?.message).toMatch(/cannot read the stack file/);
    expect(out.planned).toMatchObject({ ok: true, project: ws.project });
    expect(out.planned.actions.map((a) => a.kind)).toContain('create');
    expect(out.planned.text).toContain('memory');
  }, 60_000);

  it('connect and disconnect write and take back a client entry (the bundled TOML and diff libraries included)', () => {
    const home = { HOME: path.join(ws.dir, 'home'), XDG_CONFIG_HOME: path.join(ws.dir, 'home', '.config'), MCP_ORCHESTRATOR_GATEWAY_TOKEN: '' };
    const diff = run(['connect', 'codex', '-f', file, '--dry-run'], '', home);
    expect(diff).toMatchObject({ code: 0, err: '' });
    expect(diff.out).toContain(`+[mcp_servers.${ws.project}]`);
    expect(run(['connect', 'codex', '-f', file], '', home)).toMatchObject({ code: 0, err: '' });
    const toml = path.join(ws.dir, 'home', '.codex', 'config.toml');
    expect(fs.readFileSync(toml, 'utf8')).toBe(`[mcp_servers.${ws.project}]\nurl = "http://127.0.0.1:8808/mcp"\n`);
    expect(run(['connect', 'codex', '-f', file, '--check'], '', home).code).toBe(0);
    expect(run(['disconnect', 'codex', '-f', file], '', home)).toMatchObject({ code: 0, err: '' });
    expect(fs.readFileSync(toml, 'utf8')).toBe('\n');
  });

  it('bridge: the installed bin serves a stdio server over HTTP; the one-file bridge runs with no node_modules beside it', async () => {
    const server = path.join(ROOT, 'test', 'fixtures', 'lock-server', 'server.js');
    const p = new CliProcess(['bridge', '--listen', '127.0.0.1:0', '--log-format', 'json', '--', process.execPath, server], {}, ws.dir, bin);
    try {
      const url = await waitFor('the bridge listening', () => p.json().find((l) => l['message'] === 'bridge listening')?.['url'] as string | undefined, 20_000);
      const health = await waitFor('the server up', async () => {
        const h = (await (await fetch(new URL('/healthz', url))).json()) as { servers: Record<string, { state: string; tools?: number }> };
        return h.servers['server']?.state === 'up' ? h : undefined;
      });
      expect(health.servers['server']?.tools).toBe(1);
    } finally {
      p.kill('SIGTERM');
    }
    expect(await p.exitedWithin(15_000)).toBe(0);
    // What goes into a server's image: the file alone, in a directory with no node_modules.
    const alone = path.join(ws.dir, 'alone');
    fs.mkdirSync(alone);
    fs.copyFileSync(path.join(path.dirname(fs.realpathSync(bin)), '..', 'bridge', 'mcp-orchestrator.js'), path.join(alone, 'mcp-orchestrator.js'));
    const r = spawnSync(process.execPath, [path.join(alone, 'mcp-orchestrator.js'), '--version'], { cwd: alone, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(r.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  }, 60_000);

  it('render kubernetes, bridge-runtime and gateway through the installed bin (the registry client bundled)', () => {
    const rendered = run(['render', 'kubernetes', '-f', file]);
    expect(rendered.code).toBe(0);
    expect(rendered.out).toContain('kind: Deployment');
    expect(rendered.out).toContain('- bridge-runtime');
    // An image neither the engine nor its registry has: the registry client ran, and said why.
    const unknown = path.join(ws.dir, 'k8s-unknown.yml');
    fs.writeFileSync(unknown, 'version: 1\nservers:\n  x: { image: "127.0.0.1:1/nowhere:1" }\n');
    const refused = run(['render', 'kubernetes', '-f', unknown]);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/k8s-unknown\.yml:3:3: server "x" is a stdio server.*its registry 127\.0\.0\.1:1 did not give its configuration/);
    expect(refused.err).not.toMatch(/\n\s+at /);
    // What a pod's init container writes: a bridge that runs from that directory alone.
    const runtime = path.join(ws.dir, 'runtime');
    fs.mkdirSync(runtime);
    expect(run(['bridge-runtime', runtime]).code).toBe(0);
    const home = path.join(runtime, 'mcp-orchestrator');
    const r = spawnSync(path.join(home, 'ld.so'), ['--library-path', path.join(home, 'lib'), path.join(home, 'node'), path.join(home, 'mcp-orchestrator.js'), '--version'], { encoding: 'utf8', env: {} });
    expect(r.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(run(['gateway'])).toMatchObject({ code: 64, err: 'gateway: no --upstream NAME=URL given\n' });
  }, 60_000);

  it("the official conformance suite's client requirement sets (2026-07-28, 2025-11-25) against test --url, the gateway's upstream client: every scored scenario passes, and the client-credentials extension [needs the npm registry or its cache]", async () => {
    // The suite appends each scenario's URL; the fixture turns its context into this bin's options.
    const command = `${process.execPath} ${path.join(ROOT, 'test', 'fixtures', 'conformance-client', 'run.js')}`;
    for (const [set, least] of [['2026-07-28', 32], ['2025-11-25', 18]] as const) {
      const r = await runClientScenarios(command, set, { MCPO_CONFORMANCE_BIN: bin });
      expect({ set, failed: r.failed.filter((s) => !r.notScored.includes(s)) }).toEqual({ set, failed: [] });
      expect(r.passed.filter((s) => !r.notScored.includes(s)).length).toBeGreaterThanOrEqual(least);
      expect(r.passed).toEqual(expect.arrayContaining(['auth/client-credentials-basic', 'auth/client-credentials-jwt', 'auth/scope-step-up', 'auth/iss-wrong-issuer', 'auth/resource-mismatch'].filter((s) => set === '2026-07-28' || !s.startsWith('auth/i') && s !== 'auth/resource-mismatch')));
    }
  }, 600_000);

  it('add (from a server.json), auth status/logout/set/unset and authz check through the installed bin', () => {
    const stack = path.join(ws.dir, 'add-stack.yml');
    fs.writeFileSync(stack, ['version: 1', `project: ${ws.project}-add`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', ''].join('\n'));
    const entry = path.join(ROOT, 'test', 'fixtures', 'registry', 'server-fetch.json');
    const added = run(['add', '--from', entry, '-f', stack]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('+    uvx: mcp-server-fetch==0.6.3');
    expect(fs.readFileSync(stack, 'utf8')).toContain('uvx: mcp-server-fetch==0.6.3');
    const authDir = path.join(ws.dir, 'auth');
    const status = run(['auth', 'status', '-f', stack, '--json'], '', { MCP_ORCHESTRATOR_AUTH_DIR: authDir });
    expect(JSON.parse(status.out)).toEqual({ store: authDir, servers: [] });
    expect(run(['auth', 'logout', 'nobody', '-f', stack], '', { MCP_ORCHESTRATOR_AUTH_DIR: authDir }).out).toContain('nobody: nothing stored');
    // authz check: gateway.rules decided offline (the bundled rule matcher and claims reader).
    fs.appendFileSync(stack, ['gateway:', '  auth: { issuer: "https://sso.example.com", audience: "https://mcp.example.com/mcp" }', '  rules: [{ name: eng, when: { groups: [eng] }, allow: { tools: ["memory__read_*"] } }]', ''].join('\n'));
    expect(run(['authz', 'check', '-f', stack, '--as', '{"sub":"ann","groups":["eng"]}', 'memory__read_graph'])).toMatchObject({ code: 0, out: 'allow: tool memory__read_graph to ann: rule eng allows it\n' });
    expect(run(['authz', 'check', '-f', stack, '--as', '{"sub":"bo"}', 'memory__read_graph'])).toMatchObject({ code: 1, out: 'deny: tool memory__read_graph to bo: no rule allows it\n' });
    // auth set/unset: the value from stdin, the token from a variable; told clearly what is missing.
    expect(run(['auth', 'set', 'memory', 'GITHUB_TOKEN', '--token-env', 'NO_SUCH_TOKEN'], 'ghp_value\n')).toMatchObject({ code: 64, err: expect.stringContaining('no access token for the gateway in NO_SUCH_TOKEN') });
    const unset = run(['auth', 'unset', 'memory', 'GITHUB_TOKEN', '--gateway', 'http://127.0.0.1:9', '--token-env', 'A_TOKEN'], '', { A_TOKEN: 'token-canary' });
    expect(unset).toMatchObject({ code: 64, err: expect.stringContaining('the gateway at http://127.0.0.1:9 did not answer') });
    expect(unset.out + unset.err).not.toContain('token-canary');
  });

  it('an invalid file: a located error, exit 3, no stack trace', () => {
    const bad = path.join(ws.dir, 'bad.yml');
    fs.writeFileSync(bad, 'version: 1\nservers:\n  a: { image: x, restart: sometimes }\n');
    const r = run(['validate', '-f', bad]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/bad\.yml:3:\d+: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('test before the first apply, plan, apply, lock, ps, logs, attach (one client at a time), watch, down', async () => {
    const tested = run(['test', '-f', file, '--json']);
    expect(tested.err).toBe('');
    expect(JSON.parse(tested.out)).toMatchObject({ ok: true, servers: [{ server: 'memory', ok: true }] });

    const plan = run(['plan', '-f', file, '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.out).toContain(`server memory`);

    expect(run(['apply', '-f', file, '--wait'])).toMatchObject({ code: 0 });
    // apply wrote the lockfile with the tools the server listed; lock --check asks it again.
    expect(fs.readFileSync(path.join(ws.dir, 'mcp-stack.lock'), 'utf8')).toMatch(/^ {6}create_entities: \{ input: sha256:[0-9a-f]{32}, description: sha256:[0-9a-f]{32} \}$/m);
    expect(run(['lock', '-f', file, '--check'])).toMatchObject({ code: 0, out: expect.stringContaining('matches what every server resolves to') as unknown });
    expect(run(['apply', '-f', file, '--locked'])).toMatchObject({ code: 0, err: '' });
    const ps = JSON.parse(run(['ps', '-f', file, '--json']).out) as { servers: { server: string; state: string }[] };
    expect(ps.servers.map((r) => [r.server, r.state])).toEqual([['memory', 'running']]);

    // The way Claude Desktop runs it: the client spawns `mcp-orchestrator attach`.
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'attach', 'memory', '-f', file], env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: lockDir } as Record<string, string>, stderr: 'pipe' });
    const client = new Client({ name: 'packed-bin-test', version: '1' });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('create_entities');
      const second = run(['attach', 'memory', '-f', file]);
      expect(second.code).toBe(5);
      expect(second.err).toContain('already has a client attached');
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('read_graph');
    } finally {
      await client.close();
    }
    expect(run(['logs', 'memory', '-f', file, '--tail', '5'])).toMatchObject({ code: 0 });

    const watch = new CliProcess(['watch', '-f', file, '--log-format', 'json'], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir }, ws.dir, bin);
    try {
      await waitFor('watch running', () => (watch.json().some((l) => l['message'] === 'watching') ? true : undefined), 30_000);
    } finally {
      watch.kill('SIGTERM');
    }
    expect(await watch.exitedWithin(20_000)).toBe(0);

    // serve: the gateway through the installed bin (its SDK v2 packages resolved from the install).
    const port = 20000 + (process.pid % 20000);
    const serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-format', 'json'], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir }, ws.dir, bin);
    try {
      const health = await waitFor(
        'the gateway serving memory',
        async () => {
          const h = (await (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).json()) as { servers: Record<string, { state: string; tools?: number }> };
          return h.servers['memory']?.state === 'up' ? h : undefined;
        },
        60_000,
        250,
      );
      expect(health.servers['memory']?.tools).toBeGreaterThan(0);
    } finally {
      serve.kill('SIGTERM');
    }
    expect(await serve.exitedWithin(20_000)).toBe(0);

    expect(run(['down', '-f', file])).toMatchObject({ code: 0 });
    expect(await projectContainers(ws.project)).toEqual([]);
  }, 240_000);
});
