import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Server } from '@modelcontextprotocol/server';
import { SessionTransport } from '../../src/gateway/session-transport';

/**
 * The gateway's 2025-era session transport under the SDK's own server and client, over a real
 * HTTP listener: plain JSON answers when nothing comes before them, an event stream when
 * something does, and the checks of the SDK's transport.
 */
describe('SessionTransport', () => {
  let listener: http.Server;
  let url: string;
  const sessions = new Map<string, SessionTransport>();

  beforeAll(async () => {
    listener = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        const id = req.headers['x-route-to'] ?? req.headers['mcp-session-id'];
        const known = typeof id === 'string' ? sessions.get(id) : undefined;
        if (known !== undefined) return void known.handleRequest(req, res, body);
        const transport = new SessionTransport({ sessionIdGenerator: () => `s${sessions.size + 1}`, onsessioninitialized: (sid) => sessions.set(sid, transport) });
        const server = new Server({ name: 't', version: '1' }, { capabilities: { tools: {}, logging: {} } });
        server.setRequestHandler('tools/list', async () => ({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }));
        server.setRequestHandler('tools/call', async (request, ctx) => {
          const token = request.params._meta?.progressToken;
          if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 2 } });
          if (request.params.name === 'ask') {
            const answer = await server.elicitInput({ mode: 'form', message: 'name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } }, { relatedRequestId: ctx.mcpReq.id });
            return { content: [{ type: 'text', text: `hello ${String(answer.content?.['name'])}` }] };
          }
          return { content: [{ type: 'text', text: String(request.params.arguments?.['message']) }] };
        });
        void server.connect(transport).then(() => transport.handleRequest(req, res, body));
      });
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/mcp`;
  });

  afterAll(async () => {
    await Promise.all([...sessions.values()].map((s) => s.close()));
    listener.closeAllConnections();
    await new Promise((r) => listener.close(r));
  });

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(body) });

  async function open(): Promise<Record<string, string>> {
    const init = await post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    expect(init.status).toBe(200);
    const headers = { 'mcp-session-id': init.headers.get('mcp-session-id') ?? '', 'mcp-protocol-version': '2025-06-18' };
    await init.text();
    expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status).toBe(202);
    return headers;
  }

  it('answers a request with nothing before its answer as one JSON response, a batch as an array', async () => {
    const headers = await open();
    const one = await post({ jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } }, headers);
    expect(one.headers.get('content-type')).toBe('application/json');
    expect(one.headers.get('mcp-session-id')).toBe(headers['mcp-session-id']);
    expect(await one.json()).toEqual({ jsonrpc: '2.0', id: 'a', result: { content: [{ type: 'text', text: 'hi' }] } });
    const batch = await post(
      [
        { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { message: 'one' } } },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      ],
      headers,
    );
    const answers = (await batch.json()) as { id: number }[];
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
  });

  it('turns the response into an event stream when the server sends something first (progress), the answer last', async () => {
    const headers = await open();
    const r = await post({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'echo', arguments: { message: 'p' }, _meta: { progressToken: 'tok' } } }, headers);
    expect(r.headers.get('content-type')).toBe('text/event-stream');
    const events = (await r.text())
      .split('\n\n')
      .filter((e) => e.includes('data:'))
      .map((e) => JSON.parse(e.slice(e.indexOf('data:') + 5)) as { method?: string; id?: number });
    expect(events.map((e) => e.method ?? `answer ${e.id}`)).toEqual(['notifications/progress', 'answer 7']);
  });

  it('carries a question of the server to an SDK client during its call and the answer back', async () => {
    const client = new ClientV1({ name: 'sdk', version: '1' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { name: 'ada' } }));
    await client.connect(new TransportV1(new URL(url)));
    const progress: number[] = [];
    const asked = await client.callTool({ name: 'ask', arguments: {} }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(asked.content).toEqual([{ type: 'text', text: 'hello ada' }]);
    expect(progress).toEqual([1]);
    const plain = await client.callTool({ name: 'echo', arguments: { message: 'x' } });
    expect(plain.content).toEqual([{ type: 'text', text: 'x' }]);
    await client.close();
  });

  it('refuses what the SDK transport refuses, with its statuses', async () => {
    const headers = await open();
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    expect((await post(call, { ...headers, accept: 'application/json' })).status).toBe(406);
    expect((await fetch(url, { method: 'POST', headers: { ...headers, accept: 'application/json, text/event-stream', 'content-type': 'text/plain' }, body: JSON.stringify(call) })).status).toBe(415);
    expect((await post({ jsonrpc: '1.0', id: 1, method: 'x' }, headers)).status).toBe(400);
    expect(
      (
        await post(
          Array.from({ length: 101 }, (_, i) => ({ ...call, id: i })),
          headers,
        )
      ).status,
    ).toBe(400);
    expect((await post(call, { ...headers, 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    expect((await post({ jsonrpc: '2.0', id: 9, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'again', version: '1' } } }, headers)).status).toBe(400);
    // Routed to this session's transport under another session's id: its own check answers.
    const wrong = await post(call, { ...headers, 'x-route-to': headers['mcp-session-id'] ?? '', 'mcp-session-id': 'not-this-one' });
    expect(wrong.status).toBe(404);
    const missing = await post(call, { 'x-route-to': headers['mcp-session-id'] ?? '' });
    expect(missing.status).toBe(400);
  });

  it('keeps one standalone stream per session (409 for a second), and DELETE ends the session', async () => {
    const headers = await open();
    const controller = new AbortController();
    const first = await fetch(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/event-stream');
    const second = await fetch(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' } });
    expect(second.status).toBe(409);
    controller.abort();
    const deleted = await fetch(url, { method: 'DELETE', headers });
    expect(deleted.status).toBe(200);
    const after = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers);
    expect(after.status).toBe(404);
  });
});
