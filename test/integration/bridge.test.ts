import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Docker from 'dockerode';
import { ExitCode } from '../../src/cli/exit-codes';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE, uniqueProject } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { untilServing } from '../support/gateway-health';

const SERVER = path.join(__dirname, '..', 'fixtures', 'lock-server', 'server.js');
const BUNDLE_DIR = path.join(__dirname, '..', '..', 'dist', 'bridge');

/** Starts the built bin's bridge and returns it with the URL it says it listens on. */
async function bridge(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ p: CliProcess; url: string }> {
  const p = new CliProcess(['bridge', '--listen', '127.0.0.1:0', '--log-format', 'json', ...args], env);
  const url = await waitFor('the bridge listening', () => p.json().find((l) => l['message'] === 'bridge listening')?.['url'] as string | undefined, 20_000);
  return { p, url };
}

/**
 * `bridge -- COMMAND`: one stdio server process behind Streamable HTTP, what stands in front of a
 * stdio server no gateway can attach to. Through the real HTTP endpoint with the SDK clients of
 * both protocol eras, against a real (dependency-free) MCP server run as the bridge's child.
 */
describe('bridge: a stdio server process over Streamable HTTP', () => {
  it('serves the server under its own names to clients of both eras at once, on one process', async () => {
    const { p, url } = await bridge(['--name', 'fixture', '--', process.execPath, SERVER]);
    try {
      const pairs = await Promise.all(Array.from({ length: 4 }, () => connectBothEras(new URL(url))));
      try {
        expect(pairs[0]?.modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        const lists = await Promise.all(pairs.flatMap((c) => [c.modern.listTools(), c.legacy.listTools()]));
        for (const l of lists) expect(l.tools.map((t) => t.name)).toEqual(['echo']);
      } finally {
        await Promise.all(pairs.map((c) => c.close()));
      }
      const health = (await (await fetch(new URL('/healthz', url))).json()) as { servers: Record<string, { state: string; tools?: number }> };
      expect(health.servers['fixture']).toMatchObject({ state: 'up', tools: 1 });
      // One server process for every client: the bridge's only child.
      expect(p.json().filter((l) => l['message'] === 'server' && l['state'] === 'up')).toHaveLength(1);
    } finally {
      p.kill('SIGTERM');
    }
    expect(await p.exitedWithin(15_000)).toBe(0);
  }, 60_000);

  it('exits with the code of the server when it exits', async () => {
    const p = new CliProcess(['bridge', '--listen', '127.0.0.1:0', '--', process.execPath, '-e', 'setTimeout(() => process.exit(7), 300)'], {});
    expect(await p.exitedWithin(15_000)).toBe(7);
  }, 30_000);

  it('off loopback it needs a token, and refuses a request without it', async () => {
    const refused = new CliProcess(['bridge', '--listen', '0.0.0.0:0', '--', process.execPath, SERVER], { MCP_ORCHESTRATOR_GATEWAY_TOKEN: '' });
    expect(await refused.exitedWithin(15_000)).toBe(ExitCode.USAGE);
    expect(refused.lines.join('\n')).toContain('bridge: listening on 0.0.0.0 needs a bearer token: set MCP_ORCHESTRATOR_GATEWAY_TOKEN');
    expect(refused.lines.join('\n')).not.toMatch(/\n\s+at /);

    const { p, url } = await bridge(['--token-env', 'BRIDGE_TOKEN', '--', process.execPath, SERVER], { BRIDGE_TOKEN: 'b'.repeat(32) });
    try {
      const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
      expect(anonymous.status).toBe(401);
      const c = new Client({ name: 'with-token', version: '1' });
      await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${'b'.repeat(32)}` } } }));
      expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['echo']);
      await c.close();
    } finally {
      p.kill('SIGTERM');
    }
    expect(await p.exitedWithin(15_000)).toBe(0);
  }, 60_000);

  it('--token-file: the token from a file; a file that is no token is a clear error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bridge-token-'));
    try {
      fs.writeFileSync(path.join(dir, 'token'), `${'f'.repeat(32)}\n`);
      fs.writeFileSync(path.join(dir, 'empty'), '');
      for (const [file, message] of [
        [path.join(dir, 'empty'), `bridge: --token-file ${path.join(dir, 'empty')} is empty`],
        [dir, `bridge: --token-file ${dir}: it is a directory`],
      ] as const) {
        const bad = new CliProcess(['bridge', '--listen', '0.0.0.0:0', '--token-file', file, '--', process.execPath, SERVER], {});
        expect(await bad.exitedWithin(15_000)).toBe(ExitCode.USAGE);
        expect(bad.lines.join('\n')).toContain(message);
        expect(bad.lines.join('\n')).not.toMatch(/\n\s+at /);
      }
      // The file wins over the variable.
      const { p, url } = await bridge(['--token-file', path.join(dir, 'token'), '--', process.execPath, SERVER], { MCP_ORCHESTRATOR_GATEWAY_TOKEN: 'not-this-one' });
      try {
        const c = new Client({ name: 'with-file-token', version: '1' });
        await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${'f'.repeat(32)}` } } }));
        expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['echo']);
        await c.close();
        const wrong = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer not-this-one', 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
        expect(wrong.status).toBe(401);
      } finally {
        p.kill('SIGTERM');
      }
      expect(await p.exitedWithin(15_000)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a stop while the server has not answered its handshake ends the bridge at once (the engine need not kill it)', async () => {
    const p = new CliProcess(['bridge', '--listen', '127.0.0.1:0', '--', process.execPath, '-e', 'setInterval(() => undefined, 1000)'], {});
    await new Promise((r) => setTimeout(r, 1500));
    p.kill('SIGTERM');
    // The handshake alone would wait 25 s.
    expect(await p.exitedWithin(5000)).toBe(0);
  }, 30_000);

  it('a command that cannot run: a clear error, no stack trace', async () => {
    const p = new CliProcess(['bridge', '--', '/nonexistent/mcp-server'], {});
    expect(await p.exitedWithin(15_000)).toBe(ExitCode.USAGE);
    expect(p.lines.join('\n')).toContain('bridge: cannot run /nonexistent/mcp-server: spawn /nonexistent/mcp-server ENOENT');
    expect(p.lines.join('\n')).not.toMatch(/\n\s+at /);
  }, 30_000);
});

