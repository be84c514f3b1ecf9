import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { connectEngine } from '../../src/docker/dockerode-engine';
import { StreamTransport } from '../../src/mcp/stream-transport';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_NODE_IMAGE, TEST_SERVERS_IMAGE, uniqueProject } from '../support/docker';
import { projectContainers, removeProject } from '../support/engine-cleanup';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

interface TestJson {
  ok: boolean;
  servers: { server: string; ok: boolean; transport: string; protocolVersion?: string; serverName?: string; tools: string[]; error?: string }[];
}

/**
 * Real MCP servers from npm, in containers, spoken to with the official SDK. The npx: server is
 * built from the npm registry at test time ([needs the npm registry]: CI machines reach it).
 */
describeDocker('MCP-native servers [needs the npm registry]', () => {
  const project = uniqueProject('mcp');
  let dir: string;
  let file: string;

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = captureOutput();
    const code = await main(args, { HOME: os.homedir() }, io, { stdout: new PassThrough(), stderr: new PassThrough() });
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-mcp-'));
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'hello.txt'), 'hello from the host\n');
    file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${project}`,
        'runtimes:',
        `  node: { image: ${TEST_NODE_IMAGE} }`,
        'servers:',
        '  memory:',
        '    npx: "@modelcontextprotocol/server-memory@2026.8.31"',
        '    env: { MEMORY_FILE_PATH: /tmp/memory.json }',
        '  everything:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything]',
        '  filesystem:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-filesystem, /data]',
        '    volumes: [./data:/data:ro]',
        '  everything-http:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything, streamableHttp]',
        '    env: { PORT: "3001" }',
        '    transport: { type: http, port: 3001, path: /mcp }',
        '',
      ].join('\n'),
    );
    const r = await cli('apply', '-f', file);
    if (r.code !== 0) throw new Error(`apply failed:\n${r.out}\n${r.err}`);
  }, 180_000);

  afterAll(async () => {
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("`test` reports each server's real tool list", async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const r = await cli('test', '-f', file, '--json');
    const result = JSON.parse(r.out) as TestJson;
    const byName = Object.fromEntries(result.servers.map((s) => [s.server, s]));
    expect(result.servers.map((s) => [s.server, s.ok, s.error ?? ''])).toEqual([
      ['everything', true, ''],
      ['everything-http', true, ''],
      ['filesystem', true, ''],
      ['memory', true, ''],
    ]);
    expect(byName['everything']?.tools).toEqual(expect.arrayContaining(['echo', 'get-sum', 'get-env', 'trigger-long-running-operation']));
    expect(byName['everything-http']?.transport).toBe('http');
    expect(byName['everything-http']?.tools).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    expect(byName['filesystem']?.tools).toEqual(expect.arrayContaining(['read_file', 'list_directory', 'write_file']));
    expect(byName['memory']?.tools).toEqual(expect.arrayContaining(['create_entities', 'read_graph', 'search_nodes']));
    expect(byName['memory']?.serverName).toBe('memory-server');
    expect(r.code).toBe(ExitCode.OK);
    const probes = await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${project}`, 'io.mcp-orchestrator.probe'] } });
    expect(probes).toEqual([]);
  }, 120_000);

  it('a stdio server stays up with no client, and a client attaching to it completes a handshake and calls a tool', async () => {
    const name = `${project}-filesystem`;
    const before = await docker.getContainer(name).inspect();
    await new Promise((r) => setTimeout(r, 2000));
    const still = await docker.getContainer(name).inspect();
    expect(still.State.Running).toBe(true);
    expect(still.State.StartedAt).toBe(before.State.StartedAt);

    const engine = connectEngine(undefined, {});
    const attached = await engine.attachStdio(before.Id);
    const client = new Client({ name: 'test', version: '1' }, { capabilities: {} });
    try {
      await client.connect(new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()));
      expect(client.getServerVersion()?.name).toBe('secure-filesystem-server');
      const read = await client.callTool({ name: 'read_text_file', arguments: { path: '/data/hello.txt' } });
      expect(JSON.stringify(read.content)).toContain('hello from the host');
    } finally {
      await client.close();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(true);
  }, 60_000);

  it('a failing server is reported with its stderr, and the exit code says so', async () => {
    const broken = path.join(dir, 'broken.yml');
    fs.writeFileSync(
      broken,
      `version: 1\nproject: ${project}\nservers:\n  broken:\n    image: ${TEST_NODE_IMAGE}\n    command: [sh, -c, "echo 'no API key configured' >&2; exit 3"]\n`,
    );
    const r = await cli('test', '-f', broken, '--json', '--timeout', '10');
    expect(r.code).toBe(ExitCode.FAILED);
    const result = JSON.parse(r.out) as TestJson;
    expect(result.servers[0]?.ok).toBe(false);
    expect(result.servers[0]?.error).toContain('stderr: no API key configured');
  }, 60_000);

  it('a server that fails with a reason and then a long stack trace: test shows the reason and the end, bounded', async () => {
    const crashing = path.join(dir, 'crashing.yml');
    // A reason first, then 200 stack frames (more than the 4 KiB tail kept), then a last line: what real servers print when they die ($$ is a literal $ in a stack file).
    const script = 'echo "Could not find a valid ICU package installed on the system." >&2; i=0; while [ $$i -lt 200 ]; do echo "    at frame$$i (/app/module$$i.js:1:1)" >&2; i=$$((i+1)); done; echo "node exited" >&2; exit 1';
    fs.writeFileSync(crashing, `version: 1\nproject: ${project}\nservers:\n  crashing:\n    image: ${TEST_NODE_IMAGE}\n    command: [sh, -c, '${script}']\n`);
    const r = await cli('test', '-f', crashing, '--json', '--timeout', '10');
    expect(r.code).toBe(ExitCode.FAILED);
    const error = (JSON.parse(r.out) as TestJson).servers[0]?.error ?? '';
    expect(error).toContain('Could not find a valid ICU package');
    expect(error).toContain('node exited');
    expect(error.length).toBeLessThan(2000);
    // lock says so too, and its last word is not "up to date".
    const lock = await cli('lock', '-f', crashing, '--timeout', '10');
    expect(lock.code).toBe(ExitCode.FAILED);
    expect(lock.err).toContain('server crashing: tools not recorded');
    expect(lock.out.trim().split('\n').pop()).toMatch(/without the tools of crashing, which did not answer: not up to date$/);
  }, 90_000);

  it('a server that offers prompts and resources but fails to list them is judged by its tools: ok, with a warning naming each method', async () => {
    fs.cpSync(path.join(__dirname, '..', 'fixtures', 'lock-server'), path.join(dir, 'lock-server'), { recursive: true });
    const lists = path.join(dir, 'lists.yml');
    fs.writeFileSync(lists, `version: 1\nproject: ${project}\nservers:\n  lists:\n    image: ${TEST_NODE_IMAGE}\n    command: [node, /srv/server.js]\n    volumes: ["./lock-server:/srv:ro"]\n    env: { FIXTURE_LISTS: broken }\n`);
    const r = await cli('test', '-f', lists, '--json', '--timeout', '20');
    expect(r.code).toBe(ExitCode.OK);
    const result = JSON.parse(r.out) as TestJson & { servers: { warnings?: string[] }[] };
    expect(result.servers[0]).toMatchObject({ ok: true, tools: ['echo'] });
    expect(result.servers[0]?.warnings).toEqual([expect.stringMatching(/^prompts\/list failed: .*not supported/), expect.stringMatching(/^resources\/list failed: .*not supported/)]);
    const plain = await cli('test', '-f', lists, '--timeout', '20');
    expect(plain.err).toContain('lists: warning: resources/list failed');
  }, 90_000);

  it("a package that does not exist: apply fails with npm's own error from the build, and nothing of the spec reaches a shell", async () => {
    const other = uniqueProject('mcp-404');
    const badFile = path.join(dir, 'missing-package.yml');
    fs.writeFileSync(
      badFile,
      ['version: 1', `project: ${other}`, 'runtimes:', `  node: { image: ${TEST_NODE_IMAGE} }`, 'servers:', '  ghost:', '    npx: "@mcp-orchestrator-test/no-such-package-4f1c@1.0.0"', ''].join('\n'),
    );
    try {
      const r = await cli('apply', '-f', badFile);
      expect(r.code).toBe(ExitCode.FAILED);
      expect(`${r.out}\n${r.err}`).toContain('last lines of the build output');
      expect(`${r.out}\n${r.err}`).toMatch(/npm (ERR!|error) (code E404|404)/);
    } finally {
      await removeProject(other);
    }
  }, 120_000);

  it('the npx: image is reused: a second apply builds nothing', async () => {
    const r = await cli('apply', '-f', file);
    expect(r.out).toBe(`No changes: project ${project} matches the stack file (4 servers up to date).`);
    expect((await projectContainers(project)).length).toBe(4);
  }, 60_000);
});

