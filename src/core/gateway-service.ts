import { DEFAULT_GATEWAY_READY, DEFAULT_LOGGING, GATEWAY_SERVICE_NAME, type GatewayServiceSpec, type StackSpec } from '../stack-file/stack-spec';
import type { ContainerSpec, SwarmSecret } from './container-spec';
import { gatewayCommandArgs, ORCHESTRATOR_COMMAND, servedServers, UNPRIVILEGED_UID } from '../recipes/gateway-command';
import { Label } from './labels';
import { containerName, networkName, normaliseImageRef } from './naming';

/**
 * The gateway as a Swarm service of the stack (gateway.service): the `gateway` command in front of
 * each served server's tasks, found by Swarm's tasks.<service> name on the overlays it shares with
 * them, each upstream session kept on the one task it resolved to. It needs no engine access.
 * Published in host mode on each node it runs on, at most one task per node: no routing mesh is
 * needed, and a lost node takes only the gateway that ran there (Swarm starts it elsewhere).
 */
export function gatewayServiceSpec(stack: StackSpec, service: GatewayServiceSpec, token: SwarmSecret): ContainerSpec {
  const project = stack.project;
  const { args, bridged } = gatewayCommandArgs(stack, service.port, (s, endpoint) => `http://tasks.${containerName(project, s.name)}:${endpoint.port}${endpoint.path}`);
  const networks = [...new Set(servedServers(stack).flatMap(({ server }) => server.networks))].sort();
  const logging = DEFAULT_LOGGING.http;
  return {
    image: normaliseImageRef(service.image),
    entrypoint: ORCHESTRATOR_COMMAND,
    command: [...args, '--resolve-upstreams', '--token-file', `/run/secrets/${token.secret}`, ...stack.gateway.allowedHosts.flatMap((h) => ['--allowed-host', h])],
    env: [],
    user: `${UNPRIVILEGED_UID}:${UNPRIVILEGED_UID}`,
    labels: { [Label.project]: project, [Label.server]: GATEWAY_SERVICE_NAME },
    stdinOpen: false,
    exposedPorts: [`${service.port}/tcp`],
    init: true,
    restart: 'always',
    readOnlyRootfs: true,
    logConfig: { type: logging.driver, config: { ...logging.options } },
    privileged: false,
    noNewPrivileges: true,
    capAdd: [],
    capDrop: ['ALL'],
    binds: [],
    portBindings: [{ containerPort: `${service.port}/tcp`, hostPort: String(service.port), publishMode: 'host' }],
    networks: networks.map((n) => networkName(project, n)),
    devices: [],
    alias: GATEWAY_SERVICE_NAME,
    // The secret's name holds its content's digest: a rotated token is a changed spec.
    fileDigests: {},
    replicas: service.replicas,
    maxPerNode: 1,
    ...(service.placement !== undefined && { placement: service.placement }),
    swarmSecrets: [token],
    ...(bridged && { readsBridgeToken: true }),
  };
}

/** How a new gateway task is judged ready, and replaced: it runs; the old one goes first (one per node, one port). */
export const GATEWAY_SERVICE_ROLLOUT = { ready: DEFAULT_GATEWAY_READY, order: 'stop-first' } as const;