/**
 * The shape it is deployed in: the one-file bundle (dist/bridge, no node_modules) in a server's own
 * image, in front of server-everything, reached from outside the container with a token.
 */
describeDocker('bridge in a server image', () => {
  const project = uniqueProject('bridge');
  const docker = new Docker();
  afterAll(async () => removeProject(project), 60_000);

  it('serves server-everything from its own image to clients of both eras; SIGTERM ends it with 0', async () => {
    const port = await freePort();
    const token = 'c'.repeat(40);
    const container = await docker.createContainer({
      name: `${project}-everything`,
      Image: TEST_SERVERS_IMAGE,
      Entrypoint: ['node', '/opt/mcp-orchestrator/mcp-orchestrator.js', 'bridge', '--listen', '0.0.0.0:8811', '--name', 'everything', '--'],
      Cmd: ['mcp-server-everything'],
      Env: [`MCP_ORCHESTRATOR_GATEWAY_TOKEN=${token}`],
      Labels: { 'io.mcp-orchestrator.project': project },
      ExposedPorts: { '8811/tcp': {} },
      HostConfig: { Binds: [`${BUNDLE_DIR}:/opt/mcp-orchestrator:ro`], PortBindings: { '8811/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    });
    await container.start();
    const url = new URL(`http://127.0.0.1:${port}/mcp`);
    const headers = { Authorization: `Bearer ${token}` };
    await untilServing(url.origin, 'everything', 60_000, headers);
    const { modern, legacy, close } = await connectBothEras(url, headers);
    try {
      const [a, b] = await Promise.all([modern.callTool({ name: 'echo', arguments: { message: 'modern' } }), legacy.callTool({ name: 'echo', arguments: { message: 'legacy' } })]);
      expect(JSON.stringify(a)).toContain('Echo: modern');
      expect(JSON.stringify(b)).toContain('Echo: legacy');
    } finally {
      await close();
    }
    await container.stop({ t: 15 });
    expect((await container.inspect()).State.ExitCode).toBe(0);
  }, 120_000);
});

/** Ends the processes a case started and removes its directory. */
async function stopAll(processes: readonly CliProcess[], dir: string): Promise<void> {
  for (const p of processes) p.kill();
  await Promise.all(processes.map((p) => p.exited));
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Starts the built bin's gateway over fixed upstreams and returns it with its /mcp URL. */
async function fixedGateway(args: string[]): Promise<{ p: CliProcess; url: string }> {
  const p = new CliProcess(['gateway', '--listen', '127.0.0.1:0', '--log-format', 'json', ...args], {});
  const url = await waitFor('the gateway listening', () => p.json().find((l) => l['message'] === 'gateway listening')?.['url'] as string | undefined, 20_000);
  return { p, url };
}

/**
 * `gateway --upstream NAME=URL`: the gateway with no engine to follow (what render kubernetes runs
 * in front of the servers' Services), here in front of a bridge, which is then replaced at the same
 * address as a pod is behind its Service.
 */
describe('gateway: servers at fixed URLs', () => {
  it('serves a bridged server with its token to clients of both eras, and finds it again when it is replaced', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-fixed-'));
    const port = await freePort();
    const token = 'd'.repeat(40);
    fs.writeFileSync(path.join(dir, 'token'), `${token}\n`);
    const start = (): Promise<{ p: CliProcess; url: string }> => bridge(['--listen', `127.0.0.1:${port}`, '--name', 'fixture', '--', process.execPath, SERVER], { MCP_ORCHESTRATOR_GATEWAY_TOKEN: token }).then((b) => b);
    let upstream = await start();
    const gateway = await fixedGateway(['--upstream', `fixture=${upstream.url}`, '--upstream-token-file', `fixture=${path.join(dir, 'token')}`, '--allow-tools', 'fixture=echo']);
    const state = async (): Promise<string | undefined> => ((await (await fetch(new URL('/healthz', gateway.url))).json()) as { servers: Record<string, { state: string }> }).servers['fixture']?.state;
    try {
      await waitFor('the server up behind the gateway', async () => ((await state()) === 'up' ? true : undefined), 20_000);
      const clients = await connectBothEras(new URL(gateway.url));
      try {
        expect((await clients.modern.listTools()).tools.map((t) => t.name)).toEqual(['fixture__echo']);
        expect((await clients.legacy.listTools()).tools.map((t) => t.name)).toEqual(['fixture__echo']);
        upstream.p.kill();
        await upstream.p.exited;
        await waitFor('the gateway seeing the server gone', async () => ((await state()) !== 'up' ? true : undefined), 20_000, 250);
        upstream = await start();
        await waitFor('the server up again behind the gateway', async () => ((await state()) === 'up' ? true : undefined), 20_000, 250);
        expect((await clients.modern.listTools()).tools.map((t) => t.name)).toEqual(['fixture__echo']);
      } finally {
        await clients.close();
      }
    } finally {
      await stopAll([gateway.p, upstream.p], dir);
    }
    expect(gateway.p.lines.join('\n')).not.toContain(token);
  }, 90_000);

  it("resolves an upstream's name per session (--resolve-upstreams) and wants its clients' token from --token-file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-fixed-'));
    const token = 'e'.repeat(40);
    const clientToken = 'f'.repeat(40);
    fs.writeFileSync(path.join(dir, 'token'), `${token}\n`);
    fs.writeFileSync(path.join(dir, 'client-token'), `${clientToken}\n`);
    // On every address, so whichever address localhost resolves to (127.0.0.1 or ::1) answers.
    const port = await freePort();
    const upstream = await bridge(['--listen', `[::]:${port}`, '--name', 'fixture', '--', process.execPath, SERVER], { MCP_ORCHESTRATOR_GATEWAY_TOKEN: token });
    const gateway = await fixedGateway(['--resolve-upstreams', '--token-file', path.join(dir, 'client-token'), '--upstream', `fixture=http://localhost:${port}/mcp`, '--upstream-token-file', `fixture=${path.join(dir, 'token')}`]);
    try {
      const resolved = await waitFor('the name resolved', () => gateway.p.json().find((l) => l['message'] === 'server resolved'), 20_000);
      expect({ host: resolved['host'], address: resolved['address'] }).toEqual({ host: 'localhost', address: expect.stringMatching(/^(127\.0\.0\.1|\[::1\])$/) as unknown });
      expect((await fetch(new URL('/mcp', gateway.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
      const headers = { authorization: `Bearer ${clientToken}` };
      await untilServing(new URL(gateway.url).origin, 'fixture', 20_000, headers);
      const clients = await connectBothEras(new URL(gateway.url), headers);
      try {
        expect((await clients.legacy.listTools()).tools.map((t) => t.name)).toContain('fixture__echo');
        expect((await clients.modern.listTools()).tools.map((t) => t.name)).toContain('fixture__echo');
      } finally {
        await clients.close();
      }
    } finally {
      await stopAll([gateway.p, upstream.p], dir);
    }
    expect(gateway.p.lines.join('\n')).not.toContain(clientToken);
  }, 60_000);

  it.each([
    [[], 'gateway: no --upstream NAME=URL given'],
    [['--upstream', 'a=not a url'], 'gateway: --upstream a=not a url: not a URL'],
    [['--upstream', 'a=file:///etc/passwd'], 'gateway: --upstream a: an http:// or https:// URL, not file:'],
    [['--upstream', 'a=http://127.0.0.1:1/mcp', '--deny-tools', 'b=x'], 'gateway: --deny-tools names b, which has no --upstream'],
    [['--upstream', 'a=http://127.0.0.1:1/mcp', '--upstream', 'a=http://127.0.0.1:2/mcp'], 'gateway: --upstream names a twice'],
    [['--upstream', 'a=http://127.0.0.1:1/mcp', '--listen', '0.0.0.0:0'], 'gateway: listening on 0.0.0.0 needs a bearer token: set MCP_ORCHESTRATOR_GATEWAY_TOKEN or pass --token-file'],
    [['--upstream', 'a=http://127.0.0.1:1/mcp', '--token-file', '/nonexistent/token'], 'gateway: --token-file /nonexistent/token: no such file'],
    [['--upstream', 'a=http://127.0.0.1:1/mcp', '--upstream-token-file', 'a=/nonexistent/token'], 'gateway: --upstream-token-file a /nonexistent/token: no such file'],
  ])('%j is refused with a clear message and no stack trace', async (args, message) => {
    const p = new CliProcess(['gateway', ...args], { MCP_ORCHESTRATOR_GATEWAY_TOKEN: '' });
    expect(await p.exitedWithin(15_000)).toBe(ExitCode.USAGE);
    expect(p.lines.filter((l) => l.trim() !== '')).toEqual([message]);
  });
});