describeDocker('apply --wait', () => {
  const ws = useWorkspace('wait');
  const project = ws.project;

  it('waits for servers to settle and http servers to answer, and names the one that does not come up', async () => {
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${project}`,
        'servers:',
        '  steady:',
        `    image: ${TEST_NODE_IMAGE}`,
        '    command: [sleep, "600"]',
        '    ready: running',
        '  web:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything, streamableHttp]',
        '    transport: { type: http, port: 3001 }',
        '  crashy:',
        `    image: ${TEST_NODE_IMAGE}`,
        '    command: [sh, -c, "sleep 0.5; exit 3"]',
        '    restart: "no"',
        '',
      ].join('\n'),
    );
    const io = captureOutput();
    const code = await main(['apply', '-f', file, '--wait', '--wait-timeout', '30'], { HOME: os.homedir() }, io);
    expect(code).toBe(ExitCode.FAILED);
    const lines = io.stdout.filter((l) => / is (not )?up/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        '✓ server steady is up: running',
        '✓ server web is up: answers initialize and tools/list',
        '✗ server crashy is not up: exited with code 3',
      ]),
    );
  }, 90_000);

  it('a server in a crash loop is not up, the first time or the next, and ps says it is restarting', async () => {
    const file = path.join(ws.dir, 'loop.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${project}-loop`,
        'servers:',
        // Like a server that prints its usage and exits 0 a few seconds later: the engine restarts it, again and again.
        '  loop:',
        `    image: ${TEST_NODE_IMAGE}`,
        '    command: [node, -e, "setTimeout(() => {}, 3000)"]',
        '  everything:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything]',
        '',
      ].join('\n'),
    );
    try {
      const first = captureOutput();
      expect(await main(['apply', '-f', file, '--wait', '--wait-timeout', '25'], { HOME: os.homedir() }, first)).toBe(ExitCode.FAILED);
      expect(first.stdout).toContain('✓ server everything is up: answers initialize and tools/list');
      expect(first.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^✗ server loop is not up: .*; restarting \(\d+\)$/)]));
      // apply created it and asked it: it did not answer, which is no "started before anything asked".
      expect(first.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^loop\.lock has no tools of loop: it did not answer when asked \(the container exited with code 0/)]));
      expect(first.stdout.join('\n')).not.toContain('started before anything asked');

      const ps = captureOutput();
      expect(await main(['ps', '-f', file, '--json'], { HOME: os.homedir() }, ps)).toBe(ExitCode.OK);
      const rows = (JSON.parse(ps.stdout.join('\n')) as { servers: { server: string; state: string; restarts: number }[] }).servers;
      const loop = rows.find((r) => r.server === 'loop');
      expect(loop?.restarts).toBeGreaterThan(0);
      expect(loop?.state).toMatch(/^restarting \(\d+\)$/);
      expect(rows.find((r) => r.server === 'everything')).toMatchObject({ state: 'running', restarts: 0 });

      // Unchanged, the next apply asks nothing on its stdio: watching it is what shows the loop.
      const again = captureOutput();
      expect(await main(['apply', '-f', file, '--wait', '--wait-timeout', '20'], { HOME: os.homedir() }, again)).toBe(ExitCode.FAILED);
      expect(again.stdout).toContain('✓ server everything is up: running');
      expect(again.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^✗ server loop is not up: .*restarting \(\d+\)$/)]));
    } finally {
      await removeProject(`${project}-loop`);
    }
  }, 120_000);
});
