import * as dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import { judgeRemoteUrl } from '../stack-file/remote-servers';
import { nonPublicRange } from '../util/outbound-address';

/** What the SDK's transports take as `fetch`. */
export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** A request the outbound rules refuse: named, never retried as if the server were down. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

/** Redirects followed at most, each judged again. */
const MAX_REDIRECTS = 5;

export interface OutboundOptions {
  /** `allow: [private_urls]`: loopback and private addresses may be reached. */
  readonly allowPrivate: boolean;
  /** Extra CA certificates (PEM) to trust, besides the system's (`tls.ca_file`). */
  readonly caPem?: string;
  /**
   * Keep connections open between requests: for a long-lived client (the gateway). A one-shot
   * command's idle kept-alive socket would hold its process until the server closes it.
   */
  readonly keepAlive?: boolean;
}

/**
 * The one way the orchestrator reaches a server it does not run (a remote server, its redirects,
 * later its OAuth metadata): every URL judged by the outbound rules before the request (scheme,
 * credentials, address literals), every host name judged again at connect time, on the addresses
 * the connection then uses (no rebinding between check and use), redirects followed by hand and
 * judged each, and a credential header never carried to another origin.
 */
export function guardedFetch(options: OutboundOptions): Fetch {
  const lookup = checkedLookup(options.allowPrivate);
  // Kept-alive connections were judged when they were made: reusing one reaches the same address.
  const keepAlive = options.keepAlive === true;
  const agents = {
    'http:': new http.Agent({ keepAlive }),
    'https:': new https.Agent({ keepAlive, ...(options.caPem !== undefined && { ca: [...tlsRootCertificates(), options.caPem] }) }),
  };
  return async (input, init = {}) => {
    let url = new URL(String(input));
    let headers = new Headers(init.headers);
    let method = init.method ?? 'GET';
    let body = init.body ?? undefined;
    for (let hop = 0; ; hop++) {
      const verdict = judgeRemoteUrl(url.href, options.allowPrivate);
      if (!verdict.ok) throw new OutboundRefusedError(`${url.origin}: ${verdict.message ?? 'refused'}`);
      const response = await send(url, { method, headers, body, signal: init.signal ?? undefined, lookup, agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'] });
      const location = response.headers.get('location');
      // A caller that follows redirects itself (the SDK's same-origin rule, the authorization flow) gets them as they are.
      if (response.status < 300 || response.status >= 400 || location === null || init.redirect === 'manual') return response;
      if (hop >= MAX_REDIRECTS) throw new OutboundRefusedError(`${url.origin}: more than ${MAX_REDIRECTS} redirects`);
      await response.body?.cancel().catch(() => undefined);
      const next = new URL(location, url);
      // Credentials were given for the origin they were issued for, never for where it points.
      if (next.origin !== url.origin) headers = withoutCredentials(headers);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

interface Sending {
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'] | undefined;
  readonly signal: AbortSignal | undefined;
  readonly lookup: typeof dns.lookup;
  readonly agent: http.Agent;
}

/** One request over node's http(s), connecting through the judging lookup; the answer as a web Response (its body streamed). */
function send(url: URL, s: Sending): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: s.method, headers: Object.fromEntries(s.headers), lookup: s.lookup, agent: s.agent }, (res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const status = res.statusCode ?? 502;
      const empty = status === 204 || status === 304 || s.method === 'HEAD';
      if (empty) res.resume();
      resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream), { status, statusText: res.statusMessage ?? '', headers }));
    });
    request.on('error', (err: NodeJS.ErrnoException) => reject(err.code === REFUSED ? new OutboundRefusedError(err.message) : err));
    if (s.signal !== undefined) {
      if (s.signal.aborted) request.destroy(s.signal.reason as Error);
      else s.signal.addEventListener('abort', () => request.destroy(s.signal?.reason as Error), { once: true });
    }
    request.end(bodyBytes(s.body));
  });
}

/** The request bodies the MCP transports and OAuth send: text, form parameters, bytes. */
function bodyBytes(body: RequestInit['body'] | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('guardedFetch: a streamed request body is not supported');
}

/** What the judging lookup's refusal is known by, through node's connection errors. */
const REFUSED = 'EMCPOREFUSED';

function withoutCredentials(headers: Headers): Headers {
  const kept = new Headers();
  headers.forEach((value, name) => {
    if (SAFE_ACROSS_ORIGINS.has(name.toLowerCase())) kept.set(name, value);
  });
  return kept;
}

/** Headers that carry no credential: every other one (Authorization, an API key of any name) stays behind. */
const SAFE_ACROSS_ORIGINS = new Set(['accept', 'content-type', 'user-agent', 'mcp-protocol-version', 'accept-language']);

/** DNS as usual, then every address judged: one outside the public ranges refuses the name, unless allowed. */
function checkedLookup(allowPrivate: boolean): typeof dns.lookup {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err !== null) return callback(err, []);
      if (!allowPrivate) {
        const bad = addresses.map((a) => ({ a, range: nonPublicRange(a.address) })).find((x) => x.range !== undefined);
        if (bad !== undefined) {
          return callback(Object.assign(new OutboundRefusedError(`${hostname} resolves to ${bad.a.address}, a ${bad.range} address: a remote server there needs allow: [private_urls]`), { code: REFUSED }), []);
        }
      }
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      return first === undefined ? callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []) : callback(null, first.address, first.family);
    });
  };
  return lookup as unknown as typeof dns.lookup;
}

function tlsRootCertificates(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...(require('node:tls') as typeof import('node:tls')).rootCertificates];
}

/** A response's text, read no further than `maxBytes`: a bigger one is refused, not held in memory. */
export async function readBounded(response: Response, maxBytes: number, what: string): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`${what} is over ${Math.round(maxBytes / 1024)} KiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
