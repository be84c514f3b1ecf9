import { OrchestratorError } from '../../errors';
import { LOOPBACK_HOSTS } from '../../gateway/addresses';
import { startProcessBridge } from '../../gateway/process-bridge';
import { createLogger, type LogFormat } from '../../logging/logger';
import type { ExitCodeValue } from '../exit-codes';
import { readRegularFile } from '../../stack-file/node-spec-host';
import { parseListen } from '../listen';

export interface BridgeOptions {
  readonly listen: string;
  readonly name: string;
  /** The variable that holds the bearer token clients must send. */
  readonly tokenEnv: string;
  /** A file that holds it instead (a mounted Swarm config or secret); wins over the variable. */
  readonly tokenFile?: string;
  /** Names clients reach it by (a Kubernetes Service's), besides its own addresses. */
  readonly allowedHost?: readonly string[];
  readonly logFormat: LogFormat;
  readonly logLevel: string;
  readonly version: string;
}

/**
 * `bridge -- COMMAND...`: a stdio MCP server served over Streamable HTTP (both eras) until it exits
 * (its exit code is the bridge's) or SIGINT/SIGTERM (exit 0). A listener off loopback needs a token.
 */
export async function runBridge(command: readonly string[], opts: BridgeOptions, env: NodeJS.ProcessEnv, logStream: NodeJS.WritableStream, stop: Promise<void>): Promise<ExitCodeValue> {
  const listen = parseListen(opts.listen);
  const token = listenerToken('bridge', listen.host, opts, env);
  const logger = createLogger({ format: opts.logFormat, level: opts.logLevel, stream: logStream });
  const bridge = await startProcessBridge({ command, name: opts.name, listen, allowedHosts: opts.allowedHost ?? [], version: opts.version, logger, stop, ...(token !== undefined && { token }) });
  if (bridge.address !== undefined) {
    const host = bridge.address.host.includes(':') ? `[${bridge.address.host}]` : bridge.address.host;
    logger.info('bridge listening', { url: `http://${host}:${bridge.address.port}/mcp`, server: opts.name, auth: token !== undefined ? 'bearer token' : 'none (loopback only)' });
  }
  const ended = await Promise.race([bridge.exited.then((code) => ({ code })), stop.then(() => undefined)]);
  await bridge.close();
  if (ended === undefined) return 0 as ExitCodeValue;
  logger.info('the server exited', { server: opts.name, code: ended.code });
  // A wrapper exits as what it wraps (as `docker run` does): the engine's restart policy sees the server's code.
  return Math.min(255, ended.code) as ExitCodeValue;
}

/**
 * The bearer token a listener's clients must send: from --token-file (it wins), else the variable
 * --token-env names. Off loopback there must be one. `what` names the command in messages.
 */
export function listenerToken(what: string, host: string, opts: { readonly tokenEnv: string; readonly tokenFile?: string }, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env[opts.tokenEnv];
  const token = opts.tokenFile !== undefined ? readTokenFile(`${what}: --token-file`, opts.tokenFile) : fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
  if (token === undefined && !LOOPBACK_HOSTS.has(host)) throw new OrchestratorError('USAGE', `${what}: listening on ${host} needs a bearer token: set ${opts.tokenEnv} or pass --token-file`);
  return token;
}

/** A token file: a regular file of at most 4 KiB, its one line without the line end. `what` names it in messages. */
export function readTokenFile(what: string, file: string): string {
  const read = readRegularFile(file, 4096);
  if (!read.ok) throw new OrchestratorError('USAGE', `${what} ${file}: ${read.reason}`);
  const token = read.bytes.toString('utf8').trim();
  if (token === '') throw new OrchestratorError('USAGE', `${what} ${file} is empty`);
  return token;
}
