import { sha256 } from './hash';

/** Where the bridge and the runtime it brings live in a bridged image. */
export const BRIDGE_HOME = '/opt/mcp-orchestrator';
/** Where the bridge listens in a bridged container. */
export const BRIDGE_PORT = 8811;

/** Bumped when the Dockerfile below changes, so old bridged images are not reused. */
const RECIPE_VERSION = '1';

export interface BridgedImage {
  readonly tag: string;
  readonly dockerfile: string;
}

/**
 * The image a stdio server runs as where no gateway can attach to its container (a task on another
 * Swarm node): its own image, with the bridge in front of its original entrypoint and command, so
 * the server is reached over Streamable HTTP on BRIDGE_PORT. The bridge brings its runtime (node
 * with its own loader and libraries, started through that loader), so it runs in images without
 * node or with another libc, and the server's process does not inherit any of it. Every value is
 * JSON in the exec form: nothing becomes shell syntax. `baseImageId` and `runtimeDigest` name
 * the tag: another base image or another bridge builds another image.
 */
export function bridgedImage(server: string, baseImageId: string, original: readonly string[], runtimeDigest: string): BridgedImage {
  const digest = sha256(JSON.stringify([RECIPE_VERSION, server, baseImageId, original, runtimeDigest])).slice(0, 16);
  const entrypoint = [
    `${BRIDGE_HOME}/ld.so`,
    '--library-path',
    `${BRIDGE_HOME}/lib`,
    `${BRIDGE_HOME}/node`,
    `${BRIDGE_HOME}/mcp-orchestrator.js`,
    'bridge',
    '--listen',
    `0.0.0.0:${BRIDGE_PORT}`,
    '--name',
    server,
    '--',
  ];
  return {
    tag: `mcp-orchestrator/bridged-${server}:${digest}`,
    dockerfile: [`FROM ${baseImageId}`, `COPY mcp-orchestrator ${BRIDGE_HOME}`, `ENTRYPOINT ${JSON.stringify(entrypoint)}`, `CMD ${JSON.stringify(original)}`, `EXPOSE ${BRIDGE_PORT}`, ''].join('\n'),
  };
}
