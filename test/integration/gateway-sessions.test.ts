import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

/** Sessions clients abandon (no DELETE, no request) end after gateway.session_idle: they never lock others out. */
describeDocker('gateway sessions expire when idle', () => {
  const ws = useWorkspace('gw-sessions');
  let serve: CliProcess | undefined;
  let base: string;

  beforeAll(async () => {
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, ['version: 1', `project: ${ws.project}`, 'servers:', '  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', 'gateway:', '  session_idle: 3s', ''].join('\n'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
  }, 90_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    // Whichever after-hook runs first, nothing is left: a serve still running could have recreated the server.
    await removeProject(ws.project);
  }, 60_000);

  const sessions = async (): Promise<number> => ((await (await fetch(`${base}/healthz`)).json()) as { sessions: number }).sessions;
  const initialize = (): Promise<Response> =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'abandoning', version: '1' } } }),
    });

  it('1,000 abandoned sessions fill the table; the next client is refused while they are fresh, let in once they idled, and they are gone after the idle time', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => initialize()));
      for (const a of answers) {
        expect(a.status).toBe(200);
        ids.push(a.headers.get('mcp-session-id') ?? '');
        await a.body?.cancel();
      }
    }
    expect(await sessions()).toBe(1000);
    const refused = await initialize();
    expect(refused.status).toBe(503);
    // Half the idle time later the longest-idle one makes room.
    const admitted = await waitFor('a new session let in', async () => {
      const r = await initialize();
      await r.body?.cancel();
      return r.status === 200 ? r : undefined;
    }, 10_000, 250);
    expect(admitted.headers.get('mcp-session-id')).toBeTruthy();
    await waitFor('the abandoned sessions gone', async () => ((await sessions()) === 0 ? true : undefined), 15_000, 250);
    const stale = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': ids[0] ?? '', 'MCP-Protocol-Version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
  }, 90_000);
});
