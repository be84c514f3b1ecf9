import type { ServerSpec, StackSpec } from '../stack-file/stack-spec';
import { BRIDGE_TOKEN_FILE, httpEndpointOf } from './bridged-image';

/** What the orchestrator's image runs, without its entrypoint script (which is for a mounted engine socket). */
export const ORCHESTRATOR_COMMAND: readonly string[] = ['node', '/app/dist/cli/mcp-orchestrator.js'];
/** The orchestrator's own containers run as the image's unprivileged user. */
export const UNPRIVILEGED_UID = 1000;

/** The servers a gateway with fixed upstreams serves: the file's gateway.servers that can be reached. */
export function servedServers(stack: StackSpec): { readonly server: ServerSpec; readonly tools?: StackSpec['gateway']['servers'][number]['tools'] }[] {
  return stack.gateway.servers.flatMap((g) => {
    const server = stack.servers.find((s) => s.name === g.name);
    return server === undefined || server.networkMode === 'none' ? [] : [{ server, ...(g.tools !== undefined && { tools: g.tools }) }];
  });
}

/**
 * The `gateway` command's arguments over the stack's servers, each where `urlOf` says it answers
 * (a Kubernetes Service, Swarm's tasks.<service>): stdio servers at their bridge with its token,
 * the file's tool filters and separator. What a rendered or deployed gateway runs.
 */
export function gatewayCommandArgs(stack: StackSpec, port: number, urlOf: (server: ServerSpec, endpoint: { port: number; path: string }) => string): { args: string[]; bridged: boolean } {
  const args = ['gateway', '--listen', `0.0.0.0:${port}`, '--separator', stack.gateway.separator];
  let bridged = false;
  for (const { server: s, tools } of servedServers(stack)) {
    const endpoint = httpEndpointOf(s.transport, true);
    if (endpoint === undefined) continue;
    args.push('--upstream', `${s.name}=${urlOf(s, endpoint)}`);
    if (s.transport.type === 'stdio') {
      args.push('--upstream-token-file', `${s.name}=${BRIDGE_TOKEN_FILE}`);
      bridged = true;
    }
    if (tools?.allow !== undefined) args.push('--allow-tools', `${s.name}=${tools.allow.join(',')}`);
    if (tools?.deny !== undefined && tools.deny.length > 0) args.push('--deny-tools', `${s.name}=${tools.deny.join(',')}`);
  }
  return { args, bridged };
}
