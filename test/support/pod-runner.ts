import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import type { IContainer } from 'kubernetes-models/v1/Container' with { 'resolution-mode': 'import' };

const docker = new Docker();
let runs = 0;

export interface PodWorld {
  /** Everything made is labelled with it, so the workspace's clean-up removes it. */
  readonly project: string;
  /** The Docker network standing in for the cluster network: each pod is reachable there by its Deployment's name (its Service's). */
  readonly network: string;
  /** Where Secret items are written as files, for mounting. */
  readonly dir: string;
  /** Secret name -> key -> value: the Secrets the user would have created. */
  readonly secrets: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface RunningPod {
  readonly container: Docker.Container;
  /** The host port a container port is published on, when asked for. */
  readonly published?: number;
}

/**
 * Runs a rendered Deployment's pod on the Docker engine as a kubelet would, for what these
 * manifests use: init containers run to completion first; command/args are the entrypoint and
 * command; env values and secretKeyRefs; emptyDir, secret, projected-secret and claim volumes
 * (subPath included); the security context (user, read-only root, no-new-privileges, capabilities).
 * The pod is reachable on the world's network by the Deployment's name, as its Service is in the
 * cluster (the Services map each port to the same port). Anything else in the pod spec fails the
 * test rather than be skipped: a manifest is only proven by what runs of it.
 */
export async function runPod(world: PodWorld, deployment: IDeployment, publish?: number): Promise<RunningPod> {
  const name = deployment.metadata?.name ?? '';
  const pod = deployment.spec?.template.spec;
  if (pod === undefined) throw new Error(`${name}: no pod spec`);
  const known = new Set(['initContainers', 'containers', 'volumes', 'automountServiceAccountToken', 'terminationGracePeriodSeconds']);
  const unknown = Object.keys(pod).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`${name}: the pod runner does not know ${unknown.join(', ')}`);
  const labels = { 'io.mcp-orchestrator.project': world.project };
  // Each run is a new pod: fresh emptyDirs and Secret files; a claim outlives it.
  const instance = `${name}-${++runs}`;
  const volumeSources = new Map<string, { kind: 'volume'; name: string } | { kind: 'dir'; dir: string }>();
  for (const v of pod.volumes ?? []) {
    if (v.emptyDir !== undefined || v.persistentVolumeClaim !== undefined) {
      const volume = v.persistentVolumeClaim !== undefined ? `${world.project}-claim-${v.persistentVolumeClaim.claimName}` : `${world.project}-${instance}-${v.name}`;
      await docker.createVolume({ Name: volume, Labels: labels });
      // An emptyDir is writable by any user of the pod; a fresh Docker volume only by root.
      if (v.emptyDir !== undefined) fs.chmodSync(((await docker.getVolume(volume).inspect()) as { Mountpoint: string }).Mountpoint, 0o777);
      volumeSources.set(v.name, { kind: 'volume', name: volume });
    } else if (v.secret !== undefined || v.projected !== undefined) {
      const dir = path.join(world.dir, `${instance}-${v.name}`);
      fs.mkdirSync(dir, { recursive: true });
      const sources = v.secret !== undefined ? [{ name: v.secret.secretName ?? '', items: v.secret.items ?? [] }] : (v.projected?.sources ?? []).map((s) => ({ name: s.secret?.name ?? '', items: s.secret?.items ?? [] }));
      for (const s of sources) {
        for (const item of s.items) {
          const value = world.secrets[s.name]?.[item.key];
          if (value === undefined) throw new Error(`${name}: Secret ${s.name} has no key ${item.key} in this test`);
          // As the kubelet writes them: each item a symlink into ..data, which holds the files.
          fs.mkdirSync(path.join(dir, '..data'), { recursive: true });
          fs.writeFileSync(path.join(dir, '..data', item.path), value, { mode: 0o644 });
          fs.symlinkSync(path.join('..data', item.path), path.join(dir, item.path));
        }
      }
      volumeSources.set(v.name, { kind: 'dir', dir });
    } else throw new Error(`${name}: the pod runner does not know volume ${v.name}: ${JSON.stringify(v)}`);
  }

