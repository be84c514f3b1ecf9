/** A snapshot of what the engine holds for one project, labels already parsed. Plain data. */

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ObservedContainer {
  readonly id: string;
  readonly name: string;
  /** io.mcp-orchestrator.server; absent on a container labelled with the project only. */
  readonly server?: string;
  readonly configHash?: string;
  readonly hashVersion?: string;
  readonly fieldDigests: Readonly<Record<string, string>>;
  /** The image ID the container runs (sha256:...). */
  readonly imageId: string;
  /** The reference it was created from, as the engine reports it. */
  readonly image: string;
  readonly state: ContainerState;
  /** The engine's human status, e.g. "Up 5 minutes", "Exited (1) 3 seconds ago". */
  readonly status: string;
  /** Unix seconds. */
  readonly created: number;
  /** A probe of `test`: its owner (`<host>/<pid>`), and whether that process still runs (set by the runtime; unknown counts as not). */
  readonly probe?: { readonly owner: string; readonly live?: boolean };
  /** A per-client session's container: the serve that owns it (`<host>/<pid>`), whether it still runs (as a probe's), and the session's number. */
  readonly session?: { readonly owner: string; readonly n: number; readonly live?: boolean };
}

export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly logicalName?: string;
}

export interface ObservedVolume {
  readonly name: string;
  readonly logicalName?: string;
}

/** An object that has a name this project wants but is not this project's (another project's, or nobody's). */
export interface ForeignObject {
  readonly kind: 'container' | 'network' | 'volume';
  readonly name: string;
  /** Its io.mcp-orchestrator.project label; absent when it has none. */
  readonly project?: string;
}

export interface ObservedState {
  readonly project: string;
  /** Objects named like this project's that are not its own: never adopted, always a conflict. */
  readonly foreign?: readonly ForeignObject[];
  readonly containers: readonly ObservedContainer[];
  readonly networks: readonly ObservedNetwork[];
  readonly volumes: readonly ObservedVolume[];
  /** Local images: normalised reference -> image ID. */
  readonly images: Readonly<Record<string, string>>;
}
