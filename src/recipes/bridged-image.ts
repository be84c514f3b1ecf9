import type { Transport } from '../stack-file/stack-spec';
import { sha256 } from '../util/hash';

/** Where the bridge and the runtime it brings live in a bridged image. */
export const BRIDGE_HOME = '/opt/mcp-orchestrator';
/** Where the bridge listens in a bridged container, and its endpoint. */
export const BRIDGE_PORT = 8811;
export const BRIDGE_PATH = '/mcp';
/** The bearer token clients of a bridged container must send: a file the engine puts there (a Swarm config). */
export const BRIDGE_TOKEN_FILE = '/run/mcp-orchestrator/bridge-token';

/** Bumped when the Dockerfile below changes, so old bridged images are not reused. */
const RECIPE_VERSION = '3';

export interface BridgedImage {
  readonly tag: string;
  readonly dockerfile: string;
}

/**
 * The image a stdio server runs as where no gateway can attach to its container (a task on another
 * Swarm node): its own image with the bridge as the entrypoint, so the server is reached over
 * Streamable HTTP on BRIDGE_PORT. The bridge brings its runtime (node with its own loader and
 * libraries, started through that loader), so it runs in images without node or with another
 * libc, and the server's process does not inherit any of it. What the bridge runs comes after it,
 * as the arguments (bridgeArgs; by default what the base image ran): so servers on one base share
 * one image, built once. Every value is JSON in the exec form: nothing becomes shell syntax. The
 * tag names the base image ID and the runtime; each project has its own, so its labels and its
 * clean-up are its own.
 */
export function bridgedImage(project: string, baseImageId: string, baseOriginal: readonly string[], runtimeDigest: string): BridgedImage {
  const digest = sha256(JSON.stringify([RECIPE_VERSION, baseImageId, runtimeDigest])).slice(0, 16);
  const entrypoint = bridgeEntrypoint();
  return {
    tag: `${project}-bridged:${digest}`,
    dockerfile: [`FROM ${baseImageId}`, `COPY mcp-orchestrator ${BRIDGE_HOME}`, `ENTRYPOINT ${JSON.stringify(entrypoint)}`, `CMD ${JSON.stringify(['--', ...baseOriginal])}`, `EXPOSE ${BRIDGE_PORT}`, ''].join('\n'),
  };
}

/**
 * What a server's container runs, as the engine decides it: an entrypoint set in the file drops
 * the image's command too. Undefined when nothing says what to run.
 */
export function serverCommand(
  server: { readonly entrypoint?: readonly string[]; readonly command?: readonly string[] },
  image: { readonly entrypoint: readonly string[]; readonly cmd: readonly string[] },
): string[] | undefined {
  const command = server.entrypoint !== undefined ? [...server.entrypoint, ...(server.command ?? [])] : [...image.entrypoint, ...(server.command ?? image.cmd)];
  return command.length > 0 ? command : undefined;
}

/** The bridge, started from its runtime under BRIDGE_HOME, listening on the workload's network with its token. */
export function bridgeEntrypoint(): string[] {
  return [
    `${BRIDGE_HOME}/ld.so`,
    '--library-path',
    `${BRIDGE_HOME}/lib`,
    `${BRIDGE_HOME}/node`,
    `${BRIDGE_HOME}/mcp-orchestrator.js`,
    'bridge',
    '--listen',
    `0.0.0.0:${BRIDGE_PORT}`,
    '--token-file',
    BRIDGE_TOKEN_FILE,
  ];
}

/** The bridged image's arguments for one server: its name (for health and logs), then what it runs. */
export function bridgeArgs(server: string, original: readonly string[]): string[] {
  return ['--name', server, '--', ...original];
}

/**
 * Where a server answers over HTTP inside its workload: its own endpoint, or (a bridged stdio
 * server) its bridge's. Undefined: a stdio server reached by attaching to its container.
 */
export function httpEndpointOf(transport: Transport, bridged: boolean): { readonly port: number; readonly path: string } | undefined {
  if (transport.type === 'http') return { port: transport.port, path: transport.path };
  return bridged ? { port: BRIDGE_PORT, path: BRIDGE_PATH } : undefined;
}
