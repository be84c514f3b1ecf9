import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { ContainerSpec, SwarmSecret } from '../core/desired-state';
import { Label } from '../core/labels';
import { bridgeTokenName, repositoryOf } from '../core/naming';
import { singleFlight } from '../util/single-flight';
import type { ObservedContainer } from '../core/observed-state';
import { OrchestratorError } from '../errors';
import { readRegularFile } from '../stack-file/node-spec-host';
import { engineAddress } from './connection';
import { demuxBuffer, DockerodeEngine, EngineError, foreignObject } from './dockerode-engine';
import type { ContainerStatus, Engine, LogOptions } from './engine';
import { observedContainer } from './observe';
import { serviceSpec, type SwarmRefs } from './service-options';
import { containerSpecOf, isProjectEvent, observedService, replicaCount, type TaskInfo } from './swarm-observe';

/** How long a service may take to get a task running, or to roll an update out. */
const CONVERGE_MS = 120_000;
const POLL_MS = 250;


/**
 * backend: swarm. The same Engine, with a Swarm service where the other adapter has a container
 * (an ID of 64 hex digits is still a container: the probes of `test` and `lock` are plain ones):
 * the ID the plan holds is the service's, "start" and "stop" scale it, a recreate is an update in
 * place (services cannot be renamed), and secrets are Swarm secrets named by their content. Images,
 * networks (overlays, attachable), volumes and probes are the engine's as before.
 */
export class SwarmEngine extends DockerodeEngine implements Engine {
  private secretWork: Promise<void> = Promise.resolve();
  private readonly pushes = new Map<string, Promise<void>>();

  constructor(
    address: ConstructorParameters<typeof DockerodeEngine>[0],
    private readonly buildBridged?: BridgedImageBuilder,
  ) {
    super(address);
  }

  readonly inPlace = {
    update: (id: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>, order: 'stop-first' | 'start-first'): Promise<void> => this.updateService(id, spec, labels, order),
    rollback: (id: string): Promise<void> => this.rollbackService(id),
  };

  /** The project's services, and the plain containers of its probes (`test`, `lock`), which run beside them. */
  protected override async observeWorkloads(project: string): Promise<{ containers: ObservedContainer[]; foreign: ReturnType<typeof foreignObject>[] }> {
    const [services, probes] = await Promise.all([
      this.call(() => this.docker.listServices({ status: true, filters: { name: [`${project}-`] } })),
      this.call(() => this.docker.listContainers({ all: true, filters: { label: [`${Label.project}=${project}`, Label.probe] } })),
    ]);
    const mine = (s: Docker.Service): boolean => s.Spec?.Labels?.[Label.project] === project;
    return {
      containers: [...services.filter(mine).map(observedService), ...probes.map(observedContainer)],
      foreign: services.filter((s) => !mine(s)).map((s) => foreignObject('container', s.Spec?.Name ?? s.ID, s.Spec?.Labels)),
    };
  }

  /** A service's tasks leave its networks some seconds after it is removed: removal waits for them. */
  protected override readonly endpointsGoneWithinMs = 30_000;

  /** Creates the service at its replicas: a service has no "created, not started" (start waits for its task). */
  override async createContainer(name: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<string> {
    const { image, serviceLabels } = await this.imageFacts(spec, labels);
    return this.withSecrets(async () => {
      const body = serviceSpec(name, image, serviceLabels, await this.ensureRefs(spec, labels), 'stop-first', spec.replicas ?? 1);
      const created = await this.call(() => this.docker.createService({ _query: {}, _body: body } as unknown as Docker.CreateServiceOptions));
      return (created as { ID?: string; id?: string }).ID ?? (created as { id: string }).id;
    });
  }

  /** Scales the service to its replicas and waits until a task runs (or the engine says why none can). */
  override async startContainer(id: string): Promise<void> {
    if (isContainerId(id)) return super.startContainer(id);
    const service = await this.inspectService(id);
    const replicas = Number(service.Spec?.Labels?.[Label.replicas] ?? '1');
    if (replicaCount(service) !== replicas) await this.scale(id, replicas);
    await this.untilRunning(id);
  }

  override async stopContainer(id: string): Promise<void> {
    if (isContainerId(id)) return super.stopContainer(id);
    try {
      if (replicaCount(await this.inspectService(id)) !== 0) await this.scale(id, 0);
    } catch (err) {
      if (!(err instanceof EngineError && err.statusCode === 404)) throw err;
    }
  }

  /**
   * Removes the service, then the secrets and configs nothing uses any more. Its tasks stop on their own after
   * that; nothing here waits for them (one at a time, that took seconds per service): a network
   * removal that follows waits for their endpoints instead.
   */
  override async removeContainer(id: string): Promise<void> {
    if (isContainerId(id)) return super.removeContainer(id);
    const project = await this.inspectService(id).then(
      (s) => s.Spec?.Labels?.[Label.project],
      () => undefined,
    );
    await this.ignoring404(() => this.docker.getService(id).remove());
    if (project !== undefined) await this.pruneRefs(project);
  }

  override renameContainer(): Promise<void> {
    return Promise.reject(new OrchestratorError('ENGINE_ERROR', 'a Swarm service cannot be renamed: recreate is an update in place'));
  }

  override async restartContainer(id: string): Promise<void> {
    if (isContainerId(id)) return super.restartContainer(id);
    const before = await this.updateRaw(id, (spec) => ({ ...spec, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1 } }));
    await this.untilRolledOut(id, before.UpdatedAt);
  }

