import { isLoopbackHost, nonPublicRange } from '../util/outbound-address';
import type { EffectiveServer } from './effective-server';
import { pointer, type LocatedDocument } from './located-yaml';

/** Keys a remote server (url:) may have: the rest describe a container, which it has not. */
const REMOTE_KEYS = new Set(['url', 'headers', 'transport', 'ready', 'auth']);
/** Headers the transport itself sets: a file that set them would break or spoof the exchange. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'content-type', 'accept', 'connection', 'transfer-encoding', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id']);

export interface UrlVerdict {
  readonly ok: boolean;
  readonly message?: string;
}

/**
 * What the outbound rules say of a URL the file names, before any DNS: http(s) only, no
 * credentials in it; https, or plain http to this machine only; an address literal outside the
 * public ranges (or localhost) only with `allow: [private_urls]`. A host name is judged again
 * after DNS, at every connection.
 */
export function judgeRemoteUrl(text: string, allowPrivate: boolean): UrlVerdict {
  if (!URL.canParse(text)) return { ok: false, message: `"${text}" is not an absolute URL` };
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `${url.protocol} URLs are not MCP endpoints: use https://` };
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'a URL with credentials in it: give them as headers from variables (headers: { Authorization: "Bearer ${TOKEN}" })' };
  if (url.hash !== '') return { ok: false, message: 'a URL with a #fragment: an endpoint has none' };
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, message: `plain http to ${url.hostname} would send requests and credentials in clear: use https (plain http only to this machine, with allow: [private_urls])` };
  const literal = nonPublicRange(url.hostname);
  const range = loopback ? 'loopback' : literal === 'not an IP address' ? undefined : literal;
  if (range !== undefined && !allowPrivate) {
    return { ok: false, message: `${url.hostname} is a ${range} address: a remote server there needs allow: [private_urls] (a file could otherwise reach this machine's or the network's own services)` };
  }
  return { ok: true };
}

/** The checks of a remote server (url:), located. */
export function checkRemote(s: EffectiveServer, doc: LocatedDocument, allowPrivate: boolean, report: (at: string, message: string, key?: boolean) => void): void {
  const e = s.entry as Record<string, unknown>;
  const url = String(e['url']);
  const verdict = judgeRemoteUrl(url, allowPrivate);
  if (!verdict.ok) report(s.origin('url'), `server "${s.name}": url: ${verdict.message ?? ''}`);
  for (const key of Object.keys(e)) {
    if (!REMOTE_KEYS.has(key) && !key.startsWith('x-') && s.origin(key).startsWith('/servers/')) {
      report(s.origin(key), `server "${s.name}" is a remote server (url:): ${key} describes a container, which it has not`, true);
    }
  }
  const transport = e['transport'];
  if (transport !== undefined && transport !== 'http' && transport !== 'sse') {
    report(s.origin('transport'), `server "${s.name}": a remote server speaks Streamable HTTP (transport: http, the default) or the legacy HTTP+SSE (transport: sse)`);
  }
  checkAuth(s, doc, report);
  for (const [name, value] of Object.entries((e['headers'] as Record<string, string> | undefined) ?? {})) {
    const at = pointer(s.origin('headers'), name);
    if (TRANSPORT_HEADERS.has(name.toLowerCase())) report(at, `server "${s.name}": header ${name} is the transport's own`, true);
    else if (!doc.readsVariable(at)) {
      report(at, `server "${s.name}": header ${name} is written in the file: a header may carry a credential, so its value comes from a variable (${name}: "\${${headerVariable(name)}}")`);
    } else if (value.trim() === '') report(at, `server "${s.name}": header ${name} is empty (is its variable set?)`);
  }
}

/** `auth:` of a remote server: a secret from a variable only, what a grant needs. */
function checkAuth(s: EffectiveServer, doc: LocatedDocument, report: (at: string, message: string, key?: boolean) => void): void {
  const auth = (s.entry as { auth?: { grant?: string; client_id?: string; client_secret?: string; private_key_file?: string } }).auth;
  if (auth === undefined) return;
  const at = s.origin('auth');
  if (auth.client_secret !== undefined && !doc.readsVariable(pointer(at, 'client_secret'))) {
    report(pointer(at, 'client_secret'), `server "${s.name}": auth.client_secret is written in the file: it comes from a variable ("\${${headerVariable(s.name)}_CLIENT_SECRET}")`);
  }
  if ((auth.client_secret !== undefined || auth.private_key_file !== undefined) && auth.client_id === undefined) {
    report(at, `server "${s.name}": auth: a client secret or key belongs to a pre-registered client: give its client_id`);
  }
  if (auth.client_secret !== undefined && auth.private_key_file !== undefined) report(pointer(at, 'private_key_file'), `server "${s.name}": auth: a client_secret or a private_key_file, not both`);
  if (auth.grant === 'client_credentials' && (auth.client_id === undefined || (auth.client_secret === undefined && auth.private_key_file === undefined))) {
    report(pointer(at, 'grant'), `server "${s.name}": auth: grant client_credentials needs a client_id with its client_secret (from a variable) or private_key_file`);
  }
}

/** A variable name to suggest for a header's value. */
function headerVariable(header: string): string {
  return header.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Checks that only remote servers may have: headers, transport: sse. */
export function checkContainerOnly(s: EffectiveServer, report: (at: string, message: string, key?: boolean) => void): void {
  const e = s.entry as Record<string, unknown>;
  if (e['headers'] !== undefined) report(s.origin('headers'), `server "${s.name}": headers are for remote servers (url:); a container's server gets env`, true);
  if (e['transport'] === 'sse') report(s.origin('transport'), `server "${s.name}": transport: sse is for remote servers (url:); a container speaks stdio or http`);
  if (e['auth'] !== undefined) report(s.origin('auth'), `server "${s.name}": auth is OAuth to a remote server (url:); a container's server gets its credentials as env or secrets`, true);
}
