import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorError } from '../../errors';
import { LOOPBACK_HOSTS, localBase } from '../../gateway/addresses';
import { callerSettings } from '../../gateway/caller-settings';
import { Gateway } from '../../gateway/gateway';
import type { StackSpec } from '../../stack-file/stack-spec';
import { loadSpecOrThrow } from '../context';
import type { ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { ownContainerId } from '../../runtime/host-paths';
import type { ReconcileSummary } from '../../runtime/controller/controller';
import { defaultLockDir } from '../../runtime/project-lock';
import { announceServe } from '../../runtime/serve-registry';
import { readTokenFile } from './bridge';
import { runWatch, type WatchOptions } from './watch';
import { parseListen } from '../listen';

export interface ServeOptions extends WatchOptions {
  /** host:port; overrides the stack file's gateway.listen. */
  readonly listen?: string;
  readonly version: string;
  /** Told the aggregate endpoint's URL once the gateway listens (the library's serve returns it). */
  readonly onListening?: (url: string) => void;
}


/**
 * `serve`: `watch`, and the gateway on one listener, until SIGINT/SIGTERM (then exit 0, servers
 * left running). The gateway follows every reconcile to the servers' current containers.
 */
export async function runServe(opts: ServeOptions, env: NodeJS.ProcessEnv, io: Output, logStream: NodeJS.WritableStream, stop: Promise<void>): Promise<ExitCodeValue> {
  // The listener's settings are read once: a changed listen address takes a restart of serve.
  const spec = loadSpecOrThrow(opts.file, env, io);
  const listen = opts.listen !== undefined ? parseListen(opts.listen) : spec.gateway.listen;
  // gateway.auth: callers bring tokens from the issuer; otherwise the one static token.
  const auth = spec.gateway.auth;
  const { callerAuth, audit } = callerSettings(spec);
  const { value: token, source: tokenSource } = callerAuth !== undefined ? { value: undefined, source: {} } : gatewayToken(spec, listen.host, env, io);
  return runWatch(opts, env, logStream, stop, async (logger, engine, loop) => {
    const own = ownContainerId();
    const gateway = new Gateway({
      engine,
      logger,
      version: opts.version,
      listen,
      spec,
      file: opts.file,
      env,
      heldBack: () => loop.heldBack(),
      ...(opts.apply !== false && { reconcile: () => loop.reconcile() }),
      allowedHosts: spec.gateway.allowedHosts,
      ...(token !== undefined && { token }),
      ...(callerAuth !== undefined && { callerAuth }),
      ...(audit !== undefined && { audit }),
      ...(own !== undefined && { ownContainer: own }),
    });
    const at = await gateway.start().catch((err: unknown) => {
      throw new OrchestratorError('USAGE', `cannot listen on ${listen.host}:${listen.port}: ${err instanceof Error ? err.message : String(err)}`);
    });
    const host = at.host.includes(':') ? `[${at.host}]` : at.host;
    logger.info('gateway listening', { url: `http://${host}:${at.port}/mcp`, servers: `http://${host}:${at.port}/servers/<server>/mcp`, health: `http://${host}:${at.port}/healthz`, auth: auth !== undefined ? `OAuth (${auth.issuer})` : token !== undefined ? 'bearer token' : 'none (loopback only)' });
    // So that `attach` on this machine gives each stdio client a session of its own through here.
    opts.onListening?.(`http://${host}:${at.port}/mcp`);
    const withdraw = announceServe(defaultLockDir(env), spec.project, { url: localBase(at.host, at.port), ...tokenSource });
    return {
      onReconciled: (s: StackSpec, summary: ReconcileSummary) => {
        gateway.reconciled(summary);
        void gateway.sync(s);
      },
      beforeStart: (starting) => gateway.beforeStart(starting),
      ready: (replacement) => gateway.ready(replacement),
      sessions: () => gateway.clientSessions.claims(),
      stop: async () => {
        withdraw();
        await gateway.close();
      },
    };
  });
}

/**
 * The bearer token clients must send: from gateway.token_env, or MCP_ORCHESTRATOR_GATEWAY_TOKEN.
 * A non-loopback listener never runs without one: when none is set, one is made and kept in a file
 * only its owner can read (its path is printed, never the token).
 */
function gatewayToken(
  spec: StackSpec,
  host: string,
  env: NodeJS.ProcessEnv,
  io: Output,
): { value?: string; source: { tokenEnv?: string; tokenFile?: string } } {
  const named = spec.gateway.tokenEnv;
  if (named !== undefined) {
    const value = env[named];
    if (value === undefined || value === '') throw new OrchestratorError('USAGE', `gateway.token_env names ${named}, which is not set`);
    return { value, source: { tokenEnv: named } };
  }
  const fromEnv = env['MCP_ORCHESTRATOR_GATEWAY_TOKEN'];
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: { tokenEnv: 'MCP_ORCHESTRATOR_GATEWAY_TOKEN' } };
  if (LOOPBACK_HOSTS.has(host)) return { source: {} };
  const dir = path.join(env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'), 'mcp-orchestrator');
  const file = path.join(dir, `${spec.project}.gateway-token`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  checkPrivateFile('gateway token', file);
  io.err(`gateway: listening on ${host} needs a bearer token; clients send the one in ${file} (Authorization: Bearer <token>)`);
  // Fails closed: an empty file is an error, never a gateway without a token.
  return { value: readTokenFile('gateway: the token file', file), source: { tokenFile: file } };
}

/**
 * A file that holds a secret of this user's: a regular file (not a link to one), owned by this
 * user, that nobody else may read or write. Anything else is refused with what to do.
 */
function checkPrivateFile(what: string, file: string): void {
  const st = fs.lstatSync(file);
  if (!st.isFile()) throw new OrchestratorError('USAGE', `${what} ${file} is not a regular file; remove it and serve makes a new one`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new OrchestratorError('USAGE', `${what} ${file} belongs to uid ${st.uid}, not to this user (${uid}); remove it and serve makes a new one`);
  if ((st.mode & 0o077) !== 0) throw new OrchestratorError('USAGE', `${what} ${file} can be read or written by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 ${file}`);
}
