import type Docker from 'dockerode';
import type { ContainerSpec } from '../core/desired-state';

/** Our plain ContainerSpec -> the Engine API's create body. Mapping only: every choice was made in core/. */
export function createOptions(name: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>, tmpfs?: Readonly<Record<string, string>>): Docker.ContainerCreateOptions {
  const [firstNetwork] = spec.networks;
  const portBindings: Record<string, { HostIp?: string; HostPort?: string }[]> = {};
  for (const p of spec.portBindings) {
    (portBindings[p.containerPort] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ?? '' });
  }
  return {
    name,
    Image: spec.image,
    ...(spec.command !== undefined && { Cmd: [...spec.command] }),
    ...(spec.entrypoint !== undefined && { Entrypoint: [...spec.entrypoint] }),
    Env: [...spec.env],
    ...(spec.user !== undefined && { User: spec.user }),
    ...(spec.workingDir !== undefined && { WorkingDir: spec.workingDir }),
    Labels: { ...labels },
    OpenStdin: spec.stdinOpen,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    ...(spec.stopTimeoutSeconds !== undefined && { StopTimeout: spec.stopTimeoutSeconds }),
    ExposedPorts: Object.fromEntries(spec.exposedPorts.map((p) => [p, {}])),
    HostConfig: {
      Init: spec.init,
      RestartPolicy: { Name: spec.restart, MaximumRetryCount: 0 },
      ...(spec.memoryBytes !== undefined && { Memory: spec.memoryBytes }),
      ...(spec.nanoCpus !== undefined && { NanoCpus: spec.nanoCpus }),
      ...(spec.pidsLimit !== undefined && { PidsLimit: spec.pidsLimit }),
      ReadonlyRootfs: spec.readOnlyRootfs,
      LogConfig: { Type: spec.logConfig.type, Config: { ...spec.logConfig.config } },
      Privileged: spec.privileged,
      SecurityOpt: spec.noNewPrivileges ? ['no-new-privileges:true'] : [],
      CapAdd: [...spec.capAdd],
      CapDrop: [...spec.capDrop],
      // Binds, not Mounts: like `docker run -v`, the engine creates a missing host directory.
      Binds: [...spec.binds],
      PortBindings: portBindings,
      ...(spec.networkMode !== undefined ? { NetworkMode: spec.networkMode } : firstNetwork !== undefined && { NetworkMode: firstNetwork }),
      ...(spec.pidMode !== undefined && { PidMode: spec.pidMode }),
      ...(spec.devices.length > 0 && { Devices: spec.devices.map(device) }),
      ...(tmpfs !== undefined && { Tmpfs: { ...tmpfs } }),
    },
    ...(firstNetwork !== undefined && {
      NetworkingConfig: { EndpointsConfig: { [firstNetwork]: { Aliases: [spec.alias] } } },
    }),
  };
}

/** host_path[:container_path[:permissions]], as docker run --device takes it. */
function device(text: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const [host = '', inContainer, permissions] = text.split(':');
  return { PathOnHost: host, PathInContainer: inContainer || host, CgroupPermissions: permissions || 'rwm' };
}
