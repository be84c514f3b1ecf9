import { DEFAULT_GATEWAY_READY, DEFAULT_LOGGING, GATEWAY_SERVICE_NAME, type GatewayServiceSpec, type StackSpec } from '../stack-file/stack-spec';
import type { ContainerSpec, SwarmSecret } from './container-spec';
import { gatewayCommandArgs, ORCHESTRATOR_COMMAND, servedServers, UNPRIVILEGED_UID } from '../recipes/gateway-command';
import { Label } from './labels';
import { containerName, networkName, normaliseImageRef, secretName } from './naming';
import { GATEWAY_CA_FILE, GATEWAY_STACK_FILE, gatewayStackFile } from '../recipes/gateway-stack';
import { sha256 } from '../util/hash';
import { envFileLine } from '../stack-file/env-file';

/**
 * The gateway as a Swarm service of the stack (gateway.service): the `gateway` command in front of
 * each served server's tasks, found by Swarm's tasks.<service> name on the overlays it shares with
 * them, each upstream session kept on the one task it resolved to. It needs no engine access.
 * Published in host mode on each node it runs on, at most one task per node: no routing mesh is
 * needed, and a lost node takes only the gateway that ran there (Swarm starts it elsewhere).
 */
export function gatewayServiceSpec(stack: StackSpec, service: GatewayServiceSpec, token: SwarmSecret | undefined): ContainerSpec {
  const project = stack.project;
  const { args, bridged } = gatewayCommandArgs(stack, service.port, (s, endpoint) => `http://tasks.${containerName(project, s.name)}:${endpoint.port}${endpoint.path}`);
  const callers = gatewayStackSecrets(stack);
  if (callers.length > 0) args.push('--stack', `${SECRETS_DIR}/${GATEWAY_STACK_FILE}`);
  const networks = [...new Set(servedServers(stack).flatMap(({ server }) => server.networks))].sort();
  const logging = DEFAULT_LOGGING.http;
  return {
    image: normaliseImageRef(service.image),
    entrypoint: ORCHESTRATOR_COMMAND,
    command: [...args, '--resolve-upstreams', ...(token !== undefined ? ['--token-file', `${SECRETS_DIR}/${token.secret}`] : []), ...stack.gateway.allowedHosts.flatMap((h) => ['--allowed-host', h])],
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
    swarmSecrets: [...(token !== undefined ? [token] : []), ...callers],
    ...(bridged && { readsBridgeToken: true }),
  };
}

/** How a new gateway task is judged ready, and replaced: it runs; the old one goes first (one per node, one port). */
export const GATEWAY_SERVICE_ROLLOUT = { ready: DEFAULT_GATEWAY_READY, order: 'stop-first' } as const;

const SECRETS_DIR = '/run/secrets';

/**
 * Who is calling (gateway.auth, rules, audit, metrics, traces), for the gateway's tasks: the
 * gateway's own stack file, the `.env` beside it with the values of its variables (the
 * introspection secret, the collector's headers) and its CA, as Swarm secrets (encrypted in the
 * swarm, in memory in the task). Their file names have a dot, which no secret of the file's has.
 */
function gatewayStackSecrets(stack: StackSpec): SwarmSecret[] {
  const file = gatewayStackFile(stack, servedServers(stack).map((s) => s.server.name));
  if (file === undefined) return [];
  const secret = (name: string, logical: string, content: string): SwarmSecret => ({
    name: secretName(stack.project, logical, sha256(`${stack.project}\0${logical}\0${content}`)),
    secret: name,
    file: '',
    content,
    labels: { [Label.project]: stack.project, [Label.secret]: logical },
  });
  const env = Object.entries(file.values).map(([k, v]) => `${envFileLine(k, v)}\n`).join('');
  return [
    secret(GATEWAY_STACK_FILE, 'gateway-stack', file.text),
    ...(env !== '' ? [secret('.env', 'gateway-env', env)] : []),
    ...(file.caPem !== undefined ? [secret(GATEWAY_CA_FILE, 'gateway-ca', file.caPem)] : []),
  ];
}
