import type { Placement, RestartPolicy } from '../stack-file/stack-spec';

/**
 * Everything that goes into one container create call, as plain data (docker/create-options maps
 * it to the Engine API). The config hash is taken over exactly this, so a change to anything that
 * reaches the container is seen, and nothing else is.
 */
export interface ContainerSpec {
  readonly image: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  /** KEY=VALUE, sorted by key. Values may be secrets: never print them. */
  readonly env: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  /** The user's labels plus project and server; the hash labels are added on top. */
  readonly labels: Readonly<Record<string, string>>;
  /** stdio servers keep stdin open so they wait for a client instead of exiting on EOF (docker run -i). */
  readonly stdinOpen: boolean;
  /**
   * A stdio server in a plain container: it runs behind the stdio host (recipes/stdio-host.ts), so
   * its MCP traffic is never the container's output, which the engine keeps on disk. The engine
   * adapter puts the host in front of what the server runs (the file's command, else the image's).
   */
  readonly stdioHost?: true;
  readonly stopTimeoutSeconds?: number;
  readonly exposedPorts: readonly string[];
  readonly init: boolean;
  readonly restart: RestartPolicy;
  readonly memoryBytes?: number;
  readonly nanoCpus?: number;
  readonly pidsLimit?: number;
  readonly readOnlyRootfs: boolean;
  /** The engine's LogConfig: what it keeps of the output. */
  readonly logConfig: { readonly type: string; readonly config: Readonly<Record<string, string>> };
  readonly privileged: boolean;
  readonly noNewPrivileges: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  /** source:target[:ro], host paths absolute, volumes by their full names. */
  readonly binds: readonly string[];
  /** publishMode host (Swarm): the port on the node the task runs on, not through the routing mesh. */
  readonly portBindings: readonly { readonly containerPort: string; readonly hostIp?: string; readonly hostPort?: string; readonly publishMode?: 'host' }[];
  /** Full network names; the first is given at create, the others connected before start. */
  readonly networks: readonly string[];
  /** host or none instead of the project's networks. */
  readonly networkMode?: 'host' | 'none';
  readonly pidMode?: 'host';
  /** host_path[:container_path[:permissions]] */
  readonly devices: readonly string[];
  /** The server's name, reachable as a host name on each of its networks. */
  readonly alias: string;
  /**
   * Digests of the contents of files mounted into the container (the CA file): not part of the
   * create call, but of the hash, so an edit of such a file recreates the server.
   */
  readonly fileDigests: Readonly<Record<string, string>>;
  /** backend: swarm only, absent otherwise (so a container's hash is the same as before Swarm existed). */
  readonly replicas?: number;
  readonly placement?: Placement;
  readonly reservations?: { readonly memoryBytes?: number; readonly nanoCpus?: number };
  /** Swarm secrets the service gets at /run/secrets/<target>; the adapter creates each from `file` when missing. */
  readonly swarmSecrets?: readonly SwarmSecret[];
  /**
   * A stdio server on Swarm runs its bridged image (recipes/bridged-image.ts), reached over HTTP on
   * the overlay from any node; the adapter builds it from `image` (pushed to `registry` if any).
   */
  readonly bridge?: { readonly registry?: string };
  /** Swarm: the project's bridge token is mounted too (the gateway service, which reaches bridged servers). */
  readonly readsBridgeToken?: boolean;
  /** Swarm: at most this many tasks on one node. */
  readonly maxPerNode?: number;
}

export interface SwarmSecret {
  /** `<project>-<secret>-<digest>`: a new content is a new secret. */
  readonly name: string;
  /** Its file's name under /run/secrets. */
  readonly secret: string;
  /** Where its content is read from when the secret is made: a file, or (what the orchestrator writes) the content itself. */
  readonly file: string;
  readonly content?: string;
  readonly labels: Readonly<Record<string, string>>;
}
