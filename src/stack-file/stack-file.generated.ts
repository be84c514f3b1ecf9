/* Generated from schemas/mcp-stack.schema.json by `npm run gen:schema`. Do not edit. */

export type Scalar = string | number | boolean;
/**
 * host:container[:ro|rw] bind mounts (host starts with /, ./, ../ or ~) and name:container[:ro|rw] named volumes.
 */
export type StringList = string[];
/**
 * Project networks to join (declared under the top-level networks). Default: [default].
 */
export type StringList1 = string[];
/**
 * Capabilities granted back (all are dropped by default).
 */
export type StringList2 = string[];
/**
 * Capabilities dropped. Default: [ALL].
 */
export type StringList3 = string[];
/**
 * Host devices, host_path[:container_path[:rwm]] (needs allow: devices).
 */
export type StringList4 = string[];
/**
 * Top-level secrets this server gets at /run/secrets/<name>.
 */
export type StringList5 = string[];
/**
 * One MCP server: exactly one source (image, npx, uvx, build, or url for a remote server) plus settings.
 */
export type Server = {
  [k: string]: unknown;
} & {
  /**
   * Image reference to run, e.g. mcp/memory:1.2.0.
   */
  image?: string;
  /**
   * npm package spec run with Node's npx, e.g. @modelcontextprotocol/server-filesystem@2026.8.31.
   */
  npx?: string;
  /**
   * PyPI package spec run with uvx, e.g. mcp-server-fetch==2025.4.7.
   */
  uvx?: string;
  /**
   * Build the image from a context directory (a path, or a mapping with context, dockerfile, args, target).
   */
  build?:
    | string
    | {
        context: string;
        dockerfile?: string;
        args?: {
          [k: string]: Scalar;
        };
        target?: string;
        /**
         * Image tag to build. Default: <project>-<server>:latest.
         */
        tag?: string;
      };
  /**
   * A remote MCP server's endpoint, e.g. https://mcp.example.com/mcp: no container; the gateway, test, lock and apply's check reach it there. https only (plain http only to a loopback address, with allow: [private_urls]); an address in a loopback, private, link-local or metadata range, by literal or after DNS, needs allow: [private_urls]. Its transport is Streamable HTTP, or transport: sse for a legacy HTTP+SSE server.
   */
  url?: string;
  /**
   * url: servers only. HTTP headers sent with every request to the remote server; each value must come from a variable ("Bearer ${LINEAR_TOKEN}"): a header may carry a credential, which never stands in the file.
   */
  headers?: {
    [k: string]: string;
  };
  /**
   * url: servers only. OAuth 2.1 to the remote server, as the MCP authorization specification says: discovery from its 401 (protected resource metadata, then the authorization server's metadata), PKCE, the resource parameter, issuer checks, refresh and step-up. Without this key a server that asks for OAuth is still logged in to with `auth login` (the client then a Client ID Metadata Document where client_metadata_url is given, else registered dynamically). Tokens live in the user's token store, never in this file.
   */
  auth?: {
    /**
     * authorization_code (default): a user logs in once with `mcp-orchestrator auth login SERVER`; client_credentials: machine to machine, with client_id and client_secret (or private_key_file).
     */
    grant?: 'authorization_code' | 'client_credentials';
    /**
     * The authorization server a pre-registered client belongs to (its issuer URL): its credentials are sent to no other, whatever the server's metadata names. Recommended with client_secret and private_key_file.
     */
    issuer?: string;
    /**
     * A client registered with the authorization server beforehand.
     */
    client_id?: string;
    /**
     * Its secret: from a variable only ("${LINEAR_CLIENT_SECRET}"), never written here.
     */
    client_secret?: string;
    /**
     * Instead of a secret: a PEM private key (relative to this file) the client signs its token requests with (private_key_jwt, RFC 7523).
     */
    private_key_file?: string;
    /**
     * private_key_file's algorithm. Default RS256.
     */
    signing_algorithm?:
      'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';
    /**
     * The https URL where this client's metadata document is published: its client ID at authorization servers that support Client ID Metadata Documents.
     */
    client_metadata_url?: string;
    /**
     * Scopes to ask for; by default those the server's challenge or metadata names.
     *
     * @maxItems 64
     */
    scopes?: string[];
  };
  depends_on?: StringList6;
  /**
   * Hot reload under `watch`: a change under a path restarts the server (source bind-mounted) or rebuilds its build: image and recreates it.
   */
  develop?: {
    watch?: DevelopWatch[];
  };
  /**
   * This interface was referenced by `undefined`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
};
/**
 * Servers that must be created before this one.
 */
export type StringList6 = string[];
export type Network = {
  /**
   * Network driver. Default: bridge, or overlay with backend: swarm.
   */
  driver?: string;
  /**
   * No route to the outside world.
   */
  internal?: boolean;
  labels?: {
    [k: string]: Scalar;
  };
} | null;
export type Volume = {
  driver?: string;
  labels?: {
    [k: string]: Scalar;
  };
} | null;
/**
 * Host names clients may use in the Host header besides the listen address (DNS-rebinding protection).
 */
export type StringList7 = string[];
export type StringList8 = string[];

/**
 * mcp-stack.yml: the MCP servers a project runs in Docker containers. Keys starting with x- are free for the user (YAML anchors for reuse).
 */
export interface StackFile {
  /**
   * Format version of this file.
   */
  version: 1;
  /**
   * Project name: prefix of every container name and value of the io.mcp-orchestrator.project label. Default: the stack file's directory name, sanitised.
   */
  project?: string;
  /**
   * Where the servers run. containers (the default): plain containers on one engine. swarm: a Docker Swarm: each server becomes a service, networks become attachable overlay networks, secrets become Swarm secrets; the engine (DOCKER_HOST) must be a swarm manager. `--backend` on the command line overrides it.
   */
  backend?: 'containers' | 'swarm';
  /**
   * Where a cluster pulls the images the orchestrator builds (build:, npx:, uvx:), as host[:port][/path]. backend: swarm pushes them there and refers to them by digest, so every node runs the same bits; render kubernetes names them there; plain containers keep them local and ignore it. Credentials come from the engine's own login, never from this file.
   */
  registry?: string;
  /**
   * Host-level powers the servers of this file may have. Without an entry here, validate and apply refuse a server that asks for one, so reviewers see it in a diff. stack_dir: a server may mount, read-only, a directory that holds this file, its .env, env files, lockfile or proposals (never writable: a server that could write them could widen what it may do). The control tools never change this list. private_urls: a url: server (and what it leads to: redirects, OAuth metadata) may be at a loopback, private, link-local or metadata address, and on loopback over plain http.
   */
  allow?: (
    | 'privileged'
    | 'docker_socket'
    | 'host_network'
    | 'host_pid'
    | 'host_paths'
    | 'cap_add'
    | 'devices'
    | 'stack_dir'
    | 'private_urls'
  )[];
  defaults?: ServerSettings;
  /**
   * The MCP servers, by name.
   */
  servers: {
    [k: string]: Server;
  };
  /**
   * Networks the project owns, created as <project>-<name>. Servers that list no networks join the project's default network.
   */
  networks?: {
    [k: string]: Network;
  };
  /**
   * Named volumes the project owns, created as <project>-<name>.
   */
  volumes?: {
    [k: string]: Volume;
  };
  /**
   * Secret files, mounted read-only at /run/secrets/<name> into the servers that list them; their contents are part of the config hash, never of labels or output.
   */
  secrets?: {
    [k: string]: {
      /**
       * The secret's file, relative to the stack file.
       */
      file: string;
    };
  };
  /**
   * Images that npx: and uvx: servers are built on. Point them at your own images behind a proxy or without a registry.
   */
  runtimes?: {
    node?: Runtime;
    python?: Runtime1;
  };
  /**
   * Extra CA certificates, for a TLS-intercepting proxy: built into npx:/uvx: images and mounted into image: servers.
   */
  tls?: {
    /**
     * PEM file of CA certificates, relative to the stack file.
     */
    ca_file?: string;
  };
  /**
   * The gateway `serve` runs: every server behind one MCP endpoint.
   */
  gateway?: {
    /**
     * host:port to listen on. Default: 127.0.0.1:8808. A non-loopback address needs a bearer token (token_env, or a file the orchestrator creates).
     */
    listen?: string;
    /**
     * Between server and tool name on /mcp (<server><separator><tool>). Default: __.
     */
    separator?: string;
    /**
     * Environment variable that holds the bearer token clients must send.
     */
    token_env?: string;
    /**
     * Who is calling: the gateway as an OAuth protected resource (MCP authorization, 2025-06-18 and 2026-07-28). Clients bring an access token from the issuer; the gateway validates it (JWT: signature by the issuer's JWKS, iss, aud, exp, nbf; opaque: introspection), answers 401 with its protected resource metadata (RFC 9728) so MCP clients find the authorization server themselves, and 403 insufficient_scope. Replaces token_env: one static token is for one user on one machine.
     */
    auth?: {
      /**
       * The authorization server's issuer URL; its metadata by OpenID discovery or RFC 8414. Held to the outbound rules (a private address needs allow: [private_urls]).
       */
      issuer: string;
      /**
       * The gateway's canonical URL as clients reach it, its /mcp (https://mcp.team.example/mcp): the audience tokens must carry and the resource its metadata names. /servers/<s>/mcp takes a token for that URL, or for this one.
       */
      audience: string;
      /**
       * Signature algorithms accepted. Default: RS256, PS256, ES256, EdDSA. none and HMAC are never accepted.
       *
       * @minItems 1
       */
      algorithms?: [
        'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA',
        ...('RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA')[]
      ];
      /**
       * Scopes every token must carry; a token without them is answered 403 insufficient_scope.
       */
      scopes?: string[];
      /**
       * How far exp and nbf may be off, e.g. 30s. Default 60s.
       */
      clock_skew?: string;
      /**
       * For an issuer that gives opaque tokens: the gateway's client at its introspection endpoint (RFC 7662), the secret from a variable.
       */
      introspection?: {
        client_id: string;
        client_secret: string;
      };
    };
    /**
     * Who may use what, with gateway.auth: each rule allows what it names to the callers its when matches. Once any rule exists everything else is denied, and what a caller may not use is not listed to them either. Test a decision offline: mcp-orchestrator authz check --as '{claims}' server__tool.
     *
     * @maxItems 256
     */
    rules?: {
      /**
       * Said in every decision it makes (authz check, the audit trail).
       */
      name: string;
      /**
       * Which callers, by their token's claims: every key given must match, and within a key any value (globs). Without when: every caller the gateway takes.
       */
      when?: {
        /**
         * The token's sub.
         *
         * @minItems 1
         * @maxItems 256
         */
        subject?: [string, ...string[]];
        /**
         * Any of the token's groups claim.
         *
         * @minItems 1
         * @maxItems 256
         */
        groups?: [string, ...string[]];
        /**
         * Any of the token's roles claim.
         *
         * @minItems 1
         * @maxItems 256
         */
        roles?: [string, ...string[]];
        /**
         * The client the token was issued to (client_id or azp).
         *
         * @minItems 1
         * @maxItems 256
         */
        client_id?: [string, ...string[]];
        /**
         * Any of the token's scopes.
         *
         * @minItems 1
         * @maxItems 256
         */
        scopes?: [string, ...string[]];
      };
      /**
       * What it allows: whole servers, or tools and prompts by their gateway names (<server>__<name>, globs), resources by URI (globs).
       */
      allow: {
        /**
         * Every tool, prompt and resource of these servers.
         *
         * @minItems 1
         * @maxItems 256
         */
        servers?: [string, ...string[]];
        /**
         * <server>__<tool> names (globs).
         *
         * @minItems 1
         * @maxItems 256
         */
        tools?: [string, ...string[]];
        /**
         * <server>__<prompt> names (globs).
         *
         * @minItems 1
         * @maxItems 256
         */
        prompts?: [string, ...string[]];
        /**
         * Resource URIs (globs).
         *
         * @minItems 1
         * @maxItems 256
         */
        resources?: [string, ...string[]];
      };
    }[];
    /**
     * The audit trail: one JSON line per request and decision (time, subject, client, session, server, method, tool/prompt/resource name, decision and rule, outcome, latency, upstream state); never arguments, results, tokens or message contents. stdout, or a file (relative to this file) rotated by size.
     */
    audit?:
      | 'stdout'
      | {
          /**
           * The audit file, relative to this file; rotated when it reaches max_size, max_files kept.
           */
          file: string;
          /**
           * e.g. 10m (default).
           */
          max_size?: string | number;
          /**
           * Rotated files kept (default 5).
           */
          max_files?: number;
        };
    /**
     * /metrics in the Prometheus text format on the gateway's listener, behind the same authentication as /mcp: requests by server, method, tool and outcome, their latency, sessions by era, each server's state, the process's own. Default false.
     */
    metrics?: boolean;
    /**
     * OpenTelemetry traces over OTLP/HTTP (off without this key): a span per MCP request (the MCP semantic conventions: method, tool or prompt, session, the rules' decision, outcome) and one per request it forwards, whose context goes to the server in _meta (traceparent, tracestate) and, to an http server, in the traceparent header. A client's trace context (in _meta, else the traceparent header) is the parent. Never arguments, results or tokens.
     */
    traces?: {
      /**
       * The collector's OTLP/HTTP traces URL, e.g. http://otel-collector:4318/v1/traces.
       */
      endpoint: string;
      /**
       * Headers sent to the collector (its credentials): each value from a variable.
       */
      headers?: {
        [k: string]: string;
      };
      /**
       * service.name of the spans. Default: mcp-orchestrator-gateway.
       */
      service_name?: string;
      /**
       * The share of traces started here that are recorded (0 to 1; default 1). A client's sampled flag is followed.
       */
      sample_ratio?: number;
    };
    /**
     * The orchestrator's own MCP tools on /mcp, as mcp-orchestrator__<tool>: list servers, logs, the plan, restart; add, change or remove a server by editing this file (every check and the allow: policy apply). propose (or true): a change is written beside the file as a reviewable diff; apply: the file is edited and serve converges to it. Default: false (no control tools).
     */
    control?: false | true | 'propose' | 'apply';
    allowed_hosts?: StringList7;
    /**
     * A 2025-era client session with no request for this long is ended (the client opens a new one when it comes back): seconds, or a duration like 30m, 2h. Default: 30m.
     */
    session_idle?: string | number;
    /**
     * Per server: whether the gateway serves it, and which of its tools.
     */
    servers?: {
      [k: string]: {
        /**
         * Serve this server through the gateway. Default: true.
         */
        expose?: boolean;
        /**
         * shared (default): one upstream session serves every client; requests, progress and the server's own requests are routed per client. per_client: a session of the server for each 2025-era client session, for servers that keep per-client state or need each client's roots: a stdio server gets a container of its own per client session (<project>-<server>.session-<n>, made from the server's exact definition when the client first needs it, removed when the session ends or idles out); an http or remote server an upstream session of its own. The shared container still runs: it gives the server's lists. per_user (with gateway.auth): one such session per authenticated caller (token subject), used by all of their sessions and clients in both eras, kept until they have made no request for session_idle, so their state survives a reconnect.
         */
        sessions?: 'shared' | 'per_client' | 'per_user';
        /**
         * sessions: per_client or per_user, stdio servers: this many containers started ahead of their clients, so a new session's first call does not wait for one to start (the pool is filled again as clients take them; within max_sessions). Default 0.
         */
        warm?: number;
        /**
         * sessions: per_client or per_user only. At most this many sessions of the server at once (of clients, or of users); the next is told so. Default 10.
         */
        max_sessions?: number;
        /**
         * Tools the gateway offers: allow (when given), then deny, by the server's own names.
         */
        tools?: {
          allow?: StringList8;
          deny?: StringList8;
        };
      };
    };
    /**
     * backend: swarm only. The gateway as a Swarm service of the stack: the `gateway` command in front of the servers' tasks on their overlays (it needs no engine access), published on each node it runs on, rescheduled by Swarm like any server; with replicas: 2 or more, clients keep a gateway when a node is lost. Its ps/logs name is mcp-orchestrator-gateway. The control tools are not in it (they need the engine: serve has them).
     */
    service?: {
      /**
       * The orchestrator's image, in a registry every node pulls from (built from this repository's Dockerfile), e.g. registry.internal:5000/mcp-orchestrator:0.1.0.
       */
      image: string;
      /**
       * The secret (of secrets:) whose content clients send as their bearer token. A changed file rotates it (the gateway's tasks are replaced). Required unless gateway.auth says who is calling (then clients bring the issuer's tokens, and gateway.auth, rules, audit, metrics and traces go to the service's gateway as a Swarm secret).
       */
      token_secret?: string;
      /**
       * Published on every node a gateway task runs on (host mode: no routing mesh needed). Default: gateway.listen's port.
       */
      port?: number;
      /**
       * How many gateways run, at most one per node. Default 1; 2 or more to keep serving when a node is lost.
       */
      replicas?: number;
      placement?: Placement;
    };
  };
  /**
   * This interface was referenced by `StackFile`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * Settings applied to every server; a server's own value wins (maps are merged key by key).
 */
export interface ServerSettings {
  /**
   * Replaces the image's command (CMD).
   */
  command?: string | string[];
  /**
   * Replaces the image's entrypoint.
   */
  entrypoint?: string | string[];
  /**
   * Arguments appended after the command (for npx/uvx servers: after the package).
   */
  args?: Scalar[];
  /**
   * Environment variables. A null value takes the variable from the orchestrator's environment, and leaves it out when unset.
   */
  env?: {
    [k: string]: string | number | boolean | null;
  };
  /**
   * Files of KEY=VALUE lines, read by Compose's env file rules, relative to the stack file; env wins over them.
   */
  env_file?: string | string[];
  volumes?: StringList;
  networks?: StringList1;
  /**
   * Published ports: [host_ip:]host:container[/tcp|udp], or a container port alone.
   */
  ports?: (string | number)[];
  /**
   * How clients speak MCP to the server: stdio (default: on its stdin and stdout, which the stdio host in front of it keeps open and serves by exec, never as the container's output) or http (streamable HTTP on port and path). A url: server speaks Streamable HTTP (http, the default) or sse (the legacy HTTP+SSE transport).
   */
  transport?:
    | string
    | {
        type: 'stdio' | 'http';
        port?: number;
        path?: string;
      };
  /**
   * Docker restart policy. Default: unless-stopped.
   */
  restart?: 'no' | 'on-failure' | 'always' | 'unless-stopped';
  /**
   * user[:group] to run as, by name or id.
   */
  user?: string;
  working_dir?: string;
  /**
   * Extra container labels. The io.mcp-orchestrator. prefix is reserved.
   */
  labels?: {
    [k: string]: Scalar;
  };
  resources?: {
    /**
     * Memory limit: bytes, or a number with a unit (512m, 1g).
     */
    memory?: string | number;
    /**
     * CPU limit in cores, e.g. 0.5.
     */
    cpus?: number;
    /**
     * Maximum number of processes.
     */
    pids?: number;
    /**
     * What the Swarm scheduler sets aside for each task on its node (backend: swarm only): a node without this much free is not chosen.
     */
    reservations?: {
      /**
       * Memory reserved: bytes, or a number with a unit (256m).
       */
      memory?: string | number;
      /**
       * CPU reserved, in cores.
       */
      cpus?: number;
    };
  };
  /**
   * How many tasks of the server run (backend: swarm only). An http server may run several behind the service's address; a stdio server runs one (its clients share one process). Default 1.
   */
  replicas?: number;
  placement?: Placement;
  /**
   * Read-only root filesystem.
   */
  read_only?: boolean;
  /**
   * What the engine keeps of the server's output (`logs` reads it): a stdio server's stderr (its stdout, the MCP traffic, never reaches the engine's log: the server runs behind the stdio host), an http server's output. Default: json-file, 1m in one file for stdio servers, 10m in three for http servers. driver: none keeps nothing (and `logs` has nothing to show).
   */
  logging?: {
    /**
     * Docker logging driver, e.g. json-file, local, none.
     */
    driver?: string;
    /**
     * Driver options, e.g. max-size: 1m, max-file: "1".
     */
    options?: {
      [k: string]: string;
    };
  };
  /**
   * Run an init process as PID 1 (reaps zombies, forwards signals). Default: true.
   */
  init?: boolean;
  /**
   * Full host privileges. Default: false.
   */
  privileged?: boolean;
  /**
   * Forbid gaining privileges through setuid binaries. Default: true.
   */
  no_new_privileges?: boolean;
  cap_add?: StringList2;
  cap_drop?: StringList3;
  /**
   * When a new container counts as ready; a recreate waits for it before the old container goes, and rolls back when it is not ready in time. mcp (the default): it answers initialize and tools/list; running: it runs and keeps running for 2 s (for containers that are not MCP servers, such as a database). A mapping also sets how long to wait: { check: mcp, timeout: 60s } (default 60s).
   */
  ready?:
    | string
    | {
        check?: 'mcp' | 'running';
        /**
         * seconds, or a duration like 90s, 2m
         */
        timeout?: string | number;
      };
  /**
   * How a recreate replaces the container. stop-first (the default): the old container stops, then the replacement starts and must get ready (one instance at a time, safe with volumes; down for stop + ready). start-first: the replacement starts and gets ready while the old one still serves, then the old one goes (no downtime; two instances at once, so not with published ports).
   */
  rollout?: 'stop-first' | 'start-first';
  /**
   * Time to wait after SIGTERM before SIGKILL: seconds, or a duration like 10s, 1m30s.
   */
  stop_timeout?: string | number;
  /**
   * host: the host's network stack (needs allow: host_network); none: no network.
   */
  network_mode?: 'host' | 'none';
  /**
   * host: the host's process namespace (needs allow: host_pid).
   */
  pid?: 'host';
  devices?: StringList4;
  secrets?: StringList5;
  /**
   * This interface was referenced by `ServerSettings`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * Where the Swarm scheduler may put the tasks (backend: swarm only): a server's, or the gateway service's.
 */
export interface Placement {
  /**
   * Swarm placement constraints, e.g. node.role == worker, node.labels.zone == eu.
   */
  constraints?: string[];
  /**
   * Spread tasks evenly over the values of a node label, e.g. node.labels.zone.
   */
  preferences?: {
    spread: string;
  }[];
}
export interface DevelopWatch {
  /**
   * File or directory to watch, relative to the stack file.
   */
  path: string;
  /**
   * restart: restart the container; rebuild: rebuild the build: image and recreate.
   */
  action: 'restart' | 'rebuild';
  /**
   * Glob patterns, relative to path, whose changes are ignored (e.g. node_modules/**, *.log).
   */
  ignore?: string[];
}
/**
 * Runtime of npx: servers; needs node and npm. Default: node:24-slim.
 */
export interface Runtime {
  /**
   * The image package images are built on.
   */
  image: string;
  /**
   * Where the installer fetches packages: an npm registry URL for node (npm_config_registry), a Python package index URL for python (UV_INDEX_URL). An http(s) URL without credentials (give those in the runtime image's own npm or uv configuration). Default: the installer's own.
   */
  registry?: string;
}
/**
 * Runtime of uvx: servers; needs uv. Default: ghcr.io/astral-sh/uv:python3.12-bookworm-slim.
 */
export interface Runtime1 {
  /**
   * The image package images are built on.
   */
  image: string;
  /**
   * Where the installer fetches packages: an npm registry URL for node (npm_config_registry), a Python package index URL for python (UV_INDEX_URL). An http(s) URL without credentials (give those in the runtime image's own npm or uv configuration). Default: the installer's own.
   */
  registry?: string;
}
