import { SSEClientTransport, StreamableHTTPClientTransport, UnauthorizedError, type Client, type Transport } from '@modelcontextprotocol/client';
import type { RemoteSpec } from '../stack-file/stack-spec';
import { guardedFetch, type Fetch } from './guarded-fetch';
import { ScopeRefusedError } from './oauth/authorizers';
import { StoredOAuthProvider, type OAuthClientSettings } from './oauth/client-provider';
import type { TokenStore } from './oauth/token-store';

/** How the orchestrator reaches one remote server: its endpoint, transport, headers and credentials. */
export interface RemoteEndpoint {
  readonly url: URL;
  readonly transport: 'streamable-http' | 'sse';
  /** Sent to the server's own origin only (never to its authorization server). */
  readonly headers: Readonly<Record<string, string>>;
  /** Every request through the outbound rules. */
  readonly fetch: Fetch;
  /** OAuth: tokens from the store, a login where the run is interactive. */
  readonly oauth?: StoredOAuthProvider;
}

/** A stack file's remote server as an endpoint: its rules, headers and OAuth (tokens from `store`, no login). */
export function remoteEndpoint(remote: RemoteSpec, o: { readonly store?: TokenStore; readonly caPem?: string; readonly fetch?: Fetch } = {}): RemoteEndpoint {
  const fetch = o.fetch ?? guardedFetch({ allowPrivate: remote.allowPrivate, ...(o.caPem !== undefined && { caPem: o.caPem }) });
  return {
    url: new URL(remote.url),
    transport: remote.transport,
    headers: remote.headers,
    fetch,
    ...(o.store !== undefined && { oauth: new StoredOAuthProvider(o.store, remote.url, remote.name, oauthSettings(remote)) }),
  };
}

/** What `auth:` says, as the OAuth client's settings. */
export function oauthSettings(remote: RemoteSpec): OAuthClientSettings {
  const a = remote.auth;
  return {
    grant: a?.grant ?? 'authorization_code',
    ...(a?.issuer !== undefined && { issuer: a.issuer }),
    ...(a?.clientId !== undefined && { clientId: a.clientId }),
    ...(a?.clientSecret !== undefined && { clientSecret: a.clientSecret }),
    ...(a?.privateKeyPem !== undefined && { privateKeyPem: a.privateKeyPem, signingAlgorithm: a.signingAlgorithm ?? 'RS256' }),
    ...(a?.clientMetadataUrl !== undefined && { clientMetadataUrl: a.clientMetadataUrl }),
    ...(a?.scopes !== undefined && a.scopes.length > 0 && { scope: a.scopes.join(' ') }),
  };
}

/**
 * Authorization rounds one operation may take: a login, then a step-up to wider scopes. A server
 * that keeps asking after that is not asked again (the authorization server would be asked
 * without end).
 */
const MAX_AUTH_ROUNDS = 3;

/**
 * The endpoint's fetch with its headers added to requests for the server's origin only: the
 * SDK sends its `requestInit` with the OAuth requests too, and a header given for the server (an
 * API key) is not the authorization server's to see.
 */
export function fetchWithHeaders(endpoint: Pick<RemoteEndpoint, 'url' | 'headers' | 'fetch'>): Fetch {
  const origin = endpoint.url.origin;
  if (Object.keys(endpoint.headers).length === 0) return endpoint.fetch;
  return (input, init = {}) => {
    if (new URL(String(input)).origin !== origin) return endpoint.fetch(input, init);
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(endpoint.headers)) if (!headers.has(name)) headers.set(name, value);
    return endpoint.fetch(input, { ...init, headers });
  };
}

/** A transport to the endpoint, with its OAuth provider. */
export function remoteTransport(endpoint: RemoteEndpoint): StreamableHTTPClientTransport | SSEClientTransport {
  const fetch = fetchWithHeaders(endpoint);
  const auth = endpoint.oauth !== undefined ? { authProvider: endpoint.oauth } : {};
  if (endpoint.transport === 'sse') {
    return new SSEClientTransport(endpoint.url, { fetch, ...auth, eventSourceInit: { fetch } });
  }
  return new StreamableHTTPClientTransport(endpoint.url, { fetch, ...auth });
}

/**
 * Connects `client` to the endpoint; where the server wants a login the provider can do (an
 * interactive run), the login is finished and the connection made again.
 */
export async function connectRemote(makeClient: () => Client, endpoint: RemoteEndpoint, timeoutMs: number): Promise<{ client: Client; transport: Transport }> {
  for (let round = 1; ; round++) {
    const client = makeClient();
    const transport = remoteTransport(endpoint);
    try {
      await client.connect(transport, { timeout: timeoutMs });
      return { client, transport };
    } catch (err) {
      const finished = await finishLogin(err, endpoint, transport, round);
      await client.close().catch(() => undefined);
      if (!finished) throw err;
    }
  }
}

/**
 * One operation on a connected client, with the authorization it asks for on the way (a step-up
 * to wider scopes) finished and the operation made again, within MAX_AUTH_ROUNDS.
 */
export async function withAuthorization<T>(endpoint: RemoteEndpoint, transport: Transport, op: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await op();
    } catch (err) {
      if (!(await finishLogin(err, endpoint, transport, round))) throw err;
    }
  }
}

/**
 * Whether `err` was a login the provider went through (and its tokens are now stored), or a
 * step-up refused for a client registered with narrower scopes (now forgotten: the operation
 * made again registers anew, with the wider ones).
 */
async function finishLogin(err: unknown, endpoint: RemoteEndpoint, transport: Transport, round: number): Promise<boolean> {
  if (causes(err).some((e) => e instanceof ScopeRefusedError)) return round < MAX_AUTH_ROUNDS && endpoint.oauth?.reregister() === true;
  if (!causes(err).some((e) => e instanceof UnauthorizedError)) return false;
  const callback = endpoint.oauth?.takeCallback();
  if (callback === undefined || round >= MAX_AUTH_ROUNDS) return false;
  await (transport as StreamableHTTPClientTransport).finishAuth(callback);
  return true;
}

/** An error and the errors it wraps. */
export function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = e instanceof Error ? e.cause : undefined, depth++) out.push(e);
  return out;
}
