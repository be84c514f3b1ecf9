import type { BuildSource, ContainerSpec, DesiredNetwork, DesiredVolume } from '../../src/core/desired-state';
import type { ObservedState } from '../../src/core/observed-state';
import type { AttachedContainer, ContainerStatus, Engine, EngineInfo } from '../../src/docker/engine';

/**
 * A hand-written engine that records calls, for the executor's ordering and failure handling.
 * Not a Docker mock: everything in docker/ is tested against a real dockerd.
 */
export class MemoryEngine implements Engine {
  readonly address = 'memory://';
  readonly calls: string[] = [];
  /** Calls (as "method arg") that fail with the given message. */
  readonly failures = new Map<string, string>();
  running = 0;
  maxRunning = 0;
  private nextId = 0;

  constructor(private readonly delayMs = 0) {}

  private async call(entry: string): Promise<void> {
    this.calls.push(entry);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const failure = this.failures.get(entry);
      if (failure !== undefined) throw new Error(failure);
    } finally {
      this.running--;
    }
  }

  info(): Promise<EngineInfo> {
    return Promise.resolve({ serverVersion: 'memory', apiVersion: '1.41', os: 'linux' });
  }
  observe(project: string): Promise<ObservedState> {
    return Promise.resolve({ project, containers: [], networks: [], volumes: [], images: {} });
  }
  pullImage(ref: string): Promise<void> {
    return this.call(`pull ${ref}`);
  }
  buildImage(source: BuildSource): Promise<void> {
    return this.call(`build ${source.tag}`);
  }
  imageId(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
  pushImage(): Promise<void> {
    return Promise.reject(new Error('the in-memory engine has no registry'));
  }
  imageConfig(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  imageDetails(): Promise<Record<string, never>> {
    return Promise.resolve({});
  }
  createNetwork(n: DesiredNetwork): Promise<void> {
    return this.call(`createNetwork ${n.name}`);
  }
  removeNetwork(name: string): Promise<void> {
    return this.call(`removeNetwork ${name}`);
  }
  createVolume(v: DesiredVolume): Promise<void> {
    return this.call(`createVolume ${v.name}`);
  }
  removeVolume(name: string): Promise<void> {
    return this.call(`removeVolume ${name}`);
  }
  async joinNetwork(): Promise<void> {
    // Not part of a plan: nothing to record.
  }

  async leaveNetwork(): Promise<void> {
    // Not part of a plan: nothing to record.
  }

  async createContainer(name: string, _spec: ContainerSpec): Promise<string> {
    await this.call(`create ${name}`);
    return `id-${name}-${this.nextId++}`;
  }
  startContainer(id: string): Promise<void> {
    return this.call(`start ${id}`);
  }
  stopContainer(id: string): Promise<void> {
    return this.call(`stop ${id}`);
  }
  removeContainer(id: string): Promise<void> {
    return this.call(`remove ${id}`);
  }
  renameContainer(id: string, name: string): Promise<void> {
    return this.call(`rename ${id} ${name}`);
  }
  runAttached(): Promise<AttachedContainer> {
    return Promise.reject(new Error('not in the memory engine'));
  }
  attachStdio(): Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }> {
    return Promise.reject(new Error('not in the memory engine'));
  }
  inspectContainer(): Promise<ContainerStatus> {
    return Promise.reject(new Error('not in the memory engine'));
  }
  restartContainer(id: string): Promise<void> {
    return this.call(`restart ${id}`);
  }
  watchEvents(): Promise<() => void> {
    return Promise.resolve(() => undefined);
  }
  containerLogs(): Promise<void> {
    return Promise.resolve();
  }
}
