import type * as http from 'node:http';

/** What the SDK's createMcpHandler gives: a web handler of one exchange. */
export interface WebHandler {
  fetch(request: Request, options?: { parsedBody?: unknown }): Promise<Response>;
}

/**
 * One exchange of node's request and response with a web handler (the 2026-07-28 requests' SDK
 * handler), as the SDK's toNodeHandler does it but for what the gateway has in hand: the body
 * already read and parsed, and an answer that is JSON written at once, whole, with its length (the
 * SDK's adapter streams every answer, a JSON one as a chunked body of two writes). An event stream
 * is written as it comes, with backpressure; the client leaving aborts the exchange.
 */
export async function serveWebExchange(handler: WebHandler, req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':') || name === 'content-length' || name === 'transfer-encoding' || name === 'content-encoding') continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const text = method === 'GET' || method === 'HEAD' || body === undefined ? undefined : JSON.stringify(body);
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method, headers, signal: abort.signal, ...(text !== undefined && { body: text }) });
  const response = await handler.fetch(request, body === undefined ? {} : { parsedBody: body });
  const out: Record<string, string> = {};
  for (const [name, value] of response.headers) out[name] = value;
  if (response.body === null) {
    res.writeHead(response.status, out).end();
    return;
  }
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const whole = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...out, 'content-length': String(whole.byteLength) }).end(whole);
    return;
  }
  res.writeHead(response.status, out);
  res.flushHeaders();
  const closed = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (abort.signal.aborted) break;
      if (!res.write(chunk)) await Promise.race([new Promise<void>((resolve) => res.once('drain', resolve)), closed]);
    }
  } catch {
    // The stream ended early (the handler closed it, or the client left): what was written stands.
  }
  res.end();
}
