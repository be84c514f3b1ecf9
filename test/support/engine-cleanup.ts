import Docker from 'dockerode';

// A bound on every request: a test must fail, not hang, when the engine goes away.
const docker = new Docker({ timeout: 30_000 });

/** Removes everything labelled with the project: what a test created, whatever state it left. */
export async function removeProject(project: string): Promise<void> {
  const filters = { label: [`io.mcp-orchestrator.project=${project}`] };
  // Swarm services, secrets and configs (backend: swarm); an engine that is no swarm manager has none.
  const services = await docker.listServices({ filters }).catch(() => []);
  await Promise.all(services.map((s) => docker.getService(s.ID).remove().catch(() => undefined)));
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  // Once no task holds them.
  const secrets = await docker.listSecrets({ filters }).catch(() => []);
  await Promise.all(secrets.map((s) => docker.getSecret(s.ID).remove().catch(() => undefined)));
  const configs = await docker.listConfigs({ filters }).catch(() => []);
  await Promise.all(configs.map((c) => docker.getConfig(c.ID).remove().catch(() => undefined)));
  // A container just removed may still hold its endpoint for a moment ("active endpoints"): retry,
  // for up to 10 s (2 s was seen to leak a network after 20 containers went at once).
  for (let attempt = 0; attempt < 50; attempt++) {
    const networks = await docker.listNetworks({ filters });
    if (networks.length === 0) break;
    await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
    await new Promise((r) => setTimeout(r, 200));
  }
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
  // Images the project built (build: servers carry its label; npx:/uvx: package images are shared
  // by every project that runs the package and carry none: the same specs reuse them next run).
  const images = await docker.listImages({ filters });
  await Promise.all(images.map((i) => docker.getImage(i.Id).remove({ force: true }).catch(() => undefined)));
}

export interface ContainerView {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly labels: Record<string, string>;
}

/** The engine's own view of a project's containers, read without going through src/. */
export async function projectContainers(project: string): Promise<ContainerView[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${project}`] } });
  return list
    .map((c) => ({ id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function runPlainContainer(name: string, image: string, labels: Record<string, string> = {}): Promise<string> {
  const c = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '600'], Labels: labels, HostConfig: { Init: true } });
  await c.start();
  return c.id;
}

export async function containerExists(id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect();
    return true;
  } catch {
    return false;
  }
}

export async function removeContainer(id: string): Promise<void> {
  await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
}

export async function projectNetworks(project: string): Promise<string[]> {
  return (await docker.listNetworks({ filters: { label: [`io.mcp-orchestrator.project=${project}`] } })).map((n) => n.Name).sort();
}

export async function projectVolumes(project: string): Promise<string[]> {
  return ((await docker.listVolumes({ filters: { label: [`io.mcp-orchestrator.project=${project}`] } })).Volumes ?? []).map((v) => v.Name).sort();
}
