import type { SourceLocation } from '../errors';
import type { CallerRule, GatewayAuth, RemoteAuth } from './auth-spec';
import type { PortBinding, VolumeMount } from './value-parsers';

export type { CallerRule, GatewayAuth, RemoteAuth } from './auth-spec';

/**
 * A stack file after interpolation, validation, defaults and normalisation: every path absolute,
 * every list sorted where order carries no meaning, every value a string. Plain data; no Docker types.
 */
export type Backend = 'containers' | 'swarm';

export interface StackSpec {
  /** The stack file as the user named it, for messages. */
  readonly file: string;
  /** Absolute directory of the stack file: relative paths are resolved against it. */
  readonly dir: string;
  readonly project: string;
  /** The host-level powers the file's allow: grants (sorted): watch and serve refuse a file whose list grew. */
  readonly allow: readonly string[];
  /** Plain containers on one engine, or services of a Docker Swarm. */
  readonly backend: Backend;
  /** backend: swarm: where built images are pushed (host[:port][/path]); services use them by digest. */
  readonly registry?: string;
  /** Sorted by name. */
  readonly servers: readonly ServerSpec[];
  /** Remote servers (url:): no container; sorted by name. Absent in a stack written before they existed. */
  readonly remotes?: readonly RemoteSpec[];
  readonly networks: readonly NetworkSpec[];
  readonly volumes: readonly VolumeSpec[];
  /** Images npx: and uvx: servers are built on. */
  readonly runtimes: { readonly node: PackageRuntime; readonly python: PackageRuntime };
  readonly tls?: { readonly caFile: string; readonly caPem: string };
  /** Secret files by name; only a digest of the content is kept. */
  readonly secrets: readonly SecretSpec[];
  /** What `serve` serves, and how (defaults when the file has no gateway: section). */
  readonly gateway: GatewaySpec;
}

/** The runtime image package images are built on, and where its installer fetches packages. */
export interface PackageRuntime {
  readonly image: string;
  /** npm registry (npx:) or Python package index (uvx:) URL; the installer's default when absent. */
  readonly registry?: string;
}

export interface GatewaySpec {
  readonly listen: { readonly host: string; readonly port: number };
  readonly separator: string;
  /** The variable holding the bearer token; the value is read when serving, never kept here. */
  readonly tokenEnv?: string;
  /** Who is calling: tokens from an OAuth issuer, validated by the gateway (replaces tokenEnv). */
  readonly auth?: GatewayAuth;
  /** Who may use what (with auth): deny by default once any rule exists. */
  readonly rules?: readonly CallerRule[];
  /** The audit trail: stdout, or a file rotated by size. */
  readonly audit?: 'stdout' | { readonly file: string; readonly maxBytes: number; readonly maxFiles: number };
  /** `/metrics` on the gateway's listener. */
  readonly metrics?: true;
  /** OpenTelemetry traces to a collector over OTLP/HTTP (headers' values from variables: never print them). */
  readonly traces?: GatewayTraces;
  readonly allowedHosts: readonly string[];
  /** A 2025-era client session idle this long is ended. */
  readonly sessionIdleSeconds: number;
  /** Servers the gateway serves (sorted), with their tool filters and, for servers that keep per-client state, a session per client. */
  readonly servers: readonly GatewayServer[];
  /** The orchestrator's own MCP tools: off, or on with changes proposed as diffs or applied. */
  readonly control: 'off' | 'propose' | 'apply';
  /** backend: swarm: the gateway as a service of the stack, in front of the servers' tasks. */
  readonly service?: GatewayServiceSpec;
}

export interface GatewayServer {
  readonly name: string;
  readonly tools?: { readonly allow?: readonly string[]; readonly deny?: readonly string[] };
  /**
   * A session of the server per client session, or per caller (`user`: their token's subject,
   * across their sessions and clients); a stdio server's is a container each; at most `maxSessions` at once.
   */
  readonly perClient?: { readonly maxSessions: number; readonly by: 'client' | 'user'; readonly warm: number };
}