  /** The running task: where it runs and since when, its overlay addresses, and (a task on this node) the address this host reaches it at. */
  override async inspectContainer(id: string): Promise<ContainerStatus> {
    if (isContainerId(id)) return super.inspectContainer(id);
    const task = await this.currentTask(id);
    if (task === undefined) return { running: false, restarting: true, restartCount: 0, exitCode: 0, startedAt: '', addresses: {}, mounts: [] };
    const running = task.Status?.State === 'running';
    const containerId = task.Status?.ContainerStatus?.ContainerID;
    const addresses: Record<string, string> = {};
    let hostAddress: string | undefined;
    if (running && containerId !== undefined) {
      const bridge = await this.call(() => this.docker.getNetwork('docker_gwbridge').inspect()).catch(() => undefined);
      hostAddress = (bridge?.Containers as Record<string, { IPv4Address?: string }> | undefined)?.[containerId]?.IPv4Address?.split('/')[0];
    }
    for (const a of task.NetworksAttachments ?? []) {
      const name = a.Network?.Spec?.Name;
      const address = a.Addresses?.[0]?.split('/')[0];
      if (name !== undefined && address !== undefined && name !== 'ingress') addresses[name] = address;
    }
    return {
      running,
      restarting: !running,
      restartCount: 0,
      exitCode: task.Status?.ContainerStatus?.ExitCode ?? 0,
      // A new task is a restart: its ID is part of when "it" started.
      startedAt: `${task.Status?.Timestamp ?? ''} ${task.ID}`,
      addresses,
      ...(hostAddress !== undefined && hostAddress !== '' && { hostAddress }),
      instance: task.ID,
      mounts: [],
    };
  }

