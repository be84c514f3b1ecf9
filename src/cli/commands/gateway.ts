import { OrchestratorError } from '../../errors';
import { callerSettings } from '../../gateway/caller-settings';
import { startFixedGateway, type FixedUpstream } from '../../gateway/fixed-gateway';
import { createLogger, type LogFormat } from '../../logging/logger';
import { DEFAULT_GATEWAY_SEPARATOR } from '../../stack-file/stack-spec';
import { loadSpecOrThrow } from '../context';
import type { ExitCodeValue } from '../exit-codes';
import { parseListen } from '../listen';
import { listenerToken, readTokenFile } from './bridge';

export interface GatewayCommandOptions {
  readonly listen: string;
  /** NAME=URL, one per server. */
  readonly upstream: readonly string[];
  /** NAME=FILE: the bearer token that server wants (a bridge's), read from a file. */
  readonly upstreamTokenFile: readonly string[];
  /** NAME=tool,tool */
  readonly allowTools: readonly string[];
  readonly denyTools: readonly string[];
  readonly allowedHost: readonly string[];
  readonly separator: string;
  readonly tokenEnv: string;
  /** A file holding the clients' token instead (a mounted Swarm secret); wins over the variable. */
  readonly tokenFile?: string;
  /** Resolve each upstream's host name per session and keep the session on that address (Swarm's tasks.<service>). */
  readonly resolveUpstreams?: boolean;
  readonly logFormat: LogFormat;
  readonly logLevel: string;
  readonly version: string;
  /** A stack file whose gateway.auth, rules, audit and metrics this gateway runs with (instead of the static token). */
  readonly stack?: string;
}

/**
 * `gateway --upstream NAME=URL...`: the gateway over servers at fixed URLs, with no engine to follow
 * (what `render kubernetes` runs in front of the servers' Services, and a stack's gateway service
 * on Swarm in front of its tasks), until SIGINT/SIGTERM.
 */
export async function runGateway(opts: GatewayCommandOptions, env: NodeJS.ProcessEnv, logStream: NodeJS.WritableStream, stop: Promise<void>): Promise<ExitCodeValue> {
  const listen = parseListen(opts.listen);
  const callers = opts.stack === undefined ? undefined : callerSettings(loadSpecOrThrow(opts.stack, env, { out: () => undefined, err: (l) => logStream.write(`${l}\n`) }));
  // With gateway.auth, callers bring tokens from the issuer: no static token is asked for.
  const token = callers?.callerAuth !== undefined ? undefined : listenerToken('gateway', listen.host, opts, env);
  const upstreams = upstreamsFrom(opts);
  const logger = createLogger({ format: opts.logFormat, level: opts.logLevel, stream: logStream });
  const gateway = await startFixedGateway({
    upstreams,
    listen,
    allowedHosts: opts.allowedHost,
    separator: opts.separator || DEFAULT_GATEWAY_SEPARATOR,
    version: opts.version,
    logger,
    ...(token !== undefined && { token }),
    ...(callers !== undefined && { callers }),
  }).catch((err: unknown) => {
    throw new OrchestratorError('USAGE', `cannot listen on ${listen.host}:${listen.port}: ${err instanceof Error ? err.message : String(err)}`);
  });
  const host = gateway.address.host.includes(':') ? `[${gateway.address.host}]` : gateway.address.host;
  logger.info('gateway listening', { url: `http://${host}:${gateway.address.port}/mcp`, servers: upstreams.map((u) => u.name).join(','), auth: callers?.callerAuth !== undefined ? 'OAuth (gateway.auth)' : token !== undefined ? 'bearer token' : 'none (loopback only)' });
  await stop;
  await gateway.close();
  return 0 as ExitCodeValue;
}

function upstreamsFrom(opts: GatewayCommandOptions): FixedUpstream[] {
  const urls = pairs('--upstream', opts.upstream);
  if (urls.size === 0) throw new OrchestratorError('USAGE', 'gateway: no --upstream NAME=URL given');
  const tokens = pairs('--upstream-token-file', opts.upstreamTokenFile);
  const allow = pairs('--allow-tools', opts.allowTools);
  const deny = pairs('--deny-tools', opts.denyTools);
  for (const [flag, map] of [['--upstream-token-file', tokens], ['--allow-tools', allow], ['--deny-tools', deny]] as const) {
    for (const name of map.keys()) if (!urls.has(name)) throw new OrchestratorError('USAGE', `gateway: ${flag} names ${name}, which has no --upstream`);
  }
  return [...urls].map(([name, text]): FixedUpstream => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new OrchestratorError('USAGE', `gateway: --upstream ${name}=${text}: not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OrchestratorError('USAGE', `gateway: --upstream ${name}: an http:// or https:// URL, not ${url.protocol}`);
    const tokenFile = tokens.get(name);
    const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((t) => t.trim()).filter((t) => t !== ''));
    const tools = { ...(allow.has(name) && { allow: list(allow.get(name)) }), ...(deny.has(name) && { deny: list(deny.get(name)) }) };
    return {
      name,
      url,
      ...(tokenFile !== undefined && { headers: { authorization: `Bearer ${readTokenFile(`gateway: --upstream-token-file ${name}`, tokenFile)}` } }),
      ...(Object.keys(tools).length > 0 && { tools }),
      ...(opts.resolveUpstreams === true && { resolve: true }),
    };
  });
}

/** NAME=VALUE options, each name once. */
function pairs(flag: string, values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const i = v.indexOf('=');
    const name = i > 0 ? v.slice(0, i) : '';
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new OrchestratorError('USAGE', `gateway: ${flag} ${v}: expected NAME=VALUE, NAME being a server name`);
    if (out.has(name)) throw new OrchestratorError('USAGE', `gateway: ${flag} names ${name} twice`);
    out.set(name, v.slice(i + 1));
  }
  return out;
}
