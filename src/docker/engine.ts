import type { BuildSource, ContainerSpec, DesiredNetwork, DesiredVolume } from '../core/desired-state';
import type { ObservedState } from '../core/observed-state';

/**
 * The engine as the rest of the program sees it: plain data in, plain data out. Only docker/
 * implements it (over dockerode); the executor's unit tests use an in-memory one.
 */
export interface EngineInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly os: string;
}

export interface LogOptions {
  readonly follow: boolean;
  readonly tail?: number;
  readonly timestamps?: boolean;
}

/** A container run with its stdio attached (the MCP smoke test of a stdio server). */
export interface AttachedContainer {
  readonly id: string;
  readonly stdin: NodeJS.WritableStream;
  readonly stdout: NodeJS.ReadableStream;
  /** The last few KiB the container wrote to stderr, for failure messages. */
  stderrTail(): string;
  /** Removes the container, whatever its state. */
  remove(): Promise<void>;
}

/** What the lockfile records of a local image. */
export interface ImageDetails {
  readonly id: string;
  /** `repo@sha256:...` for each registry it was pulled from or pushed to; none for a local build. */
  readonly repoDigests: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerStatus {
  readonly running: boolean;
  /** Exited, and the engine is about to start it again (restart policy). */
  readonly restarting: boolean;
  readonly restartCount: number;
  readonly exitCode: number;
  /** ISO time of the last start. */
  readonly startedAt: string;
  /** IP address per network name. */
  readonly addresses: Readonly<Record<string, string>>;
  /**
   * An address the engine's own host routes to when the network addresses do not (a Swarm task's
   * docker_gwbridge address: overlay addresses route only inside the overlay).
   */
  readonly hostAddress?: string;
  /**
   * What runs under the ID now, where that changes without the ID changing: a Swarm service's
   * current task (Swarm replaces it on another node when its node goes). Absent for a container.
   */
  readonly instance?: string;
  /** Its mounts: where each is in the container, and its source on the host. */
  readonly mounts: readonly { readonly source: string; readonly destination: string }[];
}

export interface Engine {
  /** Where the engine is, for messages. */
  readonly address: string;
  /** Fails with EngineUnreachableError when the engine does not answer. */
  info(): Promise<EngineInfo>;
  /** One labelled list per kind (containers, networks, volumes) plus the images named by `imageRefs`. */
  observe(project: string, imageRefs: readonly string[]): Promise<ObservedState>;

  pullImage(ref: string): Promise<void>;
  /**
   * Builds a build: context directory, or a generated context (package images). A generated
   * context is built without cache, and the value of the last RESOLVED_MARKER line it prints
   * becomes the image's RESOLVED_LABEL.
   */
  buildImage(source: BuildSource): Promise<void>;
  /** A local image's ID and what it runs by default; undefined when there is none. */
  imageConfig(ref: string): Promise<{ readonly id: string; readonly entrypoint: readonly string[]; readonly cmd: readonly string[] } | undefined>;
  /** The local images among `refs` (one list call), by normalised reference; a ref with no image is absent. */
  imageDetails(refs: readonly string[]): Promise<Readonly<Record<string, ImageDetails>>>;
  /** The ID of a local image, or undefined when there is none. */
  imageId(ref: string): Promise<string | undefined>;
  /** Pushes a local tag to the registry its name holds, with the engine's own credentials (docker login). */
  pushImage(ref: string): Promise<void>;

  createNetwork(network: DesiredNetwork): Promise<void>;
  removeNetwork(name: string): Promise<void>;
  /** Joins a running container (the orchestrator's own, for its gateway) to a network; joining twice is no error. */
  joinNetwork(containerId: string, network: string): Promise<void>;
  /** The reverse of joinNetwork; leaving a network it is not in, or that is gone, is no error. */
  leaveNetwork(containerId: string, network: string): Promise<void>;
  createVolume(volume: DesiredVolume): Promise<void>;
  removeVolume(name: string): Promise<void>;

  /** Creates the container attached to all of spec.networks; returns its ID. */
  createContainer(name: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Stops gracefully (the container's stop timeout); stopping a stopped container is not an error. */
  stopContainer(id: string): Promise<void>;
  /** Removes a container; a container already gone is not an error. */
  removeContainer(id: string): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  /** The bearer token of the project's bridged stdio servers (backend: swarm); absent where none are bridged. */
  bridgeToken?(project: string): Promise<string>;
  /**
   * Present on engines whose workloads cannot be renamed (Swarm services): a recreate updates the
   * workload in place instead of creating a replacement beside it. Resolves when the engine has
   * rolled the update out; fails when the engine itself rolled it back.
   */
  readonly inPlace?: {
    update(id: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>, order: 'stop-first' | 'start-first'): Promise<void>;
    /** Back to the spec it had before the last update, once that is rolled out. */
    rollback(id: string): Promise<void>;
  };
  /**
   * Calls `onEvent` for every container event of the project (no payload: a trigger only) until the
   * returned function is called. `onEnd` is told when the stream ends or fails (the engine went away).
   */
  watchEvents(project: string, onEvent: () => void, onEnd: (err?: Error) => void): Promise<() => void>;
  /** Creates a container of `spec` with stdin, stdout and stderr attached, and starts it. */
  runAttached(name: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<AttachedContainer>;
  inspectContainer(id: string): Promise<ContainerStatus>;
  /** Attaches to a running container's stdin and stdout; detaching leaves the container running. */
  attachStdio(id: string): Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }>;
  /** Restarts a container in place (develop.watch action restart). */
  restartContainer(id: string): Promise<void>;
  /** Writes the container's output to the sinks; resolves when done (or, following, when it stops). */
  containerLogs(id: string, options: LogOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<void>;
}
