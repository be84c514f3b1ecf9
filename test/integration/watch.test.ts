import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { projectContainers, removeProject, type ContainerView } from '../support/engine-cleanup';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

function server(env: string): string {
  return `    image: ${TEST_NODE_IMAGE}\n    command: [sleep, "600"]\n    ready: running\n    env: { MODE: ${env} }\n`;
}

describeDocker('watch: the controller loop against the real engine', () => {
  const project = uniqueProject('watch');
  let dir: string;
  let file: string;
  let watch: CliProcess;
  let lockDir: string;

  const write = (servers: Record<string, string>): void =>
    fs.writeFileSync(file, `version: 1\nproject: ${project}\nservers:\n${Object.entries(servers).map(([n, env]) => `  ${n}:\n${server(env)}`).join('')}`);
  const byServer = async (): Promise<Record<string, ContainerView>> =>
    Object.fromEntries((await projectContainers(project)).map((c) => [c.labels['io.mcp-orchestrator.server'] ?? c.name, c]));
  const runningExactly = async (names: string[]): Promise<Record<string, ContainerView> | undefined> => {
    const all = await projectContainers(project);
    const running = all.filter((c) => c.state === 'running').map((c) => c.name).sort();
    const want = names.map((n) => `${project}-${n}`).sort();
    return all.length === names.length && JSON.stringify(running) === JSON.stringify(want) ? byServer() : undefined;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-watch-'));
    lockDir = path.join(dir, 'locks');
    file = path.join(dir, 'mcp-stack.yml');
    write({ a: 'one', b: 'one' });
    watch = new CliProcess(['watch', '-f', file, '--log-format', 'json', '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir });
    await waitFor('a and b running', () => runningExactly(['a', 'b']), 30_000);
  }, 40_000);

  afterAll(async () => {
    watch?.kill('SIGKILL');
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("editing a server's env in the file recreates only that server", async () => {
    const before = await byServer();
    write({ a: 'two', b: 'one' });
    const after = await waitFor('a recreated', async () => {
      const now = await runningExactly(['a', 'b']);
      return now && now['a']?.id !== before['a']?.id ? now : undefined;
    });
    expect(after['b']?.id).toBe(before['b']?.id);
    // The line comes when the action is done: after the replacement runs, its readiness check and the old one's removal.
    const logged = await waitFor('the recreate logged', async () =>
      watch.json().find((l) => l['message'] === 'applied' && l['server'] === 'a' && l['action'] === 'recreate'),
    );
    expect(logged).toEqual(expect.objectContaining({ message: 'applied', project, server: 'a', action: 'recreate', reason: 'env MODE changed', level: 'info' }));
  }, 30_000);

  it('adding and removing servers in the file creates and removes them', async () => {
    write({ a: 'two', c: 'one' });
    await waitFor('c created and b removed', () => runningExactly(['a', 'c']));
  }, 30_000);

  it('invalid YAML changes nothing and logs the located error; fixing it converges', async () => {
    const before = await byServer();
    fs.writeFileSync(file, `version: 1\nproject: ${project}\nservers:\n  a: [\n`);
    await waitFor('the located error in the log', () =>
      watch.json().find((l) => typeof l['message'] === 'string' && (l['message'] as string).startsWith(`${file}:5:1: YAML syntax error`)),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await byServer()).toEqual(before);
    write({ a: 'two', c: 'two' });
    await waitFor('c recreated after the fix', async () => {
      const now = await runningExactly(['a', 'c']);
      return now && now['c']?.id !== before['c']?.id ? now : undefined;
    });
    expect(watch.json().some((l) => l['message'] === 'stack file is valid again')).toBe(true);
  }, 30_000);

  it('a file whose allow: grew since watch started is not applied (an operator restarts it to accept it); taking it back converges', async () => {
    const before = await byServer();
    const servers = Object.keys(before).sort();
    fs.writeFileSync(
      file,
      `version: 1\nproject: ${project}\nallow: [cap_add]\nservers:\n${servers.map((n) => `  ${n}:\n${server('two')}`).join('')}  grown:\n${server('one')}    cap_add: [SYS_ADMIN]\n`,
    );
    const refused = await waitFor('the refusal in the log', () => watch.json().find((l) => typeof l['message'] === 'string' && (l['message'] as string).startsWith('stack file grants more than when this process started')));
    expect(refused['added']).toEqual(['cap_add']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await byServer()).toEqual(before);
    write(Object.fromEntries(servers.map((n) => [n, 'two'])));
    await waitFor('the file without the grant applied', async () => ((await runningExactly(servers)) !== undefined && watch.json().some((l) => l['message'] === 'stack file is valid again') ? true : undefined));
  }, 30_000);

  it('a container removed by hand comes back; one stopped by hand is started again', async () => {
    const before = await byServer();
    execFileSync('docker', ['rm', '-f', `${project}-a`]);
    const back = await waitFor('a back', async () => {
      const now = await runningExactly(['a', 'c']);
      return now && now['a']?.id !== before['a']?.id ? now : undefined;
    });
    execFileSync('docker', ['stop', '-t', '1', `${project}-c`]);
    await waitFor('c started again', async () => {
      const info = await docker.getContainer(`${project}-c`).inspect();
      return info.State.Running && info.Id === back['c']?.id ? true : undefined;
    });
  }, 30_000);

  it('SIGTERM: exits 0 and leaves the servers running', async () => {
    watch.kill('SIGTERM');
    const code = await watch.exitedWithin(15_000);
    expect(code).toBe(0);
    expect(await runningExactly(['a', 'c'])).toBeDefined();
    expect(fs.existsSync(path.join(lockDir, `${project}.lock`))).toBe(false);
  }, 30_000);
});

describeDocker('two apply processes and a watch at once', () => {
  const ws = useWorkspace('race');
  const project = ws.project;

  it('make exactly one container per server', async () => {
    const dir = ws.dir;
    const file = path.join(dir, 'mcp-stack.yml');
    const servers = ['s1', 's2', 's3', 's4', 's5'];
    fs.writeFileSync(file, `version: 1\nproject: ${project}\nservers:\n${servers.map((s) => `  ${s}:\n${server('x')}`).join('')}`);
    const env = { MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') };
    const watch = new CliProcess(['watch', '-f', file, '--debounce', '50', '--log-level', 'debug'], env);
    const first = new CliProcess(['apply', '-f', file], env);
    const second = new CliProcess(['apply', '-f', file], env);
    try {
      expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);
      await waitFor('watch reconciled', () => (watch.lines.some((l) => l.includes('reconciled')) ? true : undefined), 30_000);
    } finally {
      watch.kill('SIGTERM');
      await watch.exited;
    }
    const containers = await projectContainers(project);
    expect(containers.map((c) => `${c.name} ${c.state}`)).toEqual(servers.map((s) => `${project}-${s} running`));
    // Whoever came second found the work done.
    const outputs = [first.lines.join('\n'), second.lines.join('\n')];
    expect(outputs.filter((o) => o.includes('No changes')).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describeDocker('develop.watch: hot reload of a server under development', () => {
  const project = uniqueProject('develop');
  const ROOT = path.join(__dirname, '..', '..');
  let dir: string;
  let watch: CliProcess;

  afterAll(async () => {
    watch?.kill('SIGKILL');
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('rebuild: a source change rebuilds the image and recreates only that server; restart: restarts in place', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-develop-'));
    fs.cpSync(path.join(ROOT, 'examples', 'build', 'server'), path.join(dir, 'server'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config', 'settings.json'), '{}');
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${project}`,
        'servers:',
        '  hello:',
        '    build: { context: ./server, args: { NODE_IMAGE: "${NODE_IMAGE}" } }',
        '    develop:',
        '      watch:',
        '        - { path: ./server, action: rebuild, ignore: ["*.log"] }',
        '  sidecar:',
        `    image: ${TEST_NODE_IMAGE}`,
        '    command: [sleep, "600"]',
        '    ready: running',
        '    volumes: [./config:/config:ro]',
        '    develop:',
        '      watch:',
        '        - { path: ./config, action: restart }',
        '',
      ].join('\n'),
    );
    watch = new CliProcess(['watch', '-f', file, '--log-format', 'json', '--debounce', '100'], {
      NODE_IMAGE: TEST_NODE_IMAGE,
      MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks'),
    });
    const names = [`${project}-hello`, `${project}-sidecar`];
    const first = await waitFor('both running', async () => {
      const c = await projectContainers(project);
      return c.length === 2 && c.every((x) => x.state === 'running') ? c : undefined;
    }, 60_000);
    expect(first.map((c) => c.name)).toEqual(names);
    const sidecarStarted = (await docker.getContainer(`${project}-sidecar`).inspect()).State.StartedAt;

    fs.writeFileSync(path.join(dir, 'server', 'debug.log'), 'ignored');
    await new Promise((r) => setTimeout(r, 1500));
    expect(watch.json().some((l) => l['message'] === 'rebuilding image')).toBe(false);
    fs.appendFileSync(path.join(dir, 'server', 'server.js'), '\n// edited\n');
    const after = await waitFor('hello recreated from the rebuilt image', async () => {
      const c = await projectContainers(project);
      const hello = c.find((x) => x.name === names[0]);
      return hello && hello.id !== first[0]?.id && hello.state === 'running' ? c : undefined;
    }, 60_000);
    expect(after.find((x) => x.name === names[1])?.id).toBe(first[1]?.id);
    expect(watch.json().some((l) => l['message'] === 'rebuilding image' && l['server'] === 'hello')).toBe(true);

    fs.writeFileSync(path.join(dir, 'config', 'settings.json'), '{"changed": true}');
    await waitFor('sidecar restarted in place', async () => {
      const info = await docker.getContainer(`${project}-sidecar`).inspect();
      return info.Id === first[1]?.id && info.State.Running && info.State.StartedAt !== sidecarStarted ? true : undefined;
    }, 30_000);
  }, 150_000);
});
