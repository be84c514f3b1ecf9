import type Docker from 'dockerode';
import { BRIDGE_TOKEN_FILE } from '../recipes/bridged-image';
import type { ContainerSpec } from '../core/desired-state';
import type { RestartPolicy } from '../stack-file/stack-spec';

/**
 * Our plain ContainerSpec -> the Engine API's service spec (backend: swarm). Mapping only, as
 * create-options is for containers: every choice was made in core/. The semantic checks refused
 * what a service cannot have (privileged, devices, pid, network_mode).
 */
export function serviceSpec(
  name: string,
  spec: ContainerSpec,
  labels: Readonly<Record<string, string>>,
  refs: SwarmRefs,
  order: 'stop-first' | 'start-first',
  replicas: number,
): Docker.ServiceSpec {
  return {
    Name: name,
    Labels: { ...labels },
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        // The task's container carries the project's labels too: engine events and `docker ps` find it.
        Labels: { ...spec.labels },
        ...(spec.entrypoint !== undefined && { Command: [...spec.entrypoint] }),
        ...(spec.command !== undefined && { Args: [...spec.command] }),
        Env: [...spec.env],
        ...(spec.user !== undefined && { User: spec.user }),
        ...(spec.workingDir !== undefined && { Dir: spec.workingDir }),
        OpenStdin: spec.stdinOpen,
        TTY: false,
        Init: spec.init,
        ReadOnly: spec.readOnlyRootfs,
        CapabilityAdd: [...spec.capAdd],
        CapabilityDrop: [...spec.capDrop],
        // Engines before API 1.46 ignore it; the README says so.
        ...(spec.noNewPrivileges && { Privileges: { NoNewPrivileges: true } }),
        ...(spec.stopTimeoutSeconds !== undefined && { StopGracePeriod: spec.stopTimeoutSeconds * 1e9 }),
        Mounts: spec.binds.map(mount),
        Secrets: (spec.swarmSecrets ?? []).map((s) => ({
          SecretName: s.name,
          SecretID: refs.secretIds[s.name] ?? s.name,
          File: { Name: s.secret, UID: '0', GID: '0', Mode: 0o444 },
        })),
        // Readable by the server's user too: the bridge runs as that user.
        ...((spec.bridge !== undefined || spec.readsBridgeToken === true) &&
          refs.bridgeToken !== undefined && {
            Configs: [{ ConfigID: refs.bridgeToken.id, ConfigName: refs.bridgeToken.name, File: { Name: BRIDGE_TOKEN_FILE, UID: '0', GID: '0', Mode: 0o444 } }],
          }),
      } as Docker.ContainerSpec,
      Resources: {
        Limits: {
          ...(spec.memoryBytes !== undefined && { MemoryBytes: spec.memoryBytes }),
          ...(spec.nanoCpus !== undefined && { NanoCPUs: spec.nanoCpus }),
          ...(spec.pidsLimit !== undefined && { Pids: spec.pidsLimit }),
        },
        Reservations: {
          ...(spec.reservations?.memoryBytes !== undefined && { MemoryBytes: spec.reservations.memoryBytes }),
          ...(spec.reservations?.nanoCpus !== undefined && { NanoCPUs: spec.reservations.nanoCpus }),
        },
      },
      RestartPolicy: { Condition: restartCondition(spec.restart), Delay: 1e9 },
      Placement: {
        Constraints: [...(spec.placement?.constraints ?? [])],
        Preferences: (spec.placement?.spread ?? []).map((label) => ({ Spread: { SpreadDescriptor: label } })),
        ...(spec.maxPerNode !== undefined && { MaxReplicas: spec.maxPerNode }),
      },
      LogDriver: { Name: spec.logConfig.type, Options: { ...spec.logConfig.config } },
      Networks: spec.networks.map((n) => ({ Target: n, Aliases: [spec.alias] })),
    },
    Mode: { Replicated: { Replicas: replicas } },
    // Swarm's own gate: a task that does not stay up for Monitor fails the update, and the service
    // goes back to its previous spec. The MCP handshake is checked after, by the readiness gate.
    UpdateConfig: { Parallelism: 1, Order: order, FailureAction: 'rollback', Monitor: 2e9 },
    RollbackConfig: { Parallelism: 1, Order: order, FailureAction: 'pause', Monitor: 2e9 },
    EndpointSpec: {
      Mode: 'vip',
      Ports: spec.portBindings
        .filter((p) => p.hostPort !== undefined)
        .map((p) => {
          const [port = '0', protocol = 'tcp'] = p.containerPort.split('/');
          return { Protocol: protocol as 'tcp' | 'udp', TargetPort: Number(port), PublishedPort: Number(p.hostPort), PublishMode: p.publishMode ?? 'ingress' };
        }),
    },
  };
}

/** The engine's IDs of what a service refers to by name: its secrets, and the bridge token's config. */
export interface SwarmRefs {
  readonly secretIds: Readonly<Record<string, string>>;
  readonly bridgeToken?: { readonly id: string; readonly name: string };
}

/** A bind's `source:target[:ro]`: a volume by name (created by the engine on the task's node), or a host path. */
function mount(bind: string): { Type: 'bind' | 'volume'; Source: string; Target: string; ReadOnly: boolean } {
  const parts = bind.split(':');
  const readOnly = parts[parts.length - 1] === 'ro';
  const [source = '', target = ''] = parts;
  return { Type: source.startsWith('/') ? 'bind' : 'volume', Source: source, Target: target, ReadOnly: readOnly };
}

function restartCondition(policy: RestartPolicy): 'none' | 'on-failure' | 'any' {
  switch (policy) {
    case 'no':
      return 'none';
    case 'on-failure':
      return 'on-failure';
    default:
      return 'any';
  }
}
