import * as fs from 'node:fs';
import { OrchestratorError } from '../../errors';
import { probeRemote } from '../../mcp/remote-probe';
import { guardedFetch } from '../../outbound/guarded-fetch';
import { loginSession } from '../../outbound/oauth/login-session';
import { canonicalResource, expired, TokenStore, type ServerRecord } from '../../outbound/oauth/token-store';
import { oauthSettings, remoteEndpoint } from '../../outbound/remote-client';
import type { RemoteSpec, StackSpec } from '../../stack-file/stack-spec';
import { loadSpecOrThrow } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { table } from '../table';

export interface AuthOptions {
  readonly file: string;
  readonly json?: boolean;
  readonly headless?: boolean;
  readonly timeout: number;
}

/**
 * `auth login SERVER`: the one time a user authorizes the orchestrator to a remote server (the
 * code flow with PKCE, the browser back on a loopback port or the address pasted), or, for a
 * client_credentials server, a first token; then the server is asked for its tools with it. The
 * tokens go to the user's store and nowhere else: nothing of them is printed.
 */
export async function runAuthLogin(server: string, opts: AuthOptions, env: NodeJS.ProcessEnv, io: Output, version: string, stdin?: NodeJS.ReadableStream): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const remote = remoteNamed(spec, server, opts.file);
  const store = TokenStore.forUser(env);
  const fetch = guardedFetch({ allowPrivate: remote.allowPrivate, ...(spec.tls !== undefined && { caPem: spec.tls.caPem }) });
  const session = await loginSession({
    store,
    resource: remote.url,
    name: remote.name,
    settings: oauthSettings(remote),
    fetch,
    say: (line) => io.err(line),
    ...(stdin !== undefined && process.stdin.isTTY === true && { input: stdin }),
    headless: opts.headless === true,
    allowPrivate: remote.allowPrivate,
  });
  try {
    const endpoint = { ...remoteEndpoint(remote, { fetch }), oauth: session.provider };
    const r = await probeRemote(remote.name, endpoint, opts.timeout * 1000, version);
    if (!r.ok) {
      io.err(`${remote.name}: FAILED: ${r.error ?? ''}`);
      return ExitCode.FAILED;
    }
    const record = store.read({ server: remote.name, resource: remote.url });
    const entry = record?.current !== undefined ? record.issuers[record.current] : undefined;
    io.out(entry?.tokens !== undefined ? `${remote.name}: logged in at ${record?.current ?? '?'}${scopeText(entry.tokens.scope)}; ${r.tools.length} tools` : `${remote.name}: no login needed; ${r.tools.length} tools`);
    return ExitCode.OK;
  } finally {
    session.close();
  }
}

/** `auth status`: what the store holds for the file's remote servers (and any other), never a token. */
export function runAuthStatus(opts: AuthOptions, env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  const store = TokenStore.forUser(env);
  const remotes = fs.existsSync(opts.file) ? (loadSpecOrThrow(opts.file, env, io).remotes ?? []) : [];
  const records = store.list();
  const same = (r: RemoteSpec, rec: ServerRecord): boolean => rec.server === r.name && rec.resource === canonicalResource(r.url);
  const rows = [
    ...remotes.map((r) => ({ server: r.name, url: r.url, inFile: true, record: records.find((rec) => same(r, rec)), machine: r.auth?.grant === 'client_credentials' })),
    ...records.filter((rec) => !remotes.some((r) => same(r, rec))).map((rec) => ({ server: rec.server, url: rec.resource, inFile: false, record: rec, machine: false })),
  ].map(({ machine, ...row }) => ({ ...row, ...stateOf(row.record, machine) }));
  if (opts.json) {
    io.out(JSON.stringify({ store: store.dir, servers: rows.map(({ record: _r, ...row }) => row) }, null, 2));
  } else {
    io.out(table(['SERVER', 'URL', 'ISSUER', 'STATE', 'SCOPES'], rows.map((r) => [r.inFile ? r.server : `${r.server} (not in ${opts.file})`, r.url, r.issuer ?? '-', r.state, r.scopes ?? '-'])));
    io.err(`token store: ${store.dir}`);
  }
  return ExitCode.OK;
}

/** `auth logout SERVER`: forgets the server's tokens and registered client (a server of the file, or a URL). */
export function runAuthLogout(server: string, opts: AuthOptions, env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  const store = TokenStore.forUser(env);
  // A server of the file, else whatever the store holds under that name or URL (a server since renamed or removed, test --url's).
  const remote = fs.existsSync(opts.file) ? loadSpecOrThrow(opts.file, env, io).remotes?.find((r) => r.name === server) : undefined;
  const keys = remote !== undefined ? [{ server: remote.name, resource: remote.url }] : store.list().filter((r) => r.server === server || (URL.canParse(server) && r.resource === canonicalResource(server)));
  const removed = keys.filter((k) => store.remove(k)).length;
  io.out(removed > 0 ? `${server}: logged out (its tokens and client are removed from ${store.dir})` : `${server}: nothing stored`);
  return ExitCode.OK;
}

function remoteNamed(spec: StackSpec, server: string, file: string): RemoteSpec {
  const remote = spec.remotes?.find((r) => r.name === server);
  if (remote === undefined) {
    const names = (spec.remotes ?? []).map((r) => r.name);
    throw new OrchestratorError('USAGE', `${server} is not a remote server (url:) of ${file}${names.length > 0 ? `; its remote servers: ${names.join(', ')}` : ''}`);
  }
  return remote;
}

/** What the stored tokens allow now; a client_credentials server fetches new ones itself. */
function stateOf(record: ServerRecord | undefined, machine: boolean): { state: string; issuer?: string; scopes?: string } {
  const issuer = record?.current;
  const entry = issuer !== undefined ? record?.issuers[issuer] : undefined;
  if (entry?.tokens === undefined) return { state: machine ? 'no token yet (client credentials)' : 'not logged in' };
  const state = !expired(entry) ? 'logged in' : machine ? 'expired (renewed on use)' : entry.tokens.refresh_token !== undefined ? 'expired (refreshed on use)' : 'expired: log in again';
  return { state, ...(issuer !== undefined && { issuer }), ...(entry.tokens.scope !== undefined && { scopes: entry.tokens.scope }) };
}

function scopeText(scope: string | undefined): string {
  return scope === undefined || scope === '' ? '' : ` (scopes: ${scope})`;
}
