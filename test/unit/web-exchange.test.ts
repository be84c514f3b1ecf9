import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveWebExchange, type WebHandler } from '../../src/gateway/web-exchange';

/** The 2026-07-28 handler's exchange on node's own request and response, over a real listener. */
describe('serveWebExchange', () => {
  let handler: WebHandler;
  let seen: { method: string; url: string; header: string | null; text: string; parsed: unknown } | undefined;
  let listener: http.Server;
  let url: string;

  beforeAll(async () => {
    listener = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined;
        void serveWebExchange(handler, req, res, body);
      });
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/mcp?x=1`;
  });
  afterAll(async () => {
    listener.closeAllConnections();
    await new Promise((r) => listener.close(r));
  });

  const recording = (respond: () => Response): WebHandler => ({
    fetch: async (request, options) => {
      seen = { method: request.method, url: request.url, header: request.headers.get('mcp-method'), text: await request.text(), parsed: options?.parsedBody };
      return respond();
    },
  });

  it('hands the handler the request (headers, body, parsed body) and writes a JSON answer whole, with its length', async () => {
    handler = recording(() => Response.json({ jsonrpc: '2.0', id: 1, result: { ok: true } }, { headers: { 'x-extra': 'y' } }));
    const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'é' } };
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'mcp-method': 'tools/call' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-extra')).toBe('y');
    expect(r.headers.get('transfer-encoding')).toBeNull();
    const text = await r.text();
    expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', id: 1, result: { ok: true } });
    expect(seen).toEqual({ method: 'POST', url: expect.stringMatching(/\/mcp\?x=1$/) as unknown as string, header: 'tools/call', text: JSON.stringify(body), parsed: body });
  });

  it('streams an event stream as it comes', async () => {
    let push: ((s: string) => void) | undefined;
    let finish: (() => void) | undefined;
    handler = recording(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              push = (s) => controller.enqueue(new TextEncoder().encode(s));
              finish = () => controller.close();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.headers.get('content-type')).toBe('text/event-stream');
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    push?.('data: one\n\n');
    // The first event arrives while the stream is still open.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
    push?.('data: two\n\n');
    finish?.();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('data: two\n\n');
  });

  it('answers an empty response with its status alone', async () => {
    handler = recording(() => new Response(null, { status: 202 }));
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","method":"n"}' });
    expect(r.status).toBe(202);
    expect(await r.text()).toBe('');
  });
});
