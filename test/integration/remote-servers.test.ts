import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE, uniqueProject } from '../support/docker';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * A remote server (url:) is somebody else's: here an MCP server in a container this test starts
 * itself, outside any stack, published on loopback (so the stack needs allow: [private_urls]).
 * The stack names it beside a container server: plan names it, apply checks it, test and ps reach
 * it, serve fronts it with the others, down leaves it alone; without the allow it is refused.
 */
describeDocker('remote servers (url:)', () => {
  const ws = useWorkspace('remote');
  const outsider = `${uniqueProject('outsider')}-everything`;
  let port: number;
  let file: string;

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = captureOutput();
    const code = await main(args, { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), REMOTE_TOKEN: 'remote-canary-7c1d' }, io, { stdout: new PassThrough(), stderr: new PassThrough() });
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  /** The remote server as its owner runs it; `extraTools` is what a changed deployment there would add. */
  const startOutsider = async (extraTools: number): Promise<void> => {
    await docker.getContainer(outsider).remove({ force: true }).catch(() => undefined);
    const c = await docker.createContainer({
      name: outsider,
      Image: TEST_SERVERS_IMAGE,
      Cmd: ['gateway-fixture', '--http', '3001'],
      Env: [`EXTRA_TOOLS=${extraTools}`],
      ExposedPorts: { '3001/tcp': {} },
      HostConfig: { PortBindings: { '3001/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    });
    await c.start();
    await waitFor('the outsider answers', async () => ((await fetch(`http://127.0.0.1:${port}/mcp`).catch(() => undefined)) !== undefined ? true : undefined), 30_000, 200);
  };

  beforeAll(async () => {
    port = await freePort();
    await startOutsider(0);
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${ws.project}`,
        'allow: [private_urls]',
        'servers:',
        '  elsewhere:',
        `    url: http://127.0.0.1:${port}/mcp`,
        '    headers: { Authorization: "Bearer ${REMOTE_TOKEN}" }',
        '  memory:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        '',
      ].join('\n'),
    );
  }, 90_000);

  afterAll(async () => {
    await docker.getContainer(outsider).remove({ force: true }).catch(() => undefined);
  }, 60_000);

  it('without allow: [private_urls], a remote server on this machine is a located error', async () => {
    const strict = path.join(ws.dir, 'strict.yml');
    fs.writeFileSync(strict, ['version: 1', `project: ${ws.project}x`, 'servers:', '  elsewhere:', `    url: http://127.0.0.1:${port}/mcp`, ''].join('\n'));
    const r = await cli('validate', '-f', strict);
    expect(r.code).toBe(ExitCode.INVALID_SPEC);
    expect(r.err).toContain(`strict.yml:5:10: server "elsewhere": url: 127.0.0.1 is a loopback address: a remote server there needs allow: [private_urls]`);
  });

  it('plan names it, apply checks it answers and creates nothing for it, test and ps reach it; no header value is printed', async () => {
    const plan = await cli('plan', '-f', file);
    expect(plan.out).toContain(`= remote         server elsewhere: http://127.0.0.1:${port}/mcp, nothing to create; apply checks it answers`);
    const apply = await cli('apply', '-f', file);
    expect(apply.code).toBe(ExitCode.OK);
    // The remote's own era: server-everything speaks 2026-07-28, which the client asks first.
    expect(apply.out).toMatch(/✓ remote server elsewhere answers \(2026-07-28, \d+ tools\)/);
    const containers = await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } });
    expect(containers.map((c) => c.Labels['io.mcp-orchestrator.server'])).toEqual(['memory']);
    const test = await cli('test', '-f', file, '--json');
    const servers = (JSON.parse(test.out) as { servers: { server: string; ok: boolean; tools: string[] }[] }).servers;
    expect(servers.map((s) => [s.server, s.ok])).toEqual([['elsewhere', true], ['memory', true]]);
    expect(servers[0]?.tools).toContain('echo');
    const ps = await cli('ps', '-f', file, '--json');
    const rows = (JSON.parse(ps.out) as { servers: { server: string; state: string; status: string; sync: string }[] }).servers;
    expect(rows.find((r) => r.server === 'elsewhere')).toMatchObject({ state: 'remote', sync: 'remote', status: expect.stringMatching(/^reachable \(2026-07-28, /) });
    for (const r of [plan, apply, test, ps]) expect(`${r.out}${r.err}`).not.toContain('remote-canary-7c1d');
  }, 120_000);

  it('the lockfile pins its tools: a changed deployment at its URL fails apply --locked and lock --check, naming the tool', async () => {
    expect((await cli('lock', '-f', file)).code).toBe(ExitCode.OK);
    const locked = fs.readFileSync(path.join(ws.dir, 'mcp-stack.lock'), 'utf8');
    expect(locked).toContain(`  elsewhere:\n    url: http://127.0.0.1:${port}/mcp\n    tools:\n`);
    expect(locked).toMatch(/      echo: \{ input: sha256:[0-9a-f]{32}, description: sha256:[0-9a-f]{32} \}/);
    await startOutsider(1);
    try {
      const applied = await cli('apply', '-f', file, '--locked');
      expect(applied.code).toBe(ExitCode.FAILED);
      expect(applied.out).toContain('✗ remote server elsewhere answers, but tool listed_1 added');
      const check = await cli('lock', '-f', file, '--check');
      expect(check.code).toBe(ExitCode.FAILED);
      expect(check.out).toContain('mcp-stack.lock: server elsewhere tool listed_1 added');
      expect(fs.readFileSync(path.join(ws.dir, 'mcp-stack.lock'), 'utf8')).toBe(locked);
    } finally {
      await startOutsider(0);
    }
  }, 120_000);

  it('a legacy HTTP+SSE remote server (transport: sse) is tested and served like the others', async () => {
    const ssePort = await freePort();
    const name = `${outsider}-sse`;
    const c = await docker.createContainer({
      name,
      Image: TEST_SERVERS_IMAGE,
      Cmd: ['mcp-server-everything', 'sse'],
      Env: ['PORT=3001'],
      ExposedPorts: { '3001/tcp': {} },
      HostConfig: { PortBindings: { '3001/tcp': [{ HostIp: '127.0.0.1', HostPort: String(ssePort) }] } },
    });
    try {
      await c.start();
      await waitFor('the SSE server answers', async () => ((await fetch(`http://127.0.0.1:${ssePort}/sse`, { signal: AbortSignal.timeout(500) }).catch((e: unknown) => (String(e).includes('abort') ? 'open' : undefined))) !== undefined ? true : undefined), 30_000, 200);
      const sseFile = path.join(ws.dir, 'sse.yml');
      fs.writeFileSync(sseFile, ['version: 1', `project: ${ws.project}-sse`, 'allow: [private_urls]', 'servers:', '  old:', `    url: http://127.0.0.1:${ssePort}/sse`, '    transport: sse', ''].join('\n'));
      const test = await cli('test', '-f', sseFile, '--json');
      const servers = (JSON.parse(test.out) as { servers: { server: string; ok: boolean; tools: string[]; error?: string }[] }).servers;
      expect(servers).toEqual([expect.objectContaining({ server: 'old', ok: true, tools: expect.arrayContaining(['echo']) })]);
      const gatewayPort = await freePort();
      const serve = new CliProcess(['serve', '-f', sseFile, '--listen', `127.0.0.1:${gatewayPort}`], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
      try {
        await waitFor('the gateway ready', async () => ((await fetch(`http://127.0.0.1:${gatewayPort}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
        const client = new Client({ name: 'sse-test', version: '1' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${gatewayPort}/mcp`)));
        const echoed = await client.callTool({ name: 'old__echo', arguments: { message: 'over sse' } });
        expect(JSON.stringify(echoed.content)).toContain('over sse');
        await client.close();
      } finally {
        serve.kill('SIGTERM');
        await serve.exitedWithin(30_000);
      }
    } finally {
      await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    }
  }, 120_000);

  it('serve puts it behind the gateway with the container server; down leaves it alone', async () => {
    const gatewayPort = await freePort();
    const serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${gatewayPort}`, '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), REMOTE_TOKEN: 'remote-canary-7c1d' });
    try {
      await waitFor('the gateway ready', async () => ((await fetch(`http://127.0.0.1:${gatewayPort}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
      const client = new Client({ name: 'remote-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${gatewayPort}/mcp`)));
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['elsewhere__echo', 'memory__read_graph']));
      const echoed = await client.callTool({ name: 'elsewhere__echo', arguments: { message: 'through the gateway' } });
      expect(JSON.stringify(echoed.content)).toContain('through the gateway');
      await client.close();
    } finally {
      serve.kill('SIGTERM');
      await serve.exitedWithin(30_000);
    }
    expect(serve.lines.join('\n')).not.toContain('remote-canary-7c1d');
    expect((await cli('down', '-f', file)).code).toBe(ExitCode.OK);
    expect((await docker.getContainer(outsider).inspect()).State.Running).toBe(true);
  }, 120_000);
});
