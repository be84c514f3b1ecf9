import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { CliProcess } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { engineProxy } from '../support/engine-proxy';
import { removeContainer, removeProject, runPlainContainer } from '../support/engine-cleanup';

const docker = new Docker();
const SERVERS = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
/** Where in an apply the process is killed, as fractions of the engine calls a full apply makes. */
export const KILL_FRACTIONS = [0.03, 0.08, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.8, 0.95];

function stack(project: string, value: string, extra: Record<string, string> = {}): string {
  return [
    'version: 1',
    `project: ${project}`,
    'servers:',
    ...SERVERS.map((s) => `  ${s}:\n    image: ${TEST_NODE_IMAGE}\n    command: [sleep, "600"]\n    ready: running\n    env: { VALUE: ${value} }\n${extra[s] ?? ''}`),
    '',
  ].join('\n');
}

describeDocker('crash safety: SIGKILL at many points of a 20-server apply', () => {
  const project = uniqueProject('kill');
  let dir: string;
  let file: string;
  let env: NodeJS.ProcessEnv;

  const apply = async (): Promise<{ code: number; out: string }> => {
    const io = captureOutput();
    const code = await main(['apply', '-f', file, '--parallel', '4'], env, io);
    return { code, out: io.stdout.join('\n') };
  };

  /** Runs apply as a process through the proxy and SIGKILLs it when it sends request limit+1; returns how many requests the engine got. */
  const killedApply = async (limit: number | undefined): Promise<number> => {
    let child: CliProcess | undefined;
    const proxy = await engineProxy(limit === undefined ? {} : { stopAfter: { limit, onLimit: () => child?.kill('SIGKILL') } });
    try {
      child = new CliProcess(['--host', proxy.host, 'apply', '-f', file], env);
      await child.exited;
      // The engine completes what it was sent before the kill; the next apply comes after that, as in life.
      await proxy.drained(30_000);
      return proxy.forwarded();
    } finally {
      await proxy.close();
    }
  };

  /** Exactly one labelled, canonically named, running container per server; nothing else named like the project; nothing left to do. */
  const assertConverged = async (): Promise<void> => {
    const all = await docker.listContainers({ all: true });
    const ours = all.filter((c) => (c.Names[0] ?? '').startsWith(`/${project}-`));
    expect(ours.filter((c) => c.Labels['io.mcp-orchestrator.project'] !== project)).toEqual([]);
    const names = ours.map((c) => `${(c.Names[0] ?? '').slice(1)} ${c.State}`).sort();
    expect(names).toEqual(SERVERS.map((s) => `${project}-${s} running`));
    const io = captureOutput();
    expect(await main(['plan', '-f', file, '--detailed-exitcode'], env, io)).toBe(ExitCode.OK);
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-kill-'));
    file = path.join(dir, 'mcp-stack.yml');
    env = { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') };
  });

  afterAll(async () => {
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it(`cold apply: killed at ${KILL_FRACTIONS.length} points, the next apply converges`, async () => {
    fs.writeFileSync(file, stack(project, 'v1'));
    await removeProject(project);
    const total = await killedApply(undefined);
    expect(total).toBeGreaterThan(40);
    for (const f of KILL_FRACTIONS) {
      await removeProject(project);
      const limit = Math.max(1, Math.round(total * f));
      expect(await killedApply(limit)).toBe(limit + 1);
      const r = await apply();
      expect({ code: r.code, limit, out: r.out }).toEqual({ code: ExitCode.OK, limit, out: expect.any(String) });
      await assertConverged();
    }
  }, 600_000);

  it(`recreate of every server: killed at ${KILL_FRACTIONS.length} points, the next apply converges`, async () => {
    let value = 1;
    fs.writeFileSync(file, stack(project, `v${value}`));
    expect((await apply()).code).toBe(ExitCode.OK);
    fs.writeFileSync(file, stack(project, `v${++value}`));
    const total = await killedApply(undefined);
    expect(total).toBeGreaterThan(100);
    for (const f of KILL_FRACTIONS) {
      fs.writeFileSync(file, stack(project, `v${++value}`));
      const limit = Math.max(1, Math.round(total * f));
      expect(await killedApply(limit)).toBe(limit + 1);
      const r = await apply();
      expect({ code: r.code, limit, out: r.out }).toEqual({ code: ExitCode.OK, limit, out: expect.any(String) });
      await assertConverged();
    }
  }, 600_000);
});

describeDocker('engine faults: the affected server fails with the engine message, the others converge, the next run retries', () => {
  const project = uniqueProject('fault');
  let dir: string;
  let file: string;
  const env = (): NodeJS.ProcessEnv => ({ HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') });
  const running = async (): Promise<string[]> =>
    (await docker.listContainers({ filters: { label: [`io.mcp-orchestrator.project=${project}`] } })).map((c) => c.Labels['io.mcp-orchestrator.server'] ?? '').sort();

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-fault-'));
    file = path.join(dir, 'mcp-stack.yml');
    await removeProject(project);
  });
  afterEach(async () => {
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('a 500 from the engine on one create', async () => {
    fs.writeFileSync(file, stack(project, 'v1'));
    const proxy = await engineProxy({ fail: { match: new RegExp(`^POST /[^ ]*containers/create\\?name=${project}-s03$`), message: 'injected fault: disk full' } });
    try {
      const child = new CliProcess(['--host', proxy.host, 'apply', '-f', file], env());
      expect(await child.exited).toBe(ExitCode.FAILED);
      expect(child.lines).toContain('✗ create server s03: injected fault: disk full');
    } finally {
      await proxy.close();
    }
    expect(await running()).toEqual(SERVERS.filter((s) => s !== 's03'));
    expect(await main(['apply', '-f', file], env(), captureOutput())).toBe(ExitCode.OK);
    expect(await running()).toEqual(SERVERS);
  }, 120_000);

  it('a name taken by a container that is not ours', async () => {
    fs.writeFileSync(file, stack(project, 'v1'));
    const squatter = await runPlainContainer(`${project}-s04`, TEST_NODE_IMAGE);
    try {
      const io = captureOutput();
      expect(await main(['apply', '-f', file], env(), io)).toBe(ExitCode.FAILED);
      // Found when planning, from the name alone: the stranger's container is never adopted nor touched.
      expect(io.stdout.find((l) => l.startsWith('✗ fail server s04:'))).toMatch(/container \S+-s04 already exists and belongs to no project of mcp-orchestrator/);
      expect(await running()).toEqual(SERVERS.filter((s) => s !== 's04'));
      expect((await docker.getContainer(squatter).inspect()).State.Running).toBe(true);
    } finally {
      await removeContainer(squatter);
    }
    expect(await main(['apply', '-f', file], env(), captureOutput())).toBe(ExitCode.OK);
    expect(await running()).toEqual(SERVERS);
  }, 120_000);

  it('a host port already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    fs.writeFileSync(file, stack(project, 'v1', { s05: `    ports: ["127.0.0.1:${port}:80"]\n` }));
    try {
      const io = captureOutput();
      expect(await main(['apply', '-f', file], env(), io)).toBe(ExitCode.FAILED);
      expect(io.stdout.find((l) => l.startsWith('✗ create server s05:'))).toMatch(/address already in use|port is already allocated/);
      expect(await running()).toEqual(SERVERS.filter((s) => s !== 's05'));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    expect(await main(['apply', '-f', file], env(), captureOutput())).toBe(ExitCode.OK);
    expect(await running()).toEqual(SERVERS);
  }, 120_000);
});

describeDocker('secrets in engine requests', () => {
  const project = uniqueProject('urls');
  afterAll(() => removeProject(project), 60_000);

  it('env values travel in request bodies, never in request URLs (which daemon debug logs and proxies record)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-urls-'));
    const file = path.join(dir, 'mcp-stack.yml');
    const canary = `canary${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(file, `version: 1\nproject: ${project}\nservers:\n  a:\n    image: ${TEST_NODE_IMAGE}\n    command: [sleep, "600"]\n    ready: running\n    env: { TOKEN: ${canary} }\n`);
    const proxy = await engineProxy({});
    try {
      const io = captureOutput();
      expect(await main(['--host', proxy.host, 'apply', '-f', file], { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') }, io)).toBe(ExitCode.OK);
      expect(proxy.requestLines().some((l) => l.startsWith('POST /containers/create?name='))).toBe(true);
      expect(proxy.requestLines().filter((l) => l.includes(canary))).toEqual([]);
      expect((await docker.getContainer(`${project}-a`).inspect()).Config.Env).toContain(`TOKEN=${canary}`);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
