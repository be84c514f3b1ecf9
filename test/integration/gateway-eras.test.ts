import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport, type ClientCapabilities } from '@modelcontextprotocol/client';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

type Era = 'legacy' | 'modern';
const text = (r: unknown): string => JSON.stringify((r as { content?: unknown }).content);

interface Health {
  ready: boolean;
  servers: Record<string, { state: string; era?: string; reason?: string; tools?: number }>;
}

/**
 * The gateway in front of servers of both protocol eras (server-everything on the SDK v1, a
 * server on the SDK v2 that serves 2026-07-28), over stdio and http, with clients of both eras:
 * what each sees, and the faults of one server that must not reach the others' clients.
 */
describeDocker('the gateway speaks each server\'s own era; no fault of one server reaches another\'s clients', () => {
  const ws = useWorkspace('gw-eras');
  let serve: CliProcess | undefined;
  let base: string;
  const BIG_FILE_BYTES = 11 * 1024 * 1024;

  const stack = (): string =>
    [
      'version: 1',
      `project: ${ws.project}`,
      'servers:',
      '  legacy:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-everything]',
      '  modern:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [gateway-fixture]',
      '  modernweb:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [gateway-fixture, --http, "3002"]',
      '    transport: { type: http, port: 3002, path: /mcp }',
      '  files:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-filesystem, /data]',
      '    volumes: [./data:/data:ro]',
      '  wedgy:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [gateway-fixture]',
      '  bursty:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [gateway-fixture]',
      '',
    ].join('\n');

  const health = async (): Promise<Health> => (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).json() as Promise<Health>;
  const client = async (url: string, era: Era, capabilities: ClientCapabilities = {}, name = `test-${era}`): Promise<Client> => {
    const c = new Client({ name, version: '1' }, { capabilities, ...(era === 'modern' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
    await c.connect(new StreamableHTTPClientTransport(new URL(url)));
    return c;
  };
  /** /readyz answers as it is asked, from the moment serve starts: each answer's status and body. */
  const readiness: { status: number; body: Health }[] = [];

  beforeAll(async () => {
    fs.mkdirSync(path.join(ws.dir, 'data'));
    fs.writeFileSync(path.join(ws.dir, 'data', 'big.txt'), 'y'.repeat(BIG_FILE_BYTES));
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack());
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-format', 'json', '--log-level', 'debug', '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor(
      'the gateway ready',
      async () => {
        const r = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        if (r === undefined) return undefined;
        const body = (await r.json()) as Health;
        readiness.push({ status: r.status, body });
        return r.status === 200 ? true : undefined;
      },
      120_000,
      50,
    );
  }, 150_000);

  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await removeProject(ws.project);
  }, 60_000);

  it('/readyz is 503 until the first reconcile is done and every server is up or failed; serve says when it is ready', () => {
    const first = readiness.findIndex((r) => r.status === 200);
    expect(readiness[first]?.body.ready).toBe(true);
    expect(Object.keys(readiness[first]?.body.servers ?? {}).sort()).toEqual(['bursty', 'files', 'legacy', 'modern', 'modernweb', 'wedgy']);
    expect(Object.values(readiness[first]?.body.servers ?? {}).every((s) => s.state === 'up')).toBe(true);
    // Before that, every answer said not ready, and named the servers it waited for.
    for (const r of readiness.slice(0, first)) {
      expect(r.status).toBe(503);
      expect(r.body.ready).toBe(false);
    }
    expect(readiness.slice(0, first).some((r) => Object.values(r.body.servers).some((s) => s.state === 'starting'))).toBe(first === 0 ? false : true);
    expect(serve?.json().filter((l) => l['message'] === 'gateway ready')).toHaveLength(1);
  });

  it('/healthz: each server with the era the gateway speaks to it', async () => {
    const h = await health();
    expect(h.servers['legacy']?.era).toBe('legacy');
    expect(h.servers['files']?.era).toBe('legacy');
    expect(h.servers['modern']?.era).toBe('modern');
    expect(h.servers['modernweb']?.era).toBe('modern');
  });

  it.each<[Era, string]>([
    ['legacy', 'modern'],
    ['modern', 'modern'],
    ['legacy', 'modernweb'],
    ['modern', 'modernweb'],
  ])('a %s-era client and a 2026-07-28 server (%s): its own _meta keys reach the server, the server asks it (input_required, or its 2025 face\'s request) and a client that cannot answer is never asked', async (era, s) => {
    const c = await client(`${base}/servers/${s}/mcp`, era, { elicitation: { form: {} } }, `asker-${era}`);
    const bare = await client(`${base}/servers/${s}/mcp`, era, {}, `bare-${era}`);
    try {
      const seen = JSON.parse(JSON.parse(text(await c.callTool({ name: 'client_info', arguments: {}, _meta: { 'example.com/trace': 'abc' } })))[0].text) as { capabilities: string[]; client: string; custom?: string };
      expect(seen.custom).toBe('abc');
      // Over 2026-07-28 the server sees this client, not the gateway (this server's 2025 face has no
      // sessions, so 2025-era clients are served through its 2026-07-28 one too).
      expect(seen.client).toBe(`asker-${era}`);
      expect(seen.capabilities).toEqual(['elicitation']);
      c.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { ok: true } }));
      // The server's own state came back to it unchanged (legacy clients' rounds are the gateway's own).
      expect(text(await c.callTool({ name: 'confirm', arguments: {} }))).toContain('confirmed: true, state: asked-once');
      // A client that declared no elicitation is never asked: the server refuses for want of the capability.
      await expect(bare.callTool({ name: 'confirm', arguments: {} })).rejects.toThrow();
    } finally {
      await Promise.all([c.close(), bare.close()]);
    }
  }, 60_000);

  it('a 2026-07-28 client continuing a round with state it altered, or another request\'s state, is refused', async () => {
    const post = async (body: { jsonrpc: '2.0'; id: number; method: string; params: { name: string } & Record<string, unknown> }): Promise<{ result?: Record<string, unknown>; error?: { code: number } }> => {
      const r = await fetch(`${base}/servers/modern/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call', 'Mcp-Name': body.params.name },
        body: JSON.stringify(body),
      });
      const raw = await r.text();
      const data = raw.startsWith('{') ? raw : (raw.split('\n').find((l) => l.startsWith('data: ')) ?? 'data: {}').slice(6);
      return JSON.parse(data) as { result?: Record<string, unknown>; error?: { code: number } };
    };
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': { elicitation: {} }, 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' } };
    const first = await post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'confirm', arguments: {}, _meta: meta } });
    expect(first.result?.['resultType']).toBe('input_required');
    const state = String(first.result?.['requestState']);
    // Sealed by the gateway: not the server's own text.
    expect(state).not.toContain('asked-once');
    expect(state.length).toBeGreaterThan(40);
    const answers = { confirm: { action: 'accept', content: { ok: true } } };
    const tampered = await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'confirm', arguments: {}, inputResponses: answers, requestState: `${state}x`, _meta: meta } });
    expect(tampered.error?.code).toBe(-32602);
    const otherTool = await post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: { message: 'm' }, inputResponses: answers, requestState: state, _meta: meta } });
    expect(otherTool.error?.code).toBe(-32602);
    const right = await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'confirm', arguments: {}, inputResponses: answers, requestState: state, _meta: meta } });
    expect(JSON.stringify(right)).toContain('confirmed: true, state: asked-once');
  }, 30_000);

  it('100 three-step progress calls through a stdio server lose no notification, in either server era', async () => {
    const c = await client(`${base}/mcp`, 'legacy');
    try {
      const lost: string[] = [];
      for (let round = 0; round < 10; round++) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const n = round * 10 + i;
            const seen: number[] = [];
            const [name, args] = n % 2 === 0 ? ['legacy__trigger-long-running-operation', { duration: 0.03, steps: 3 }] : ['modern__steps', { count: 3 }];
            await c.callTool({ name, arguments: args }, { onprogress: (p) => seen.push(p.progress) });
            if (seen.join(',') !== '1,2,3') lost.push(`${name} #${n}: ${seen.join(',')}`);
          }),
        );
      }
      expect(lost).toEqual([]);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('completion/complete reaches the server that owns the prompt and comes back unchanged', async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const c = await client(`${base}/mcp`, era);
      try {
        const r = await c.complete({ ref: { type: 'ref/prompt', name: 'legacy__completable-prompt' }, argument: { name: 'name', value: 'A' }, context: { arguments: { department: 'Engineering' } } });
        expect(r.completion.values).toEqual(['Alice']);
      } finally {
        await c.close();
      }
    }
  }, 30_000);

  it('an 11 MiB tool result reaches its client; one over the limit is an error to that client only; serve goes on', async () => {
    const c = await client(`${base}/mcp`, 'legacy');
    const other = await client(`${base}/mcp`, 'modern');
    try {
      const got = await c.callTool({ name: 'files__read_text_file', arguments: { path: '/data/big.txt' } });
      expect(text(got).length).toBeGreaterThan(BIG_FILE_BYTES);
      await expect(c.callTool({ name: 'bursty__big', arguments: { bytes: 70 * 1024 * 1024 } })).rejects.toThrow(/over the limit/);
      expect(text(await other.callTool({ name: 'bursty__echo', arguments: { message: 'still here' } }))).toContain('Echo: still here');
      expect(serve?.child.exitCode).toBeNull();
    } finally {
      await Promise.all([c.close(), other.close()]);
    }
  }, 120_000);

  it('a burst of list_changed from one server: its list converges, the gateway re-lists it a few times, not once each, and other clients are unaffected', async () => {
    const watcher = await client(`${base}/mcp`, 'legacy');
    const other = await client(`${base}/mcp`, 'modern');
    let notified = 0;
    watcher.setNotificationHandler('notifications/tools/list_changed', () => void notified++);
    try {
      const burst = watcher.callTool({ name: 'bursty__burst', arguments: { count: 60 } });
      const during = await Promise.all(Array.from({ length: 20 }, (_, i) => other.callTool({ name: 'legacy__echo', arguments: { message: `during ${i}` } })));
      expect(during.every((r, i) => text(r).includes(`Echo: during ${i}`))).toBe(true);
      await burst;
      await waitFor('the 60 new tools on /mcp', async () => ((await other.listTools()).tools.some((t) => t.name === 'bursty__extra_60') ? true : undefined), 20_000, 200);
      expect(notified).toBeGreaterThanOrEqual(1);
      expect(notified).toBeLessThan(20);
    } finally {
      await Promise.all([watcher.close(), other.close()]);
    }
  }, 60_000);

  it('a wedged server (its container still running): lists answer at once without it, it is marked degraded with the reason, other servers\' calls work', async () => {
    const c = await client(`${base}/mcp`, 'legacy');
    try {
      await c.callTool({ name: 'wedgy__wedge', arguments: {} });
      // From the kept lists: no request of this list goes to the wedged server.
      const names = (await c.listTools(undefined, { timeout: 2000 })).tools.map((t) => t.name);
      expect(names).toContain('legacy__echo');
      const h = await waitFor('wedgy degraded', async () => {
        const s = (await health()).servers['wedgy'];
        return s?.state === 'degraded' ? s : undefined;
      }, 30_000, 250);
      expect(h.reason).toMatch(/did not answer a ping/);
      const after = (await c.listTools(undefined, { timeout: 2000 })).tools.map((t) => t.name);
      expect(after.some((n) => n.startsWith('wedgy__'))).toBe(false);
      expect(after).toContain('modern__echo');
      expect(text(await c.callTool({ name: 'modern__echo', arguments: { message: 'unaffected' } }))).toContain('Echo: unaffected');
      // A degraded server is still reachable on its own endpoint's list, and says why in /readyz's body too.
      expect((await health()).servers['modern']?.state).toBe('up');
    } finally {
      await c.close();
    }
  }, 60_000);

  it('no log line holds a message\'s contents', () => {
    const all = serve?.lines.join('\n') ?? '';
    expect(all).not.toContain('still here');
    expect(all).not.toContain('unaffected');
    expect(all).not.toContain('yyyyyyyy');
  });
});
