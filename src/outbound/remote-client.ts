import { SSEClientTransport, StreamableHTTPClientTransport, UnauthorizedError, type Client, type Transport } from '@modelcontextprotocol/client';
import type { Fetch } from './guarded-fetch';
import type { StoredOAuthProvider } from './oauth/client-provider';

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

/** Whether `err` was a login the provider went through (and its tokens are now stored). */
async function finishLogin(err: unknown, endpoint: RemoteEndpoint, transport: Transport, round: number): Promise<boolean> {
  if (!(err instanceof UnauthorizedError) && !isUnauthorized(err)) return false;
  const callback = endpoint.oauth?.takeCallback();
  if (callback === undefined || round >= MAX_AUTH_ROUNDS) return false;
  await (transport as StreamableHTTPClientTransport).finishAuth(callback);
  return true;
}

function isUnauthorized(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof UnauthorizedError) return true;
  return false;
}
