import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { OrchestratorError } from '../errors';
import type { Logger } from '../logging/logger';
import { allowedHostsFor } from './addresses';
import { newRouting } from './endpoint-server';
import { HttpFace } from './http-face';
import { Upstream } from './upstream';

export interface ProcessBridgeOptions {
  /** The stdio server's command line, run as this process's child. */
  readonly command: readonly string[];
  /** What the server is called in health and logs. */
  readonly name: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly token?: string;
  readonly allowedHosts: readonly string[];
  readonly version: string;
  readonly logger: Logger;
  /** Resolves when the bridge is to stop: also while it still waits for the server's handshake. */
  readonly stop?: Promise<void>;
}

export interface ProcessBridge {
  /** Where it listens; undefined when it was stopped before the server's handshake was over. */
  readonly address: { host: string; port: number } | undefined;
  /** The child's exit code (128 + signal number when a signal ended it). */
  readonly exited: Promise<number>;
  /** Stops serving and ends the child (SIGTERM, then SIGKILL after 10 s). */
  close(): Promise<void>;
}

/**
 * One stdio MCP server process behind Streamable HTTP, with the gateway's guarantees: both protocol
 * eras, any number of clients on one upstream session, the server's requests and log messages to
 * the client whose request they belong to. It is what stands in front of a stdio server where no
 * gateway can attach to its container (a task on another node). The server's stderr passes
 * through; when it exits, the bridge reports its code and the engine's restart policy decides.
 */
export async function startProcessBridge(options: ProcessBridgeOptions): Promise<ProcessBridge> {
  const [file, ...args] = options.command;
  if (file === undefined) throw new OrchestratorError('USAGE', 'bridge: no command to run (mcp-orchestrator bridge -- COMMAND [ARGS...])');
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new OrchestratorError('USAGE', `bridge: cannot run ${file}: ${err.message}`)));
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGINT' ? 2 : 15))));
  await started;

  let face: HttpFace | undefined;
  const upstream = new Upstream(
    options.name,
    {
      listChanged: (_s, what) => face?.listChanged(what),
      stateChanged: (s) => options.logger.info('server', { server: s, ...upstream.status }),
      resourceUpdated: (s, uri) => face?.resourceUpdated(s, uri),
    },
    options.version,
  );
  const routing = newRouting(new Map([[options.name, upstream]]), new Map(), options.logger);
  face = new HttpFace({
    routing,
    single: options.name,
    version: options.version,
    allowedHosts: allowedHostsFor(options.listen.host, [...options.allowedHosts, ...(WILDCARDS.has(options.listen.host) ? ownAddresses() : [])]),
    ...(options.token !== undefined && { token: options.token }),
    health: () => ({ status: 'up', servers: { [options.name]: upstream.health() } }),
    onExchange: (r) => options.logger.debug('http', { method: r.method, path: r.path, status: r.status, ms: r.ms }),
  });
  // The child's pipes are its stdio: attaching is handing them over; there is nothing to detach from.
  const { stdin, stdout } = child;
  const connected = upstream.moveTo({ kind: 'stdio', containerId: `pid-${child.pid ?? 0}`, attach: () => Promise.resolve({ stdin, stdout, detach: () => undefined }) });
  void exited.then((code) => upstream.moveTo(undefined, `the server exited with code ${code}`));
  // Listening only once the server has answered (or failed) its handshake: a client let in before
  // would be served a list of no tools, and a bridge has no other server to tell it about later.
  // A stop meanwhile (the engine stopping the task) ends the wait: nothing listens then.
  const stopped = await Promise.race([connected.then(() => false), exited.then(() => false), (options.stop ?? new Promise<never>(() => undefined)).then(() => true)]);
  const address = stopped ? undefined : await face.listen(options.listen.host, options.listen.port);

  return {
    address,
    exited,
    async close() {
      routing.flows.close();
      await upstream.close();
      await face.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);

/**
 * A bridge listening on every address is reached at any of them (a task's overlay address from the
 * gateway, its docker_gwbridge address from the host): each is a Host it answers to. Names stay out.
 */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => (i.family === 'IPv6' ? `[${i.address}]` : i.address));
}
