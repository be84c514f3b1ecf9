import { BRIDGE_HOME } from './bridged-image';

/**
 * A stdio server in a plain container runs behind the stdio host (src/stdio-host.ts), on the
 * runtime the engine mounts read-only at BRIDGE_HOME: the server's stdout reaches clients through a
 * unix socket, by `docker exec`, and never becomes the container's output, which the engine's log
 * driver keeps on disk. The container's output is the server's stderr alone.
 */

/** A tmpfs of the container's own (writable under read_only too): the socket is there. */
export const STDIO_SOCKET_DIR = '/run/mcp-orchestrator';
export const STDIO_SOCKET = `${STDIO_SOCKET_DIR}/stdio.sock`;
/** The host's script in the runtime. */
export const STDIO_HOST_SCRIPT = 'stdio-host.js';

function onRuntime(...args: string[]): string[] {
  return [`${BRIDGE_HOME}/ld.so`, '--library-path', `${BRIDGE_HOME}/lib`, `${BRIDGE_HOME}/node`, `${BRIDGE_HOME}/${STDIO_HOST_SCRIPT}`, ...args];
}

/** The container's entrypoint: the host, then what the server runs (its command) after `--`. */
export function stdioHostEntrypoint(): string[] {
  return onRuntime('host', STDIO_SOCKET, '--');
}

/** What `docker exec` runs to reach the server: the socket on the exec's stdin and stdout. */
export function stdioConnectCommand(): string[] {
  return onRuntime('connect', STDIO_SOCKET);
}