export interface GatewayTraces {
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly sampleRatio: number;
}

export interface GatewayServiceSpec {
  /** The orchestrator's image, pulled by every node. */
  readonly image: string;
  /** The secret (of `secrets`) clients send as their bearer token; none with gateway.auth. */
  readonly tokenSecret?: string;
  /** Published on each node a gateway task runs on. */
  readonly port: number;
  /** At most one per node. */
  readonly replicas: number;
  readonly placement?: Placement;
}

/** What the gateway service is called where servers are named (ps, logs): no server may take the name. */
export const GATEWAY_SERVICE_NAME = 'mcp-orchestrator-gateway';

/** The server name the control tools go by on /mcp: a server of the stack may not take it while they are on. */
export const CONTROL_NAMESPACE = 'mcp-orchestrator';

export interface ReadySpec {
  /** mcp: answers initialize and tools/list; running: runs and keeps running. */
  readonly check: 'mcp' | 'running';
  readonly timeoutSeconds: number;
}

export const DEFAULT_READY_TIMEOUT_SECONDS = 60;
/** The gateway service is ready when it runs: its /mcp wants a token the readiness gate does not hold. */
export const DEFAULT_GATEWAY_READY: ReadySpec = { check: 'running', timeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS };

export const DEFAULT_GATEWAY_LISTEN = { host: '127.0.0.1', port: 8808 } as const;
export const DEFAULT_GATEWAY_SEPARATOR = '__';

export interface SecretSpec {
  readonly name: string;
  readonly file: string;
  /** SHA-256 of the content, so a changed secret recreates its servers without the value going anywhere. */
  readonly digest: string;
}

export const DEFAULT_RUNTIMES = { node: 'node:24-slim', python: 'ghcr.io/astral-sh/uv:python3.12-bookworm-slim' } as const;

export type ServerSource =
  | { readonly kind: 'image'; readonly image: string }
  /** `package`: the spec handed to the installer; `name`: the package whose command runs. */
  | { readonly kind: 'npx' | 'uvx'; readonly package: string; readonly name: string }
  | {
      readonly kind: 'build';
      readonly context: string;
      readonly dockerfile: string;
      readonly args: Readonly<Record<string, string>>;
      readonly target?: string;
      /** Image tag to build; core names it <project>-<server>:latest when absent. */
      readonly tag?: string;
    };

/** Every server of the stack by name, sorted: its containers' servers and its remote ones. */
export function serverNames(spec: Pick<StackSpec, 'servers' | 'remotes'>): string[] {
  return [...spec.servers.map((s) => s.name), ...(spec.remotes ?? []).map((r) => r.name)].sort();
}

/**
 * A remote MCP server (url:): reached at its endpoint by the gateway, `test`, `lock` and apply's
 * check, under the outbound rules; nothing of it is created or removed.
 */
export interface RemoteSpec {
  readonly name: string;
  readonly where?: SourceLocation;
  readonly url: string;
  /** Streamable HTTP, or the legacy HTTP+SSE transport. */
  readonly transport: 'streamable-http' | 'sse';
  /** Sent with every request; each value came from a variable (may be a secret: never print it). */
  readonly headers: Readonly<Record<string, string>>;
  /** How long a check (apply, test, the gateway's handshake) waits for it. */
  readonly timeoutSeconds: number;
  /** `allow: [private_urls]`: it, and what it leads to, may be at a loopback or private address. */
  readonly allowPrivate: boolean;
  /** OAuth settings (`auth:`); without them a server that asks for OAuth still gets a logged-in user's tokens. */
  readonly auth?: RemoteAuth;
}

export type Transport = { readonly type: 'stdio' } | { readonly type: 'http'; readonly port: number; readonly path: string };

export type RestartPolicy = 'no' | 'on-failure' | 'always' | 'unless-stopped';