  /** The running task's container, when it runs on this node (the manager the orchestrator talks to). */
  override async attachStdio(id: string): Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }> {
    if (isContainerId(id)) return super.attachStdio(id);
    const task = await this.currentTask(id);
    const containerId = task?.Status?.State === 'running' ? task.Status.ContainerStatus?.ContainerID : undefined;
    if (containerId === undefined) throw new OrchestratorError('ENGINE_ERROR', 'the service has no running task');
    try {
      return await super.attachStdio(containerId);
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) {
        throw new OrchestratorError('ENGINE_ERROR', 'the service\'s task runs on another node: its stdio is reached through the bridge, not by attaching');
      }
      throw err;
    }
  }

  override async containerLogs(id: string, options: LogOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<void> {
    if (isContainerId(id)) return super.containerLogs(id, options, stdout, stderr);
    const common = { stdout: true, stderr: true, timestamps: options.timestamps ?? false, ...(options.tail !== undefined && { tail: options.tail }) };
    const result = (await this.call(() => this.long.getService(id).logs({ ...common, follow: options.follow }))) as unknown;
    if (Buffer.isBuffer(result)) return demuxBuffer(result, stdout, stderr);
    const stream = result as NodeJS.ReadableStream;
    this.docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('error', reject);
    });
  }

  /** Service events of the project's services, container events of its tasks here, and node events; a trigger only. */
  override async watchEvents(project: string, onEvent: () => void, onEnd: (err?: Error) => void): Promise<() => void> {
    const stream = (await this.call(() => this.long.getEvents({ filters: { type: ['service', 'container', 'node'] } }))) as NodeJS.ReadableStream & { destroy?: () => void };
    let closed = false;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '' && isProjectEvent(line, project)) onEvent();
    });
    stream.on('end', () => closed || onEnd());
    stream.on('error', (err: Error) => closed || onEnd(err));
    return () => {
      closed = true;
      stream.destroy?.();
    };
  }

  private async updateService(id: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>, order: 'stop-first' | 'start-first'): Promise<void> {
    const { image, serviceLabels } = await this.imageFacts(spec, labels);
    // Every recreate replaces the tasks, as the other backend replaces the container: a change of
    // the service alone (labels, ports) would otherwise leave nothing to gate on.
    const before = await this.withSecrets(async () => {
      const refs = await this.ensureRefs(spec, labels);
      return this.updateRaw(id, (current) => {
        const body = serviceSpec(current.Name ?? id, image, serviceLabels, refs, order, spec.replicas ?? 1);
        return { ...body, TaskTemplate: { ...body.TaskTemplate, ForceUpdate: (current.TaskTemplate?.ForceUpdate ?? 0) + 1 } };
      });
    });
    await this.untilRolledOut(id, before.UpdatedAt);
    const project = labels[Label.project];
    if (project !== undefined) await this.pruneRefs(project);
  }

  private async rollbackService(id: string): Promise<void> {
    const service = await this.updateRaw(id, (spec) => spec, { rollback: 'previous' });
    await this.untilRolledOut(id, service.UpdatedAt, true);
    const project = service.Spec?.Labels?.[Label.project];
    if (project !== undefined) await this.pruneRefs(project);
  }

  /** Waits until the update started after `since` is over: completed, or rolled back by the engine (an error). */
  private async untilRolledOut(id: string, since: string | undefined, rollingBack = false): Promise<void> {
    const deadline = Date.now() + CONVERGE_MS;
    const after = since === undefined ? 0 : Date.parse(since);
    while (Date.now() < deadline) {
      const status = (await this.inspectService(id)).UpdateStatus;
      const state = status?.StartedAt !== undefined && Date.parse(status.StartedAt) >= after ? status.State : undefined;
      if (state === (rollingBack ? 'rollback_completed' : 'completed')) return this.untilRunning(id);
      // The engine's own rollback (a task did not stay up) is waited out: the old tasks serve again before we report.
      if (!rollingBack && (state === 'rollback_completed' || state === 'rollback_paused')) {
        throw new OrchestratorError('ENGINE_ERROR', `the engine rolled the update back: ${status?.Message ?? 'a task did not stay up'}`);
      }
      if (state === 'paused' || (rollingBack && state === 'rollback_paused')) throw new OrchestratorError('ENGINE_ERROR', `the update is paused: ${status?.Message ?? ''}`.trim());
      await sleep(POLL_MS);
    }
    throw new OrchestratorError('ENGINE_ERROR', `the service's update did not finish within ${CONVERGE_MS / 1000}s`);
  }

  /** Until a task runs; a task that failed or was rejected fails the wait with the engine's reason. */
  private async untilRunning(id: string): Promise<void> {
    const deadline = Date.now() + CONVERGE_MS;
    let last = 'no task scheduled';
    while (Date.now() < deadline) {
      const task = await this.currentTask(id);
      const state = task?.Status?.State;
      if (state === 'running') return;
      if (state !== undefined) last = `task ${state}${task?.Status?.Err ? `: ${task.Status.Err}` : ''}`;
      if (state === 'failed' || state === 'rejected') throw new OrchestratorError('ENGINE_ERROR', last);
      await sleep(POLL_MS);
    }
    throw new OrchestratorError('ENGINE_ERROR', `no task of the service runs after ${CONVERGE_MS / 1000}s (${last})`);
  }

  /** The newest task meant to run (or, when none is, the newest of all). */
  private async currentTask(id: string): Promise<TaskInfo | undefined> {
    const tasks = (await this.call(() => this.docker.listTasks({ filters: { service: [id] } }))) as TaskInfo[];
    const newest = (list: TaskInfo[]): TaskInfo | undefined => [...list].sort((a, b) => ((a.UpdatedAt ?? '') < (b.UpdatedAt ?? '') ? 1 : -1))[0];
    return newest(tasks.filter((t) => t.DesiredState === 'running')) ?? newest(tasks);
  }

  private async inspectService(id: string): Promise<Docker.Service> {
    return (await this.call(() => this.docker.getService(id).inspect())) as Docker.Service;
  }

  private async scale(id: string, replicas: number): Promise<void> {
    await this.updateRaw(id, (spec) => ({ ...spec, Mode: { Replicated: { Replicas: replicas } } }));
  }

  /**
   * Updates the service to `next(its current spec)` at its current version; when the engine moved
   * the version meanwhile (it does right after a create), reads it again and retries, as the docker
   * CLI does. The spec travels in the body only: env values (secrets) never in a request URL.
   * Returns the service as it was before the update.
   */
  private async updateRaw(id: string, next: (spec: Docker.ServiceSpec) => Docker.ServiceSpec, query: Record<string, string> = {}): Promise<Docker.Service> {
    for (let attempt = 1; ; attempt++) {
      const service = await this.inspectService(id);
      try {
        await this.call(() => this.docker.getService(id).update({ _query: { ...query, version: service.Version?.Index }, _body: next(service.Spec ?? {}) } as unknown as Docker.ServiceSpec));
        return service;
      } catch (err) {
        if (!(err instanceof EngineError && /out of sequence/i.test(err.message)) || attempt >= 5) throw err;
      }
    }
  }

  /**
   * From one inspect of the local image: the spec with its image by digest when the image was
   * pushed to (or pulled from) its registry, so every node runs the same bits whatever the tag
   * points at later (the hash stays the one of the spec as written, as for containers); and the
   * service's labels: the hash labels, the image's ID (a service keeps only its reference) and the
   * replicas to start with.
   */
  private async imageFacts(spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<{ image: ContainerSpec; serviceLabels: Record<string, string> }> {
    const details = await this.inspectImage(spec.image);
    const run = spec.bridge === undefined ? spec : await this.bridged(spec, labels);
    const runDetails = run === spec ? details : await this.inspectImage(run.image);
    const digest = runDetails?.repoDigests.find((d) => d.startsWith(`${repositoryOf(run.image)}@`));
    return {
      image: digest === undefined ? run : { ...run, image: digest },
      // The server's own image: what the plan compares, whatever the service runs in front of it.
      serviceLabels: { ...labels, ...(details !== undefined && { [Label.imageId]: details.id }), [Label.replicas]: String(spec.replicas ?? 1) },
    };
  }

  /**
   * The spec a stdio server runs as on Swarm: the bridged image of its image (one per base image
   * and project, pushed when the stack names a registry), with the bridge as its entrypoint and
   * the server's name and command line as the arguments.
   */
  private async bridged(spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<ContainerSpec> {
    if (this.buildBridged === undefined) throw new OrchestratorError('ENGINE_ERROR', 'this Swarm adapter was made without a bridge builder: stdio servers cannot run');
    const { tag: local, args } = await this.buildBridged(
      this,
      { project: labels[Label.project] ?? '', name: spec.alias, image: spec.image, ...(spec.entrypoint !== undefined && { entrypoint: spec.entrypoint }), ...(spec.command !== undefined && { command: spec.command }) },
      { [Label.project]: labels[Label.project] ?? '' },
    );
    let image = local;
    if (spec.bridge?.registry !== undefined) {
      image = `${spec.bridge.registry}/${local}`;
      const [repo, tag] = [repositoryOf(image), image.slice(repositoryOf(image).length + 1)];
      await singleFlight(this.pushes, image, async () => {
        await this.changingImages(() => this.call(() => this.docker.getImage(local).tag({ repo, tag })));
        await this.pushImage(image);
      });
    }
    // The image's entrypoint is the bridge; what it runs is in the arguments.
    const { entrypoint: _entrypoint, ...rest } = spec;
    return { ...rest, image, command: args };
  }

  /** The token a project's bridged servers want, from its Swarm config (made on first use): for the gateway and the readiness gate. */
  async bridgeToken(project: string): Promise<string> {
    return (await this.withSecrets(() => this.ensureBridgeToken(project))).token;
  }

  /** Secrets and the bridge token's config, existing before the service that refers to them. */
  private async ensureRefs(spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<SwarmRefs> {
    const secretIds = await this.ensureSecrets(spec.swarmSecrets ?? []);
    const project = labels[Label.project];
    if ((spec.bridge === undefined && spec.readsBridgeToken !== true) || project === undefined) return { secretIds };
    const { id, name } = await this.ensureBridgeToken(project);
    return { secretIds, bridgeToken: { id, name } };
  }

  /**
   * A config, not a secret: the gateway reads it back (a secret cannot be). Whoever can read it
   * through the API can also exec into the tasks that have it: it is no wider than the engine.
   */
  private async ensureBridgeToken(project: string): Promise<{ id: string; name: string; token: string }> {
    const name = bridgeTokenName(project);
    for (let attempt = 1; ; attempt++) {
      const found = (await this.call(() => this.docker.listConfigs({ filters: { name: [name] } }))).find((c) => c.Spec?.Name === name);
      if (found !== undefined) return { id: found.ID, name, token: Buffer.from(found.Spec?.Data ?? '', 'base64').toString('utf8') };
      try {
        const token = randomBytes(32).toString('hex');
        const created = (await this.call(() =>
          this.docker.createConfig({ _query: {}, _body: { Name: name, Labels: { [Label.project]: project }, Data: Buffer.from(token).toString('base64') } }),
        )) as { id?: string; ID?: string };
        return { id: created.ID ?? created.id ?? name, name, token };
      } catch (err) {
        // Another orchestrator made it first: read theirs.
        if (!(err instanceof EngineError && err.statusCode === 409) || attempt >= 3) throw err;
      }
    }
  }

  /** Each secret by name: created from its file when missing (a name is a content, so an existing one is right). */
  private async ensureSecrets(secrets: readonly SwarmSecret[]): Promise<Record<string, string>> {
    if (secrets.length === 0) return {};
    const existing = await this.call(() => this.docker.listSecrets({ filters: { name: secrets.map((s) => s.name) } }));
    const ids: Record<string, string> = Object.fromEntries(existing.map((s) => [s.Spec?.Name ?? '', s.ID]));
    for (const s of secrets) {
      if (ids[s.name] !== undefined) continue;
      const data = (s.content !== undefined ? Buffer.from(s.content, 'utf8') : readSecretFile(s.file)).toString('base64');
      const created = (await this.call(() => this.docker.createSecret({ _query: {}, _body: { Name: s.name, Labels: { ...s.labels }, Data: data } }))) as { id?: string; ID?: string };
      ids[s.name] = created.ID ?? created.id ?? s.name;
    }
    return ids;
  }

  /**
   * Runs `fn` alone among this engine's secret work: a secret created for a service is referred to
   * by it before a prune (of a removal or update running beside it) can see it unused and take it.
   */
  private withSecrets<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.secretWork.then(fn, fn);
    this.secretWork = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Removes the project's secrets and configs (the bridge token) no service of it refers to, in its
   * spec or the previous one a rollback needs (rotated out, or its servers gone).
   */
  private pruneRefs(project: string): Promise<void> {
    return this.withSecrets(() => this.pruneUnused(project));
  }

  private async pruneUnused(project: string): Promise<void> {
    const mine = { filters: { label: [`${Label.project}=${project}`] } };
    const [secrets, configs, services] = await Promise.all([
      this.call(() => this.docker.listSecrets(mine)),
      this.call(() => this.docker.listConfigs(mine)),
      this.call(() => this.docker.listServices(mine)),
    ]);
    const specs = services.flatMap((s) => [containerSpecOf(s.Spec), containerSpecOf(s.PreviousSpec)]);
    const usedSecrets = new Set(specs.flatMap((c) => (c.Secrets ?? []).map((x) => x.SecretID)));
    const usedConfigs = new Set(specs.flatMap((c) => (c.Configs ?? []).map((x) => x.ConfigID)));
    for (const config of configs) {
      if (!usedConfigs.has(config.ID)) await this.removeUnlessInUse(() => this.docker.getConfig(config.ID).remove());
    }
    for (const secret of secrets) {
      if (!usedSecrets.has(secret.ID)) await this.removeUnlessInUse(() => this.docker.getSecret(secret.ID).remove());
    }
  }

  private async removeUnlessInUse(remove: () => Promise<unknown>): Promise<void> {
    try {
      await this.ignoring404(remove);
    } catch (err) {
      // Still held by a task that is shutting down: the next removal or update takes it.
      if (!(err instanceof EngineError && /in use/i.test(err.message))) throw err;
    }
  }
}

/** Swarm's own limit on a secret's size. */
const MAX_SECRET_BYTES = 500 * 1024;

/** A secret's content: a regular file (links followed) of at most Swarm's limit. */
function readSecretFile(file: string): Buffer {
  const read = readRegularFile(file, MAX_SECRET_BYTES);
  if (!read.ok) throw new OrchestratorError('USAGE', `secret file ${file}: ${read.reason}`);
  return read.bytes;
}

/** A probe's container (64 hex digits), not a service (Swarm's IDs are 25 characters of base 36). */
function isContainerId(id: string): boolean {
  return /^[0-9a-f]{64}$/.test(id);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Builds a stdio server's bridged image with the engine it is given; runtime/bridge/bridged-build.ts is the one. */
export type BridgedImageBuilder = (
  engine: Engine,
  server: { readonly project: string; readonly name: string; readonly image: string; readonly entrypoint?: readonly string[]; readonly command?: readonly string[] },
  labels: Readonly<Record<string, string>>,
) => Promise<{ readonly tag: string; readonly args: readonly string[] }>;

export function connectSwarmEngine(hostFlag: string | undefined, env: NodeJS.ProcessEnv, buildBridged?: BridgedImageBuilder): SwarmEngine {
  return new SwarmEngine(engineAddress(hostFlag, env), buildBridged);
}
