import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server as ServerV1 } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ElicitRequestSchema, ElicitResultSchema, ListToolsRequestSchema, LoggingMessageNotificationSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { Server } from '@modelcontextprotocol/server';
import { newRouting } from '../../src/gateway/endpoint-server';
import { HttpFace } from '../../src/gateway/http-face';
import { Upstream } from '../../src/gateway/upstream';
import { createLogger } from '../../src/logging/logger';

/**
 * A 2025-era session's plain tools/call through the gateway's direct path (no SDK server on the
 * gateway's side), end to end: a real HTTP listener, the gateway's upstream session on a 2025-era
 * SDK server's stdio framing (in-process streams instead of a container's attach), and SDK clients.
 * What the SDK's server did for such a call must still happen: ids, the client's log level,
 * questions to the client, cancellation upstream, result checks, errors as the server sent them.
 */
describe('the direct path of a 2025-era tools/call', () => {
  let face: HttpFace;
  let upstream: Upstream;
  let routing: ReturnType<typeof newRouting>;
  let base: string;
  const cancelled: string[] = [];
  const gatewayRequests: string[] = [];

  beforeAll(async () => {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    // The SDK's server checks its own results: a result it should not send is put on the wire here,
    // in place of the one a tool returned with `_meta.wire`.
    const written = new PassThrough();
    let pending = '';
    written.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const message = JSON.parse(pending.slice(0, nl)) as { result?: { _meta?: { wire?: unknown } } };
        pending = pending.slice(nl + 1);
        const wire = message.result?._meta?.wire;
        fromServer.write(`${JSON.stringify(wire === undefined ? message : { ...message, result: wire })}\n`);
      }
    });
    const server = new ServerV1({ name: 'legacy-fixture', version: '1' }, { capabilities: { tools: {}, logging: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: ['echo', 'log', 'ask', 'slow', 'bare', 'bad', 'fail'].map((name) => ({ name, inputSchema: { type: 'object' as const } })) }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const args = request.params.arguments ?? {};
      switch (request.params.name) {
        case 'echo':
          return { content: [{ type: 'text', text: `Echo: ${String(args['message'])}` }], _meta: { from: 'server' }, meta: request.params._meta ?? null };
        case 'log':
          for (const level of ['debug', 'error'] as const) await extra.sendNotification({ method: 'notifications/message', params: { level, data: `at ${level}` } });
          return { content: [{ type: 'text', text: 'logged' }] };
        case 'ask': {
          const answer = await extra.sendRequest({ method: 'elicitation/create', params: { mode: 'form', message: 'name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } } }, ElicitResultSchema);
          return { content: [{ type: 'text', text: `hello ${String((answer as { content?: Record<string, unknown> }).content?.['name'])}` }] };
        }
        case 'slow':
          await new Promise<void>((resolve) => {
            extra.signal.addEventListener('abort', () => {
              cancelled.push(String(args['tag']));
              resolve();
            });
          });
          return { content: [] };
        case 'bare':
          return { content: [], _meta: { wire: { structuredContent: { n: 1 } } } };
        case 'bad':
          return { content: [], _meta: { wire: { content: 'not a list' } } };
        default:
          throw new McpError(-32010, 'the server refused this', { why: 'fixture' });
      }
    });
    await server.connect(new StdioServerTransport(toServer, written));
    upstream = new Upstream('legacy', { listChanged: () => undefined, stateChanged: () => undefined, resourceUpdated: () => undefined }, '1');
    await upstream.moveTo({ kind: 'stdio', containerId: 'in-process', attach: async () => ({ stdin: toServer, stdout: fromServer, detach: () => undefined }) });
    expect(upstream.status.state).toBe('up');
    expect(upstream.eraFor('legacy')).toBe('legacy');
    const logger = createLogger({ format: 'json', level: 'error' });
    routing = newRouting(new Map([['legacy', upstream]]), new Map(), logger);
    face = new HttpFace({ routing, version: '1', allowedHosts: ['127.0.0.1'], health: () => ({}) });
    const { port } = await face.listen('127.0.0.1', 0);
    base = `http://127.0.0.1:${port}`;
    // Which requests reach an SDK server on the gateway's side: the direct path's never do.
    const proto = Server.prototype as unknown as { _onrequest(request: { method: string }, ...rest: unknown[]): void };
    const original = proto._onrequest;
    jest.spyOn(proto, '_onrequest').mockImplementation(function (this: unknown, request, ...rest) {
      gatewayRequests.push(request.method);
      return original.call(this, request, ...rest);
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await face.close();
    await upstream.close();
  });

  beforeEach(() => {
    gatewayRequests.length = 0;
  });

  async function client(capabilities: Record<string, unknown> = {}): Promise<Client> {
    const c = new Client({ name: 'direct-test', version: '1' }, { capabilities });
    await c.connect(new StreamableHTTPClientTransport(new URL(`${base}/servers/legacy/mcp`)));
    return c;
  }

  const post = (body: unknown, headers: Record<string, string>): Promise<Response> =>
    fetch(`${base}/servers/legacy/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(body) });

  it('answers with the client id as plain JSON, the result as the server sent it, the client _meta forwarded; no SDK server on the way', async () => {
    const init = await post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }, {});
    const headers = { 'mcp-session-id': init.headers.get('mcp-session-id') ?? '', 'mcp-protocol-version': '2025-06-18' };
    await init.text();
    await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
    gatewayRequests.length = 0;
    const answers = await Promise.all(
      ['a', 'b', 'c'].map(async (tag) => {
        const res = await post({ jsonrpc: '2.0', id: `call-${tag}`, method: 'tools/call', params: { name: 'echo', arguments: { message: tag }, _meta: { 'vendor/key': tag } } }, headers);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        return res.json();
      }),
    );
    expect(answers).toEqual(
      ['a', 'b', 'c'].map((tag) => ({ jsonrpc: '2.0', id: `call-${tag}`, result: { content: [{ type: 'text', text: `Echo: ${tag}` }], _meta: { from: 'server' }, meta: { 'vendor/key': tag } } })),
    );
    expect(gatewayRequests).toEqual([]);
    // With a progress token, the SDK's server carries it.
    const traced = await post({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'echo', arguments: { message: 'p' }, _meta: { progressToken: 't' } } }, headers);
    expect(await traced.text()).toContain('Echo: p');
    expect(gatewayRequests).toEqual(['tools/call']);
  });

  it("the client's log level holds; what passes reaches it before the answer", async () => {
    const c = await client();
    const seen: string[] = [];
    c.setNotificationHandler(LoggingMessageNotificationSchema, async (n) => void seen.push(String(n.params.level)));
    try {
      await c.setLoggingLevel('error');
      const result = await c.callTool({ name: 'log', arguments: {} });
      expect(result.content).toEqual([{ type: 'text', text: 'logged' }]);
      expect(seen).toEqual(['error']);
      await c.setLoggingLevel('debug');
      await c.callTool({ name: 'log', arguments: {} });
      expect(seen).toEqual(['error', 'debug', 'error']);
      expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual([]);
      // The SDK's path (a progress token) holds the same level.
      await c.setLoggingLevel('warning');
      await c.callTool({ name: 'log', arguments: {} }, undefined, { onprogress: () => undefined });
      expect(seen).toEqual(['error', 'debug', 'error', 'error']);
      expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual(['tools/call']);
    } finally {
      await c.close();
    }
  });

  it("the server's question reaches the client that declared it, on the call's stream; one that did not is never asked", async () => {
    const willing = await client({ elicitation: { form: {} } });
    const unwilling = await client();
    willing.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { name: 'Ada' } }));
    try {
      expect((await willing.callTool({ name: 'ask', arguments: {} })).content).toEqual([{ type: 'text', text: 'hello Ada' }]);
      await expect(unwilling.callTool({ name: 'ask', arguments: {} })).rejects.toThrow(/did not declare the elicitation capability/);
      expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual([]);
    } finally {
      await Promise.all([willing.close(), unwilling.close()]);
    }
  });

  it('a call its client cancels is cancelled upstream and not answered; the session goes on', async () => {
    const c = await client();
    try {
      const ac = new AbortController();
      const call = c.callTool({ name: 'slow', arguments: { tag: 'one' } }, undefined, { signal: ac.signal });
      await waitUntil(() => upstream.inFlight === 1);
      ac.abort();
      await expect(call).rejects.toThrow();
      await waitUntil(() => cancelled.includes('one'));
      expect(upstream.inFlight).toBe(0);
      expect((await c.callTool({ name: 'echo', arguments: { message: 'after' } })).content).toEqual([{ type: 'text', text: 'Echo: after' }]);
    } finally {
      await c.close();
    }
  });

  it("a result without content gets the empty content; one that is not a CallToolResult is refused; the server's error passes as it sent it", async () => {
    const init = await post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }, {});
    const headers = { 'mcp-session-id': init.headers.get('mcp-session-id') ?? '', 'mcp-protocol-version': '2025-06-18' };
    await init.text();
    // A progress token sends the same call through the SDK's server: both paths answer alike.
    const call = async (name: string, sdk = false): Promise<unknown> => (await post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: {}, ...(sdk && { _meta: { progressToken: 1 } }) } }, headers)).json();
    const bare = { jsonrpc: '2.0', id: 1, result: { structuredContent: { n: 1 }, content: [] } };
    const bad = { jsonrpc: '2.0', id: 1, error: { code: -32602, message: expect.stringMatching(/^Invalid tools\/call result/) } };
    const fail = { jsonrpc: '2.0', id: 1, error: { code: -32010, message: expect.stringContaining('the server refused this'), data: { why: 'fixture' } } };
    expect([await call('bare'), await call('bad'), await call('fail')]).toEqual([bare, bad, fail]);
    expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual([]);
    expect([await call('bare', true), await call('bad', true), await call('fail', true)]).toEqual([bare, bad, fail]);
    expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual(['tools/call', 'tools/call', 'tools/call']);
  });

  it('a server that keeps sessions per client takes the SDK path (and so does every server when the gateway does not say which do)', async () => {
    const c = await client();
    try {
      routing.perClient = () => undefined;
      await c.callTool({ name: 'echo', arguments: { message: 'unsaid' } });
      routing.ownSessions = (s) => s === 'legacy';
      await c.callTool({ name: 'echo', arguments: { message: 'own' } });
      expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual(['tools/call', 'tools/call']);
      routing.ownSessions = () => false;
      await c.callTool({ name: 'echo', arguments: { message: 'shared' } });
      expect(gatewayRequests.filter((m) => m === 'tools/call')).toEqual(['tools/call', 'tools/call']);
    } finally {
      delete routing.perClient;
      delete routing.ownSessions;
      await c.close();
    }
  });
});

async function waitUntil(done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
