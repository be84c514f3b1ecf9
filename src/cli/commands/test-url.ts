import * as path from 'node:path';
import { OrchestratorError } from '../../errors';
import { probeRemote, type ToolCall } from '../../mcp/remote-probe';
import { guardedFetch } from '../../outbound/guarded-fetch';
import { StoredOAuthProvider, type OAuthClientSettings } from '../../outbound/oauth/client-provider';
import { loginSession } from '../../outbound/oauth/login-session';
import { TokenStore } from '../../outbound/oauth/token-store';
import type { RemoteEndpoint } from '../../outbound/remote-client';
import { readRegularFile } from '../../stack-file/node-spec-host';
import { judgeRemoteUrl } from '../../stack-file/remote-servers';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface TestUrlOptions {
  readonly url?: string;
  readonly transport: 'http' | 'sse';
  readonly allow?: 'private_urls';
  readonly call: readonly string[];
  readonly arguments: readonly string[];
  readonly login?: boolean;
  readonly headless?: boolean;
  readonly grant: 'authorization_code' | 'client_credentials';
  readonly clientId?: string;
  readonly clientSecretEnv?: string;
  readonly privateKeyFile?: string;
  readonly signingAlg: string;
  readonly clientMetadataUrl?: string;
  readonly scope?: string;
  readonly caFile?: string;
  readonly json?: boolean;
  readonly timeout: number;
}

/**
 * `test --url`: the client the gateway uses for a remote server, on its own, against any URL:
 * the outbound rules, OAuth from the token store (a login with --login, machine credentials with
 * --grant client_credentials), the era negotiated, every list, and a call with --call.
 */
export async function runTestUrl(opts: TestUrlOptions, env: NodeJS.ProcessEnv, io: Output, version: string, stdin?: NodeJS.ReadableStream): Promise<ExitCodeValue> {
  const url = opts.url ?? '';
  const allowPrivate = opts.allow === 'private_urls';
  const verdict = judgeRemoteUrl(url, allowPrivate);
  if (!verdict.ok) throw new OrchestratorError('USAGE', `--url: ${verdict.message ?? 'refused'}`);
  const calls = toolCalls(opts);
  const settings = clientSettings(opts, env);
  const caPem = opts.caFile === undefined ? undefined : readText(opts.caFile, '--ca-file');
  const fetch = guardedFetch({ allowPrivate, ...(caPem !== undefined && { caPem }) });
  const store = TokenStore.forUser(env);
  const name = new URL(url).host;
  const session =
    opts.login === true && settings.grant === 'authorization_code'
      ? await loginSession({ store, resource: url, name, settings, fetch, say: (line) => io.err(line), ...(stdin !== undefined && { input: stdin }), headless: opts.headless === true, allowPrivate })
      : { provider: new StoredOAuthProvider(store, url, name, settings), close: () => undefined };
  try {
    const endpoint: RemoteEndpoint = { url: new URL(url), transport: opts.transport === 'sse' ? 'sse' : 'streamable-http', headers: {}, fetch, oauth: session.provider };
    const r = await probeRemote(name, endpoint, opts.timeout * 1000, version, calls);
    if (opts.json) {
      const { toolLocks: _digests, ...shown } = r;
      io.out(JSON.stringify(shown, null, 2));
    } else if (r.ok) {
      io.out(`${url}: ok, ${r.protocolVersion ?? '?'} (${r.serverName ?? '?'} ${r.serverVersion ?? ''})`.replace(' )', ')'));
      io.out(`tools: ${r.tools.join(', ') || '-'}`);
      if (r.prompts.length > 0) io.out(`prompts: ${r.prompts.join(', ')}`);
      if (r.resources.length > 0) io.out(`resources: ${r.resources.length}`);
      for (const c of r.called ?? []) io.out(`${c.tool}${c.isError ? ' (error)' : ''}: ${c.text}`);
    } else {
      io.err(`${url}: FAILED: ${r.error ?? ''}`);
    }
    for (const w of r.warnings ?? []) io.err(`warning: ${w}`);
    return r.ok ? ExitCode.OK : ExitCode.FAILED;
  } finally {
    session.close();
  }
}

function toolCalls(opts: TestUrlOptions): ToolCall[] {
  if (opts.arguments.length > opts.call.length) throw new OrchestratorError('USAGE', '--arguments without its --call');
  return opts.call.map((tool, i) => {
    let args: unknown;
    try {
      args = JSON.parse(opts.arguments[i] ?? '{}');
    } catch {
      throw new OrchestratorError('USAGE', `--arguments of ${tool}: not JSON`);
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new OrchestratorError('USAGE', `--arguments of ${tool}: a JSON object`);
    return { tool, arguments: args as Record<string, unknown> };
  });
}

function clientSettings(opts: TestUrlOptions, env: NodeJS.ProcessEnv): OAuthClientSettings {
  if (opts.clientSecretEnv !== undefined && env[opts.clientSecretEnv] === undefined) throw new OrchestratorError('USAGE', `--client-secret-env: ${opts.clientSecretEnv} is not set`);
  const secret = opts.clientSecretEnv === undefined ? undefined : env[opts.clientSecretEnv];
  if ((secret !== undefined || opts.privateKeyFile !== undefined) && opts.clientId === undefined) throw new OrchestratorError('USAGE', 'a client secret or key needs --client-id');
  if (opts.clientMetadataUrl !== undefined && !/^https:\/\/[^/]+\/./.test(opts.clientMetadataUrl)) throw new OrchestratorError('USAGE', '--client-metadata-url: an https URL with a path');
  return {
    grant: opts.grant,
    ...(opts.clientId !== undefined && { clientId: opts.clientId }),
    ...(secret !== undefined && { clientSecret: secret }),
    ...(opts.privateKeyFile !== undefined && { privateKeyPem: readText(opts.privateKeyFile, '--private-key-file'), signingAlgorithm: opts.signingAlg }),
    ...(opts.clientMetadataUrl !== undefined && { clientMetadataUrl: opts.clientMetadataUrl }),
    ...(opts.scope !== undefined && { scope: opts.scope }),
  };
}

/** A small regular file the user named (a key, a CA): read as the stack file's files are, bounded. */
function readText(file: string, option: string): string {
  const read = readRegularFile(path.resolve(file), 1024 * 1024);
  if (!read.ok) throw new OrchestratorError('USAGE', `${option}: ${file}: ${read.reason}`);
  return read.bytes.toString('utf8');
}
