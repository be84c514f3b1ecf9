import type * as http from 'node:http';

/** Far beyond any real MCP message; a larger body is answered 413 before it is parsed. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const TOO_LARGE = Symbol('too large');
export const NOT_JSON = Symbol('not JSON');

/**
 * The body, read once, at most `maxBytes` of it (by events: an async iterator costs each request
 * a few promises). Past the limit nothing more is kept; the rest is discarded as it arrives.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(TOO_LARGE);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** The body as JSON, read once and bounded (the SDK is handed it parsed). */
export async function readJson(req: http.IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  if (body === TOO_LARGE) return TOO_LARGE;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** A JSON answer, whole. */
export function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}
