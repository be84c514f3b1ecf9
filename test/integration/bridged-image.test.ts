import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { BRIDGE_PORT, BRIDGE_TOKEN_FILE } from '../../src/recipes/bridged-image';
import { connectEngine } from '../../src/docker/dockerode-engine';
import { buildBridgedImage } from '../../src/runtime/bridge/bridged-build';
import { describeDocker, uniqueProject } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { untilServing } from '../support/gateway-health';

/**
 * The image a stdio server runs as where no gateway can attach to it (a task on another Swarm
 * node): its own image with the bridge in front. Proven on an image with no node at all (busybox
 * and a stdio MCP server written in sh): the bridge brings its own runtime.
 */
describeDocker('bridged image: a stdio server reached over HTTP from its own image', () => {
  const project = uniqueProject('bridged');
  const docker = new Docker();
  const base = `mcp-orchestrator-test/${project}:no-node`;
  let root: string;

  beforeAll(() => {
    // busybox, its applets, and the server: nothing else (no node, no libc).
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-no-node-'));
    fs.mkdirSync(path.join(root, 'bin'));
    fs.mkdirSync(path.join(root, 'srv'));
    fs.mkdirSync(path.join(root, 'tmp'));
    fs.copyFileSync(execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim(), path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const applet of ['sh', 'sed', 'printf', 'cat']) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'sh-server', 'server.sh'), path.join(root, 'srv', 'server.sh'));
    fs.chmodSync(path.join(root, 'srv', 'server.sh'), 0o755);
    execFileSync('sh', ['-c', `tar -C "$1" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/srv/server.sh"]' -c "LABEL io.mcp-orchestrator.project=${project}" - "$2"`, 'sh', root, base], { stdio: 'pipe' });
  }, 60_000);

  afterAll(async () => {
    await removeProject(project);
    // The base goes after the bridged image built on it (an image with a child cannot be removed).
    await docker.getImage(base).remove({ force: true }).catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('the bridge runs in front of the image\'s own command, with a runtime of its own; clients of both eras reach the server', async () => {
    let said = '';
    const out = new PassThrough().on('data', (c: Buffer) => (said += c.toString('utf8')));
    await docker.run(base, ['sh', '-c', 'command -v node || echo no node here'], out, { Tty: true, Labels: { 'io.mcp-orchestrator.project': project } });
    expect(said.trim()).toBe('no node here');

    const engine = connectEngine(undefined, {});
    // Two servers on one base, created side by side (as apply does): one image, built once.
    const [built, other] = await Promise.all([
      buildBridgedImage(engine, { project, name: 'sh-server', image: base }, { 'io.mcp-orchestrator.project': project }),
      buildBridgedImage(engine, { project, name: 'other', image: base, command: ['/srv/server.sh'] }, { 'io.mcp-orchestrator.project': project }),
    ]);
    const tag = built.tag;
    expect(tag).toMatch(new RegExp(`^${project}-bridged:[0-9a-f]{16}$`));
    expect(other.tag).toBe(tag);
    expect(await docker.listImages({ filters: { label: [`io.mcp-orchestrator.project=${project}`], dangling: ['true'] } })).toEqual([]);
    // What the image itself ran, behind the bridge under the server's name.
    expect(built.args).toEqual(['--name', 'sh-server', '--', '/srv/server.sh']);
    expect(other.args).toEqual(['--name', 'other', '--', '/srv/server.sh']);

    const port = await freePort();
    const token = 't'.repeat(40);
    // Where Swarm puts the project's token config; here a bind of a file.
    fs.writeFileSync(path.join(root, 'token'), `${token}\n`);
    const container = await docker.createContainer({
      Image: tag,
      Cmd: [...built.args],
      Labels: { 'io.mcp-orchestrator.project': project },
      HostConfig: { Binds: [`${path.join(root, 'token')}:${BRIDGE_TOKEN_FILE}:ro`], PortBindings: { [`${BRIDGE_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    });
    await container.start();
    const url = new URL(`http://127.0.0.1:${port}/mcp`);
    const headers = { Authorization: `Bearer ${token}` };
    await untilServing(url.origin, 'sh-server', 60_000, headers);
    // The token in the file is the only way in.
    const anonymous = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    expect(anonymous.status).toBe(401);
    const { modern, legacy, close } = await connectBothEras(url, headers);
    try {
      expect((await modern.listTools()).tools.map((t) => t.name)).toEqual(['hello']);
      expect((await legacy.listTools()).tools.map((t) => t.name)).toEqual(['hello']);
    } finally {
      await close();
    }
    await container.stop({ t: 15 });
    expect((await container.inspect()).State.ExitCode).toBe(0);
  }, 180_000);
});
