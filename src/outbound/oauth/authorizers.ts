import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as readline from 'node:readline';
import { OrchestratorError } from '../../errors';
import { judgeRemoteUrl } from '../../stack-file/remote-servers';
import { OutboundRefusedError, type Fetch } from '../guarded-fetch';
import type { AuthorizationCallback, Authorizer } from './client-provider';

/** How long a login waits for the user. */
const LOGIN_WAIT_MS = 5 * 60_000;
/** Redirects a headless authorization follows at most. */
const MAX_HOPS = 10;

/**
 * The loopback redirect (RFC 8252 §7.3): a listener on 127.0.0.1 that takes the one callback whose
 * `state` is this flow's, and nothing else. Started before the flow, since the redirect URL is
 * part of the client's registration.
 */
export class LoopbackReceiver {
  private server: http.Server | undefined;
  private waiting: { state: string; resolve: (params: AuthorizationCallback) => void } | undefined;

  async start(port: number): Promise<URL> {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const waiting = this.waiting;
      if (url.pathname !== '/callback' || waiting === undefined || url.searchParams.get('state') !== waiting.state) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Not the callback of the login under way.\n');
        return;
      }
      this.waiting = undefined;
      const refused = url.searchParams.has('error');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(refused ? 'The authorization was refused; see the terminal.\n' : 'Logged in. You can close this window.\n');
      waiting.resolve(url.searchParams);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`);
  }

  /** The callback with `state`, as the browser brings it. */
  wait(state: string): Promise<AuthorizationCallback> {
    return new Promise((resolve) => {
      this.waiting = { state, resolve };
    });
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
  }
}

/**
 * A user at a terminal: the URL is printed for them to open; the browser's redirect comes to the
 * loopback receiver, or, where the browser runs on another machine, they paste the address it
 * ended on. Nothing opens the URL through a shell.
 */
export function terminalAuthorizer(receiver: LoopbackReceiver, say: (line: string) => void, input: NodeJS.ReadableStream | undefined, allowPrivate: boolean): Authorizer {
  return async (authorizationUrl, _redirect, state) => {
    // The user's browser would go where the server's metadata says: held to the same rules first.
    const verdict = judgeRemoteUrl(authorizationUrl.href, allowPrivate);
    if (!verdict.ok) throw new OutboundRefusedError(`the authorization endpoint ${authorizationUrl.origin}: ${verdict.message ?? 'refused'}`);
    say(`Open this URL in a browser to log in:\n\n  ${authorizationUrl.href}\n`);
    if (input !== undefined) say('(If the browser runs on another machine, paste the address it was sent to here.)');
    const pasted = input === undefined ? new Promise<never>(() => undefined) : pastedCallback(input, state);
    return expectCode(await within(Promise.race([receiver.wait(state), pasted]), LOGIN_WAIT_MS, 'no login within 5 minutes'));
  };
}

/**
 * No browser at all: the authorization URL is fetched and its redirects followed, each through
 * the outbound rules, until one goes to the redirect URL. Only an authorization server that
 * approves without a user (a pre-consented client, a test server) ends there; any other stops at
 * its login page, which is said.
 */
export function headlessAuthorizer(fetch: Fetch): Authorizer {
  return async (authorizationUrl, redirectUrl, state) => {
    let url = authorizationUrl;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        throw new OrchestratorError('USAGE', `the authorization server answered ${response.status} at ${url.origin}${url.pathname} instead of redirecting back: it wants a user; log in with a browser (without --headless)`);
      }
      const next = new URL(location, url);
      if (next.origin === redirectUrl.origin && next.pathname === redirectUrl.pathname) {
        if (next.searchParams.get('state') !== state) throw new OrchestratorError('USAGE', 'the authorization came back with another state: refused');
        return expectCode(next.searchParams);
      }
      url = next;
    }
    throw new OrchestratorError('USAGE', `more than ${MAX_HOPS} redirects from the authorization server`);
  };
}

/** The address the user pasted: the redirect URL with its query (or the query alone). */
async function pastedCallback(input: NodeJS.ReadableStream, state: string): Promise<AuthorizationCallback> {
  const lines = readline.createInterface({ input, terminal: false });
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === '') continue;
      const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
      const params = new URLSearchParams(query.replace(/#.*$/, ''));
      if (params.get('state') === state) return params;
    }
  } finally {
    lines.close();
  }
  throw new OrchestratorError('USAGE', 'no login: the input ended without the address the browser was sent to');
}

/** A callback with a code; one that says the authorization was refused fails with its error code only (its text is the other side's). */
function expectCode(params: AuthorizationCallback): AuthorizationCallback {
  if (params.get('code') !== null) return params;
  const error = (params.get('error') ?? 'no code').replace(/[^\w.-]/g, '').slice(0, 64);
  if (error === 'invalid_scope') throw new ScopeRefusedError();
  throw new OrchestratorError('USAGE', `the authorization server refused the login: ${error}`);
}

/**
 * The authorization server refused the scopes asked for: a dynamically registered client was
 * registered for the scopes of its first login, and a step-up asks for more (registering again,
 * with them, is the way on).
 */
export class ScopeRefusedError extends OrchestratorError {
  constructor() {
    super('USAGE', 'the authorization server refused the login: invalid_scope (the scopes asked for are not this client\'s)');
  }
}

async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new OrchestratorError('USAGE', message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
