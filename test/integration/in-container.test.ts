import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Docker from 'dockerode';
import { waitFor } from '../support/cli-process';
import { buildOrchestratorImage, DEBIAN_BASE_IMAGE, describeDocker, ORCHESTRATOR_IMAGE, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { projectContainers, removeProject } from '../support/engine-cleanup';

const docker = new Docker();
const execFileAsync = promisify(execFile);
const IMAGE = ORCHESTRATOR_IMAGE;
const BASE = DEBIAN_BASE_IMAGE;
/** A stdio server's runtime for its stdio host, put in a volume by the orchestrator in the container (from its own node). */
const STDIO_RUNTIME_BIND = /^mcp-orchestrator-stdio-[0-9a-f]{16}:\/opt\/mcp-orchestrator:ro$/;

/** Asynchronous: the TCP forwarder below lives in this process and must keep serving meanwhile. */
async function run(args: string[]): Promise<string> {
  return (await execFileAsync('docker', args, { encoding: 'utf8', timeout: 120_000 })).stdout;
}

/** The engine over TCP on loopback, as Docker Desktop or dockerd -H tcp:// would offer it. */
function tcpForwarder(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((client) => {
    const upstream = net.connect('/var/run/docker.sock');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/**
 * The seed scenario: the orchestrator runs in a container (built from the project's Dockerfile on a
 * local Debian base), as a non-root user, with the host's socket mounted, and manages servers on the
 * host engine; bind mounts are translated to host paths.
 */
/** The local Debian base is built only where debootstrap is installed (.ci/run installs it). */
function baseImagePresent(): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', BASE], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const describeImage = baseImagePresent() || process.env['CI'] ? describeDocker : describe.skip;

describeImage('the orchestrator in a container, managing the host engine', () => {
  const project = uniqueProject('incontainer');
  const orchestrators: string[] = [];
  let dir: string;

  const gatewayStack = [
    'version: 1',
    `project: ${project}`,
    'servers:',
    '  memory:',
    '    image: mcp-orchestrator-test/mcp-servers:local',
    '    command: [mcp-server-memory]',
    '  web:',
    '    image: mcp-orchestrator-test/mcp-servers:local',
    '    command: [mcp-server-everything, streamableHttp]',
    '    env: { PORT: "3001" }',
    '    transport: { type: http, port: 3001, path: /mcp }',
    '',
  ].join('\n');

  const stack = (mode: string): string =>
    [
      'version: 1',
      `project: ${project}`,
      'servers:',
      '  writer:',
      `    image: ${TEST_NODE_IMAGE}`,
      `    command: [sh, -c, "echo written-by-server-${mode} > /data/out.txt; sleep 600"]`,
      '    ready: running',
      `    env: { MODE: ${mode} }`,
      '    volumes: [./data:/data]',
      '',
    ].join('\n');

  beforeAll(async () => {
    await buildOrchestratorImage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-incontainer-'));
    // As a user's own project directory is to that user: the orchestrator runs as uid 1000.
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'data'));
    fs.chmodSync(path.join(dir, 'data'), 0o777);
    fs.writeFileSync(path.join(dir, 'mcp-stack.yml'), stack('one'));
  }, 300_000);

  afterAll(async () => {
    for (const name of orchestrators) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const inContainer = (args: string[], extra: string[] = ['-v', '/var/run/docker.sock:/var/run/docker.sock']): Promise<string> =>
    run(['run', '--rm', '-v', `${dir}:/project`, ...extra, IMAGE, ...args]);

  it("runs on the Node major the project's Dockerfile ships, which the test suite's floor is below or at", async () => {
    const shipped = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(fs.readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8'))?.[1];
    const inImage = (await run(['run', '--rm', '--entrypoint', 'node', IMAGE, '--version'])).trim();
    expect(inImage).toMatch(new RegExp(`^v${shipped ?? 'none'}\\.`));
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('apply from inside: the server comes up on the host engine with its bind mount at the host path', async () => {
    const out = await inContainer(['apply']);
    expect(out).toContain('✓ create server writer');
    const info = await docker.getContainer(`${project}-writer`).inspect();
    expect(info.HostConfig.Binds).toEqual([`${path.join(dir, 'data')}:/data`, expect.stringMatching(STDIO_RUNTIME_BIND)]);
    const written = await waitFor('the file the server writes through the bind mount', () => {
      const f = path.join(dir, 'data', 'out.txt');
      return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined;
    });
    expect(written).toBe('written-by-server-one\n');
  }, 120_000);

  it('watch from inside, as a non-root user: a file edit on the host recreates the server; SIGTERM exits 0', async () => {
    const name = `${project}-watch`;
    orchestrators.push(name);
    const before = (await projectContainers(project))[0]?.id;
    await run(['run', '-d', '--name', name, '-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${dir}:/project`, IMAGE, 'watch', '--debounce', '100']);
    try {
      await watchEdit(name, before);
    } finally {
      await docker.getContainer(name).stop({ t: 20 }).catch(() => undefined);
    }
    const exit = await docker.getContainer(name).wait();
    expect(exit.StatusCode).toBe(0);
    expect((await projectContainers(project)).map((c) => c.state)).toEqual(['running']);
  }, 120_000);

  async function watchEdit(name: string, before: string | undefined): Promise<void> {
    await waitFor('watch running', async () => ((await docker.getContainer(name).inspect()).State.Running ? true : undefined));
    // The entrypoint starts as root and execs the orchestrator under setpriv: right after the
    // start, `top` can still see the root process holding the same command line.
    const uid = await waitFor(
      'the orchestrator running as uid 1000',
      async () => {
        const top = await docker.getContainer(name).top({ ps_args: '-o pid,uid,args' });
        const nodeRow = (top.Processes as string[][]).find((p) => (p[2] ?? '').includes('dist/cli/mcp-orchestrator.js'));
        return nodeRow?.[1] === '1000' ? nodeRow[1] : undefined;
      },
      10_000,
      100,
    );
    expect(uid).toBe('1000');
    await new Promise((r) => setTimeout(r, 1500));
    fs.writeFileSync(path.join(dir, 'mcp-stack.yml'), stack('two'));
    await waitFor('writer recreated', async () => {
      const c = await projectContainers(project);
      return c.length === 1 && c[0]?.id !== before && c[0]?.state === 'running' ? true : undefined;
    }, 30_000);
    await waitFor('the new server writing through the bind mount', () =>
      fs.readFileSync(path.join(dir, 'data', 'out.txt'), 'utf8') === 'written-by-server-two\n' ? true : undefined,
    );
  }

  it('down from inside removes the servers', async () => {
    expect(await inContainer(['down'])).toContain('Removed: project');
    expect(await projectContainers(project)).toEqual([]);
  }, 60_000);

  it('the same over DOCKER_HOST=tcp://, with no socket mounted', async () => {
    const tcp = await tcpForwarder();
    try {
      const extra = ['--network', 'host', '-e', `DOCKER_HOST=tcp://127.0.0.1:${tcp.port}`];
      expect(await inContainer(['apply'], extra)).toContain('✓ create server writer');
      const info = await docker.getContainer(`${project}-writer`).inspect();
      expect(info.HostConfig.Binds).toEqual([`${path.join(dir, 'data')}:/data`, expect.stringMatching(STDIO_RUNTIME_BIND)]);
      expect(await inContainer(['down'], extra)).toContain('Removed: project');
      expect(await projectContainers(project)).toEqual([]);
    } finally {
      await tcp.close();
    }
  }, 120_000);

  it("runs as the owner of a private project directory (any uid, mode 700): reads it, and what it writes belongs to that owner", async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-owned-'));
    try {
      fs.writeFileSync(path.join(own, 'claude_desktop_config.json'), JSON.stringify({ mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@2026.8.31'] } } }));
      fs.chmodSync(path.join(own, 'claude_desktop_config.json'), 0o600);
      execFileSync('chown', ['-R', '4242:4343', own]);
      fs.chmodSync(own, 0o700);
      const mount = ['-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${own}:/project`];
      await run(['run', '--rm', ...mount, IMAGE, 'import', 'claude_desktop_config.json', '--project', project]);
      const written = fs.statSync(path.join(own, 'mcp-stack.yml'));
      expect([written.uid, written.gid]).toEqual([4242, 4343]);
      expect(await run(['run', '--rm', ...mount, IMAGE, 'validate'])).toContain('valid');
      // The engine through the socket's group, as that uid.
      expect(await run(['run', '--rm', ...mount, IMAGE, 'plan'])).toContain('server memory');
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('a root-owned directory it cannot read: says which uid it runs as and who owns what', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-rootowned-'));
    try {
      fs.writeFileSync(path.join(own, 'mcp-stack.yml'), 'version: 1\nservers: {}\n');
      fs.chmodSync(own, 0o700);
      let stderr = '';
      try {
        await run(['run', '--rm', '-v', `${own}:/project`, IMAGE, 'validate']);
      } catch (err) {
        stderr = String((err as { stderr: unknown }).stderr);
      }
      expect(stderr).toContain('runs as uid 1000 (gid 1000), which cannot read /project (owned by 0:0, mode 700)');
      expect(stderr).toContain('MCP_ORCHESTRATOR_USER=UID:GID');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);

  it('serve from inside, on a published port: the gateway answers MCP clients with a bearer token, and refuses them without', async () => {
    const name = `${project}-serve`;
    orchestrators.push(name);
    const token = 'in-container-test-token-0123456789';
    const port = 20000 + (process.pid % 10000);
    fs.writeFileSync(path.join(dir, 'mcp-stack.yml'), gatewayStack);
    await run(['run', '-d', '--name', name, '-p', `127.0.0.1:${port}:8808`, '-e', `MCP_ORCHESTRATOR_GATEWAY_TOKEN=${token}`, '-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${dir}:/project`, IMAGE, 'serve', '--listen', '0.0.0.0:8808']);
    try {
      await waitFor('the gateway serving memory', async () => {
        const h = (await (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).json()) as { servers: Record<string, { state: string }> };
        return h.servers['memory']?.state === 'up' && h.servers['web']?.state === 'up' ? true : undefined;
      }, 90_000, 500);
      const refused = await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(401);
      const c = new Client({ name: 'in-container', version: '1' });
      await c.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      try {
        const names = (await c.listTools()).tools.map((t) => t.name);
        expect(names).toContain('memory__create_entities');
        // An http server, reached on the project network the orchestrator's container joined.
        expect(names).toContain('web__echo');
      } finally {
        await c.close();
      }
      const logs = await run(['logs', name]).catch(() => '');
      expect(logs).not.toContain(token);
      // Stopped, the gateway leaves the project network, so down can remove it.
      await docker.getContainer(name).stop({ t: 20 });
      expect(await inContainer(['down'])).toContain('Removed: project');
    } finally {
      await docker.getContainer(name).stop({ t: 20 }).catch(() => undefined);
      await inContainer(['down']).catch(() => undefined);
      fs.writeFileSync(path.join(dir, 'mcp-stack.yml'), stack('one'));
    }
  }, 180_000);

  it('without a socket or DOCKER_HOST it says what to mount, and exits 4', async () => {
    let status = 0;
    let stderr = '';
    try {
      await inContainer(['ps'], []);
    } catch (err) {
      status = (err as { code: number }).code;
      stderr = String((err as { stderr: unknown }).stderr);
    }
    expect(status).toBe(4);
    expect(stderr).toContain('-v /var/run/docker.sock:/var/run/docker.sock');
    expect(stderr).toContain('DOCKER_HOST=tcp://host.docker.internal:2375');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
