import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * A recreate waits until the replacement is ready (it answers the MCP handshake and tools/list)
 * before the old container goes; a replacement that never gets ready, or exits, is removed and
 * the old container serves on. Against the real engine, with a real MCP server.
 */
describeDocker('rollouts gated on readiness, with rollback', () => {
  const ws = useWorkspace('rollout');
  let file: string;

  const write = (command: string, tag: string, extra = ''): void =>
    fs.writeFileSync(
      file,
      ['version: 1', `project: ${ws.project}`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, `    command: ${command}`, `    env: { TAG: "${tag}" }`, ...(extra === '' ? [] : [extra]), ''].join('\n'),
    );
  const apply = async (): Promise<{ code: number; out: string; err: string }> => {
    const io = captureOutput();
    const code = await main(['apply', '-f', file], { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') }, io, { stdout: new PassThrough(), stderr: new PassThrough() });
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const containers = async (): Promise<{ name: string; id: string; state: string; started: string }[]> => {
    const list = await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } });
    return Promise.all(
      list.map(async (c) => {
        const info = await docker.getContainer(c.Id).inspect();
        return { name: (c.Names[0] ?? '').replace(/^\//, ''), id: c.Id, state: c.State, started: info.State.StartedAt };
      }),
    );
  };

  beforeAll(async () => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    write('[mcp-server-memory]', 'good');
    expect((await apply()).code).toBe(ExitCode.OK);
  }, 120_000);

  it.each([
    ['never answers the handshake', '[sleep, "600"]', 'stop-first', /rolled back: memory: not ready within 4s/],
    ['exits at once', '[sh, -c, "echo boom-on-stderr >&2; exit 3"]', 'stop-first', /rolled back: memory: the replacement exited with code 3[\s\S]*\| boom-on-stderr/],
    ['never answers, start-first: the old one never stopped', '[sleep, "600"]', 'start-first', /rolled back: memory: not ready within 4s/],
  ])('a replacement that %s is rolled back: exactly the old container runs, nothing is left over', async (_what, command, order, message) => {
    const [before] = await containers();
    write(command, `bad-${order}`, `    ready: { timeout: 4s }\n    rollout: ${order}`);
    const r = await apply();
    expect(r.code).toBe(ExitCode.FAILED);
    expect(`${r.out}\n${r.err}`).toMatch(message);
    const after = await containers();
    expect(after).toEqual([expect.objectContaining({ name: `${ws.project}-memory`, id: before?.id, state: 'running' })]);
    // stop-first stopped the old container and started it again; start-first never touched it.
    if (order === 'start-first') expect(after[0]?.started).toBe(before?.started);
    else expect(after[0]?.started).not.toBe(before?.started);
  }, 90_000);

  it.each(['stop-first', 'start-first'])('%s: apply SIGKILLed while the replacement gets ready converges on the next run', async (order) => {
    write('[sh, -c, "sleep 4; exec mcp-server-memory"]', `killed-${order}`, `    ready: { timeout: 30s }\n    rollout: ${order}`);
    const child = new CliProcess(['apply', '-f', file], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor('the replacement running', async () => ((await containers()).some((c) => c.name.includes('.next-') && c.state === 'running') ? true : undefined), 60_000, 100);
    child.kill('SIGKILL');
    await child.exited;
    const again = await apply();
    expect(again.err).toBe('');
    expect(again.code).toBe(ExitCode.OK);
    const after = await containers();
    expect(after).toEqual([expect.objectContaining({ name: `${ws.project}-memory`, state: 'running' })]);
    const plan = await main(['plan', '-f', file, '--detailed-exitcode'], { HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') }, captureOutput(), { stdout: new PassThrough(), stderr: new PassThrough() });
    expect(plan).toBe(0);
  }, 120_000);

  it('a replacement that is slow but ready within its time replaces the old one', async () => {
    const [before] = await containers();
    write('[sh, -c, "sleep 3; exec mcp-server-memory"]', 'slow', '    ready: { check: mcp, timeout: 30s }');
    const r = await apply();
    expect(r.err).toBe('');
    expect(r.code).toBe(ExitCode.OK);
    const after = await containers();
    expect(after).toEqual([expect.objectContaining({ name: `${ws.project}-memory`, state: 'running' })]);
    expect(after[0]?.id).not.toBe(before?.id);
  }, 90_000);
});
