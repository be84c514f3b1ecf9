import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { projectContainers, removeProject } from '../support/engine-cleanup';

const docker = new Docker({ timeout: 30_000 });

function engineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Gone, or a zombie: a dockerd started by an earlier test process is re-parented to PID 1 when that
 * process exits, and on some machines PID 1 never reaps it.
 */
function running(pid: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Stops the running dockerd and starts it again with the same command line. */
async function restartEngine(): Promise<void> {
  const pid = execFileSync('pidof', ['dockerd'], { encoding: 'utf8' }).trim().split(/\s+/)[0];
  if (!pid) throw new Error('no dockerd process to restart');
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  process.kill(Number(pid), 'SIGTERM');
  await waitFor('dockerd to stop', () => (running(pid) ? undefined : true), 60_000, 200);
  const log = fs.openSync(path.join(os.tmpdir(), 'dockerd-restarted.log'), 'a');
  spawn(argv[0] ?? 'dockerd', argv.slice(1), { detached: true, stdio: ['ignore', log, log] }).unref();
  await waitFor('dockerd to answer again', () => (engineAnswers() ? true : undefined), 60_000, 250);
}

/**
 * Restarts the Docker engine under a running watch. Only where this test run owns the engine
 * (MCPO_TEST_ENGINE_RESTART=1: .ci/run sets it); elsewhere the engine may be a developer's own.
 */
const describeRestart = process.env['MCPO_TEST_ENGINE_RESTART'] === '1' ? describeDocker : describe.skip;

describeRestart('watch across an engine restart', () => {
  const project = uniqueProject('restart');
  let dir: string;
  let watch: CliProcess | undefined;

  afterAll(async () => {
    watch?.kill('SIGKILL');
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('survives, reconnects, and brings back the servers the restart left stopped', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-restart-'));
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${project}`,
        'servers:',
        // restart: "no": after the engine restarts, only watch can bring it back.
        `  manual: { image: ${TEST_NODE_IMAGE}, command: [sleep, "600"], restart: "no", ready: running }`,
        `  auto: { image: ${TEST_NODE_IMAGE}, command: [sleep, "600"], ready: running }`,
        '',
      ].join('\n'),
    );
    watch = new CliProcess(['watch', '-f', file, '--log-format', 'json', '--resync', '5'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') });
    const bothRunning = async (): Promise<true | undefined> => {
      const c = await projectContainers(project);
      return c.length === 2 && c.every((x) => x.state === 'running') ? true : undefined;
    };
    const step = (what: string): void => {
      if (process.env['MCPO_TEST_DEBUG']) process.stderr.write(`${new Date().toISOString()} ${what}\n`);
    };
    step('watch started');
    await waitFor('both servers running', bothRunning, 30_000);
    step('both running');
    const before = await docker.getContainer(`${project}-manual`).inspect();

    const restartedAt = Date.now();
    await restartEngine();
    step('engine restarted');
    try {
      await waitFor('both servers running after the restart', bothRunning, 60_000, 250);
    } catch (err) {
      throw new Error(`${String(err)} (engine back after ${Date.now() - restartedAt} ms)\nwatch log:\n${watch.lines.slice(-40).join('\n')}`);
    }
    step('both running again');
    const after = await docker.getContainer(`${project}-manual`).inspect();
    expect(after.Id).toBe(before.Id);
    expect(after.State.StartedAt).not.toBe(before.State.StartedAt);
    // The container runs as soon as the engine has started it; watch logs the start when the call returns.
    const w = watch;
    const logged = (match: (l: Record<string, unknown>) => boolean): Promise<true> => waitFor('the log line', () => (w.json().some(match) ? true : undefined), 10_000);
    await logged((l) => l['message'] === 'engine event stream ended; reconnecting');
    await logged((l) => l['message'] === 'applied' && l['server'] === 'manual' && l['action'] === 'start');

    watch.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    step('watch exited');
  }, 180_000);
});
