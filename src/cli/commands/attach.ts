import { serverNames } from '../../stack-file/stack-spec';
import { acquireProjectLock, defaultLockDir, LockHeldError } from '../../runtime/project-lock';
import { httpEndpointOf } from '../../recipes/bridged-image';
import { bridgeHeaders } from '../../runtime/bridge/bridge-auth';
import { findServe } from '../../runtime/serve-registry';
import { OrchestratorError } from '../../errors';
import { engineFor, projectOf, serverContainer, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface AttachOptions extends CommonOptions {
  readonly project?: string;
}

/**
 * Bridges this process's stdin/stdout to a running stdio server's, so an MCP client configured
 * with `command: mcp-orchestrator, args: [attach, SERVER, -f, ...]` talks to the containerised
 * server. Through a running `serve` of the project, each attach is a gateway session of its own;
 * without one, one client at a time: a stdio server has one session, and two clients on it would
 * each receive the other's responses under colliding JSON-RPC ids, so a second attach is refused.
 */
export async function runAttach(
  server: string | undefined,
  opts: AttachOptions,
  env: NodeJS.ProcessEnv,
  io: Output,
  stdio: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<ExitCodeValue> {
  const { project, spec } = projectOf(opts, env, io);
  // A running serve gives every stdio client a session of its own: no claim needed.
  const serve = findServe(defaultLockDir(env), project);
  if (server === undefined && serve === undefined) {
    throw new OrchestratorError('NOT_FOUND', `attach without a server bridges to every server through the gateway, and no serve of project ${project} runs on this machine: start \`mcp-orchestrator serve\`, or name a server`);
  }
  if (serve !== undefined) {
    if (server !== undefined && spec !== undefined && !serverNames(spec).includes(server)) throw new OrchestratorError('NOT_FOUND', `server "${server}" is not in ${opts.file}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only here, like every command's modules
    await (require('../../gateway/stdio-bridge') as typeof import('../../gateway/stdio-bridge')).bridgeToGateway(serve, server, env, stdio);
    return ExitCode.OK;
  }
  if (server === undefined) return ExitCode.OK;
  // The backend as engineFor picks it: --backend, else the file's.
  if ((opts.backend ?? spec?.backend) === 'swarm') return attachBridged(opts, env, spec, project, server, stdio);
  const release = await claimServer(project, server, env);
  try {
    const engine = engineFor(opts, env, spec);
    const container = await serverContainer(engine, project, server, true);
    const attached = await engine.attachStdio(container.id);
    stdio.stdin.pipe(attached.stdin, { end: false });
    attached.stdout.pipe(stdio.stdout);
    await new Promise<void>((resolve) => {
      stdio.stdin.on('end', resolve);
      attached.stdout.on('end', resolve);
    });
    attached.detach();
    return ExitCode.OK;
  } finally {
    release();
  }
}

/**
 * On Swarm a stdio server runs behind its bridge, which takes any number of clients, each with a
 * session of its own: no claim. Reached at its task's address on this node (a task elsewhere is
 * reached through a serve on the overlay).
 */
async function attachBridged(
  opts: AttachOptions,
  env: NodeJS.ProcessEnv,
  spec: Parameters<typeof engineFor>[2],
  project: string,
  server: string,
  stdio: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<ExitCodeValue> {
  const engine = engineFor(opts, env, spec);
  const container = await serverContainer(engine, project, server, true);
  const status = await engine.inspectContainer(container.id);
  if (status.hostAddress === undefined) throw new OrchestratorError('NOT_FOUND', `server ${server}'s task runs on another node: attach through a serve of project ${project} (mcp-orchestrator serve on the overlay)`);
  const transport = spec?.servers.find((s) => s.name === server)?.transport ?? { type: 'stdio' as const };
  const endpoint = httpEndpointOf(transport, true);
  if (endpoint === undefined) throw new OrchestratorError('USAGE', `server ${server} has no HTTP endpoint`);
  const url = new URL(`http://${status.hostAddress}:${endpoint.port}${endpoint.path}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only here, like every command's modules
  await (require('../../gateway/stdio-bridge') as typeof import('../../gateway/stdio-bridge')).relayStdio(url, await bridgeHeaders(engine, project, transport), stdio);
  return ExitCode.OK;
}

/** The one-client claim on a server: a lock file beside the project's, so it holds for every attach on this machine. */
async function claimServer(project: string, server: string, env: NodeJS.ProcessEnv): Promise<() => void> {
  try {
    // Project names have no ".", so this name never collides with a project's own lock.
    return await acquireProjectLock(`${project}.attach-${server}`, `attach ${server}`, { dir: defaultLockDir(env), waitMs: 0 });
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    const by = err.holder ? ` (pid ${err.holder.pid} on ${err.holder.host}, since ${err.holder.since})` : '';
    throw new OrchestratorError(
      'LOCK_HELD',
      `server ${server} of project ${project} already has a client attached${by}. A stdio server has one session: ` +
        `a second client would receive the first one's responses. Attach one client at a time.`,
    );
  }
}