export interface ValuesFromVariables {
  readonly args?: Readonly<Record<string, string>>;
  readonly command?: Readonly<Record<string, string>>;
  readonly entrypoint?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ServerSpec {
  readonly name: string;
  /** Where the server is written in the stack file (absent for a stack written in code). */
  readonly where?: SourceLocation;
  readonly source: ServerSource;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly args: readonly string[];
  /** env_file values overlaid by env; sorted keys. Values may be secrets: never print them. */
  readonly env: Readonly<Record<string, string>>;
  /** Absolute paths of the env files read, in the order given. */
  readonly envFiles: readonly string[];
  /**
   * env keys whose value the file does not hold as written (from an env file, the environment, or
   * a ${VAR}): it may be a secret, so rendered manifests refer to it instead of writing it.
   */
  readonly envFromOutside: readonly string[];
  /**
   * What the file wrote where a value read a variable: by args/command/entrypoint index, env key or
   * label key (`--password=${PGPASSWORD}`). Manifests rendered elsewhere refer to those values and
   * say how to make them from the same variables, instead of writing them. Absent when none did.
   */
  readonly variables?: ValuesFromVariables;
  readonly mounts: readonly VolumeMount[];
  readonly networks: readonly string[];
  readonly ports: readonly PortBinding[];
  readonly transport: Transport;
  readonly restart: RestartPolicy;
  readonly user?: string;
  readonly workingDir?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly resources: {
    readonly memoryBytes?: number;
    readonly nanoCpus?: number;
    readonly pids?: number;
    /** What the Swarm scheduler sets aside per task (backend: swarm). */
    readonly reservations?: { readonly memoryBytes?: number; readonly nanoCpus?: number };
  };
  /** Tasks of the service (backend: swarm); 1 otherwise. */
  readonly replicas: number;
  /** Swarm placement (backend: swarm). */
  readonly placement?: Placement;
  readonly readOnly: boolean;
  /** What the engine keeps of the output: bounded by default (a stdio server's stdout is MCP traffic). */
  readonly logging: LoggingSpec;
  readonly init: boolean;
  readonly privileged: boolean;
  readonly noNewPrivileges: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly stopTimeoutSeconds?: number;
  /** When a new container counts as ready, and how long a recreate waits for it. */
  readonly ready: ReadySpec;
  /** stop-first: one instance at a time; start-first: the replacement gets ready while the old one serves. */
  readonly rollout: 'stop-first' | 'start-first';
  readonly dependsOn: readonly string[];
  readonly networkMode?: 'host' | 'none';
  readonly pidMode?: 'host';
  /** host_path[:container_path[:permissions]] */
  readonly devices: readonly string[];
  /** Names of top-level secrets, mounted at /run/secrets/<name>. */
  readonly secrets: readonly string[];
  /** Hot-reload rules for `watch`; not part of the container, so not part of its hash. */
  readonly develop: readonly DevelopWatch[];
}

export interface DevelopWatch {
  /** Absolute path to watch. */
  readonly path: string;
  readonly action: 'restart' | 'rebuild';
  /** Glob patterns relative to path. */
  readonly ignore: readonly string[];
}

export interface NetworkSpec {
  readonly name: string;
  readonly driver: string;
  readonly internal: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface VolumeSpec {
  readonly name: string;
  readonly driver: string;
  readonly labels: Readonly<Record<string, string>>;
}

export const DEFAULT_NETWORK = 'default';

export interface LoggingSpec {
  readonly driver: string;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * The default retention: a stdio server's stdout is the protocol itself (requests, results, what
 * tools returned), so the engine keeps at most 1 MiB of it; an http server's output is its log.
 */
export const DEFAULT_LOGGING = {
  stdio: { driver: 'json-file', options: { 'max-file': '1', 'max-size': '1m' } },
  http: { driver: 'json-file', options: { 'max-file': '3', 'max-size': '10m' } },
} as const satisfies Record<string, LoggingSpec>;

/** Where the Swarm scheduler may put a server's tasks. */
export interface Placement {
  readonly constraints: readonly string[];
  /** Node label names to spread tasks over. */
  readonly spread: readonly string[];
}