  const createOptions = async (c: IContainer): Promise<Docker.ContainerCreateOptions> => {
    const binds: string[] = [];
    for (const m of c.volumeMounts ?? []) {
      const source = volumeSources.get(m.name);
      if (source === undefined) throw new Error(`${name}: mount of unknown volume ${m.name}`);
      let from = source.kind === 'dir' ? source.dir : source.name;
      if (m.subPath !== undefined) {
        // Docker 20.10 mounts no sub-path of a volume: its directory on this machine is bound instead.
        const base = source.kind === 'dir' ? source.dir : ((await docker.getVolume(source.name).inspect()) as { Mountpoint: string }).Mountpoint;
        from = path.join(base, m.subPath);
      }
      binds.push(`${from}:${m.mountPath}${m.readOnly ? ':ro' : ''}`);
    }
    const env = (c.env ?? []).map((e) => {
      if (e.value !== undefined) return `${e.name}=${e.value}`;
      const ref = e.valueFrom?.secretKeyRef;
      const value = ref === undefined ? undefined : world.secrets[ref.name ?? '']?.[ref.key];
      if (value === undefined) throw new Error(`${name}: env ${e.name} has no value in this test`);
      return `${e.name}=${value}`;
    });
    const sc = c.securityContext ?? {};
    return {
      Image: c.image,
      ...(c.command !== undefined && { Entrypoint: c.command }),
      ...(c.args !== undefined && { Cmd: c.args }),
      Env: env,
      ...(c.workingDir !== undefined && { WorkingDir: c.workingDir }),
      ExposedPorts: Object.fromEntries((c.ports ?? []).map((p) => [`${p.containerPort}/${(p.protocol ?? 'TCP').toLowerCase()}`, {}])),
      ...(sc.runAsUser !== undefined && { User: `${sc.runAsUser}${sc.runAsGroup !== undefined ? `:${sc.runAsGroup}` : ''}` }),
      Labels: labels,
      HostConfig: {
        Binds: binds,
        ReadonlyRootfs: sc.readOnlyRootFilesystem === true,
        SecurityOpt: sc.allowPrivilegeEscalation === false ? ['no-new-privileges'] : [],
        CapAdd: sc.capabilities?.add ?? [],
        CapDrop: sc.capabilities?.drop ?? [],
        Privileged: sc.privileged === true,
        ...(publish !== undefined && { PortBindings: { [`${c.ports?.[0]?.containerPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(publish) }] } }),
      },
      NetworkingConfig: { EndpointsConfig: { [world.network]: { Aliases: [name] } } },
    };
  };

  // As a kubelet with imagePullPolicy IfNotPresent: an image this engine lacks comes from its registry.
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) await pullIfMissing(c.image ?? '');
  for (const init of pod.initContainers ?? []) {
    const c = await docker.createContainer({ ...(await createOptions(init)), name: `${world.project}-${instance}-init-${init.name}` });
    await c.start();
    const { StatusCode } = (await c.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = (await c.logs({ stdout: true, stderr: true })).toString('utf8');
      throw new Error(`${name}: init container ${init.name} exited with ${StatusCode}: ${logs}`);
    }
    await c.remove();
  }
  const [main, ...more] = pod.containers;
  if (main === undefined || more.length > 0) throw new Error(`${name}: the pod runner runs pods of one container`);
  const container = await docker.createContainer({ ...(await createOptions(main)), name: `${world.project}-${name}` });
  await container.start();
  return { container, ...(publish !== undefined && { published: publish }) };
}

async function pullIfMissing(image: string): Promise<void> {
  const present = await docker
    .getImage(image)
    .inspect()
    .then(() => true)
    .catch(() => false);
  if (present) return;
  const stream = (await docker.pull(image)) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
}
