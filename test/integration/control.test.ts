import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { untilServing } from '../support/gateway-health';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';


type Result = { content: { type: string; text?: string }[]; isError?: boolean };
const textOf = (r: unknown): string => (r as Result).content.map((c) => c.text ?? '').join('');

/**
 * The orchestrator's own MCP tools (gateway.control) through the real gateway with the SDK client:
 * changes go through the stack file, proposed as a diff or applied, and the policy holds.
 */
describeDocker('control tools: an agent changes the stack through the reviewed file', () => {
  const ws = useWorkspace('control');
  let serve: CliProcess | undefined;
  let file: string;
  let base: string;
  let c: Client;
  let listChanged = 0;

  const stack = (mode: string): string =>
    [
      '# reviewed in git',
      'version: 1',
      `project: ${ws.project}`,
      'servers:',
      '  everything:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-everything]',
      'gateway:',
      `  control: ${mode}`,
      '',
    ].join('\n');
  const call = async (tool: string, args: Record<string, unknown> = {}): Promise<Result> => (await c.callTool({ name: `mcp-orchestrator__${tool}`, arguments: args })) as Result;
  const toolNames = async (): Promise<string[]> => (await c.listTools()).tools.map((t) => t.name);

  beforeAll(async () => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack('propose'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-format', 'json', '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await untilServing(base, 'everything');
    c = new Client({ name: 'test-control-agent', version: '1' });
    c.setNotificationHandler('notifications/tools/list_changed', () => {
      listChanged++;
    });
    await c.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
  }, 120_000);

  afterAll(async () => {
    await c?.close();
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    await removeProject(ws.project);
    // serve writes under its lock directory as it exits, which may be after the workspace's own cleanup.
    fs.rmSync(ws.dir, { recursive: true, force: true });
  }, 60_000);

  it('read tools: the servers with their state and tool counts, the plan, a server\'s output', async () => {
    expect(await toolNames()).toEqual(expect.arrayContaining(['mcp-orchestrator__list_servers', 'mcp-orchestrator__add_server', 'everything__echo']));
    const servers = JSON.parse(textOf(await call('list_servers'))) as { server: string; sync: string; gateway: { state: string; tools: number } }[];
    expect(servers).toEqual([expect.objectContaining({ server: 'everything', sync: 'in sync', gateway: expect.objectContaining({ state: 'up' }) })]);
    expect(servers[0]?.gateway.tools).toBeGreaterThan(5);
    expect(textOf(await call('plan'))).toMatch(/No changes/);
    const logs = await call('server_logs', { server: 'everything', tail: 20 });
    expect(logs.isError).toBeUndefined();
  }, 60_000);

  it('propose (the default): a new server becomes a diff beside the file; the file and the engine are unchanged', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const r = await call('add_server', { name: 'memory', server: { image: TEST_SERVERS_IMAGE, command: ['mcp-server-memory'] } });
    expect(r.isError).toBeUndefined();
    expect(textOf(r)).toContain('Proposed (not applied)');
    expect(textOf(r)).toContain('+  memory:\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const proposals = fs.readdirSync(path.join(ws.dir, 'mcp-stack.yml.proposals'));
    expect(proposals).toEqual([expect.stringMatching(/-add-memory\.diff$/)]);
    expect(fs.readFileSync(path.join(ws.dir, 'mcp-stack.yml.proposals', proposals[0] ?? ''), 'utf8')).toContain('--- a/mcp-stack.yml');
    expect(await toolNames()).not.toContain('memory__read_graph');
  }, 60_000);

  it('an agent cannot grant itself what the policy forbids: the located error of the file after the change; nothing written', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const r = await call('add_server', { name: 'root', server: { image: TEST_SERVERS_IMAGE, volumes: ['/var/run/docker.sock:/var/run/docker.sock'] } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/mcp-stack\.yml:\d+:\d+: .*docker_socket/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  }, 30_000);

  it('an agent cannot get write access to the files that govern it, nor read serve\'s environment through a definition', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const dirs = fs.readdirSync(ws.dir);
    const writable = await call('add_server', { name: 'editor', server: { image: TEST_SERVERS_IMAGE, volumes: ['./:/work'] } });
    expect(writable.isError).toBe(true);
    expect(textOf(writable)).toMatch(/mcp-stack\.yml:\d+:\d+: server "editor" mounts \.\/ writable, and it holds the stack file/);
    const readOnly = await call('add_server', { name: 'reader', server: { image: TEST_SERVERS_IMAGE, volumes: ['./:/work:ro'] } });
    expect(readOnly.isError).toBe(true);
    expect(textOf(readOnly)).toMatch(/add "stack_dir" to the top-level allow: list/);
    const snooping = await call('add_server', { name: 'snoop', server: { image: TEST_SERVERS_IMAGE, env: { L: '${HOME}', M: 'x${PATH:-y}' } } });
    expect(snooping.isError).toBe(true);
    expect(textOf(snooping)).toContain('refers to ${HOME}, ${PATH}, which the stack file does not use');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    // Nothing proposed either.
    expect(fs.readdirSync(ws.dir)).toEqual(dirs);
  }, 30_000);

  it('apply: the file is edited, serve converges, the new server\'s tools appear on /mcp with list_changed; the change is logged with who asked', async () => {
    const modeChanged = listChanged;
    fs.writeFileSync(file, stack('apply'));
    // A change of gateway.control changes /mcp's tools: the session hears of it.
    await waitFor('control in apply mode', () => (listChanged > modeChanged ? true : undefined), 30_000, 100);
    const seen = listChanged;
    const r = await call('add_server', { name: 'memory', server: { image: TEST_SERVERS_IMAGE, command: ['mcp-server-memory'] } });
    expect(textOf(r)).toContain('Applied to');
    expect(fs.readFileSync(file, 'utf8')).toBe(stack('apply').replace('gateway:', `  memory:\n    image: ${TEST_SERVERS_IMAGE}\n    command:\n      - mcp-server-memory\ngateway:`));
    await waitFor('memory tools on /mcp', async () => ((await toolNames()).includes('memory__read_graph') ? true : undefined), 90_000, 500);
    expect(listChanged).toBeGreaterThan(seen);
    expect(serve?.json().some((l) => l['message'] === 'control: change applied' && l['client'] === 'test-control-agent' && l['server'] === 'memory' && l['action'] === 'add')).toBe(true);
    const removed = await call('remove_server', { name: 'memory' });
    expect(textOf(removed)).toContain('Applied to');
    await waitFor('memory tools gone', async () => (!(await toolNames()).includes('memory__read_graph') ? true : undefined), 60_000, 500);
  }, 180_000);

  it('restart_server restarts the container; the gateway reconnects and the next calls work', async () => {
    expect(textOf(await call('restart_server', { server: 'everything' }))).toBe('restarted everything');
    const echoed = await waitFor(
      'a call after the restart',
      async () => {
        try {
          return textOf(await c.callTool({ name: 'everything__echo', arguments: { message: 'after restart' } }));
        } catch {
          return undefined;
        }
      },
      60_000,
      250,
    );
    expect(echoed).toContain('Echo: after restart');
  }, 90_000);

  it('plan names a server held back after a rollback, until its definition changes', async () => {
    const bad = stack('apply').replace('    command: [mcp-server-everything]', '    command: [sleep, "600"]\n    ready: { timeout: 3s }\n    rollout: start-first');
    fs.writeFileSync(file, bad);
    await waitFor('the rollback', () => (serve?.json().some((l) => JSON.stringify(l).includes('rolled back: everything')) ? true : undefined), 60_000, 250);
    expect(textOf(await call('plan'))).toMatch(/^! held back +server everything: its last rollout was rolled back; it waits for a change of its definition$/m);
    fs.writeFileSync(file, stack('apply'));
    await waitFor('no longer held back', async () => (/No changes/.test(textOf(await call('plan'))) ? true : undefined), 60_000, 500);
    expect(textOf(await call('plan'))).not.toContain('held back');
  }, 120_000);
});
