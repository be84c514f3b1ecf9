/* Generated from schemas/mcp-stack.schema.json by `npm run gen:schema`. Do not edit. */
// @ts-nocheck
"use strict";
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://mcp-orchestrator.dev/schemas/mcp-stack.schema.json","title":"StackFile","description":"mcp-stack.yml: the MCP servers a project runs in Docker containers. Keys starting with x- are free for the user (YAML anchors for reuse).","type":"object","required":["version","servers"],"properties":{"version":{"description":"Format version of this file.","const":1},"project":{"description":"Project name: prefix of every container name and value of the io.mcp-orchestrator.project label. Default: the stack file's directory name, sanitised.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63},"backend":{"description":"Where the servers run. containers (the default): plain containers on one engine. swarm: a Docker Swarm: each server becomes a service, networks become attachable overlay networks, secrets become Swarm secrets; the engine (DOCKER_HOST) must be a swarm manager. `--backend` on the command line overrides it.","enum":["containers","swarm"]},"registry":{"description":"Where a cluster pulls the images the orchestrator builds (build:, npx:, uvx:), as host[:port][/path]. backend: swarm pushes them there and refers to them by digest, so every node runs the same bits; render kubernetes names them there; plain containers keep them local and ignore it. Credentials come from the engine's own login, never from this file.","type":"string","pattern":"^[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$","maxLength":200},"allow":{"description":"Host-level powers the servers of this file may have. Without an entry here, validate and apply refuse a server that asks for one, so reviewers see it in a diff. stack_dir: a server may mount, read-only, a directory that holds this file, its .env, env files, lockfile or proposals (never writable: a server that could write them could widen what it may do). The control tools never change this list. private_urls: a url: server (and what it leads to: redirects, OAuth metadata) may be at a loopback, private, link-local or metadata address, and on loopback over plain http.","type":"array","items":{"enum":["privileged","docker_socket","host_network","host_pid","host_paths","cap_add","devices","stack_dir","private_urls"]},"uniqueItems":true},"defaults":{"description":"Settings applied to every server; a server's own value wins (maps are merged key by key).","type":"object","$ref":"#/$defs/serverSettings","patternProperties":{"^x-":{}},"unevaluatedProperties":false},"servers":{"description":"The MCP servers, by name.","type":"object","propertyNames":{"$ref":"#/$defs/objectName"},"additionalProperties":{"$ref":"#/$defs/server"}},"networks":{"description":"Networks the project owns, created as <project>-<name>. Servers that list no networks join the project's default network.","type":"object","propertyNames":{"$ref":"#/$defs/objectName"},"additionalProperties":{"$ref":"#/$defs/network"}},"volumes":{"description":"Named volumes the project owns, created as <project>-<name>.","type":"object","propertyNames":{"$ref":"#/$defs/objectName"},"additionalProperties":{"$ref":"#/$defs/volume"}},"secrets":{"description":"Secret files, mounted read-only at /run/secrets/<name> into the servers that list them; their contents are part of the config hash, never of labels or output.","type":"object","propertyNames":{"$ref":"#/$defs/objectName"},"additionalProperties":{"type":"object","properties":{"file":{"description":"The secret's file, relative to the stack file.","type":"string","minLength":1}},"required":["file"],"additionalProperties":false}},"runtimes":{"description":"Images that npx: and uvx: servers are built on. Point them at your own images behind a proxy or without a registry.","type":"object","properties":{"node":{"description":"Runtime of npx: servers; needs node and npm. Default: node:24-slim.","$ref":"#/$defs/runtime"},"python":{"description":"Runtime of uvx: servers; needs uv. Default: ghcr.io/astral-sh/uv:python3.12-bookworm-slim.","$ref":"#/$defs/runtime"}},"additionalProperties":false},"tls":{"description":"Extra CA certificates, for a TLS-intercepting proxy: built into npx:/uvx: images and mounted into image: servers.","type":"object","properties":{"ca_file":{"description":"PEM file of CA certificates, relative to the stack file.","type":"string","minLength":1}},"additionalProperties":false},"gateway":{"description":"The gateway `serve` runs: every server behind one MCP endpoint.","type":"object","properties":{"listen":{"description":"host:port to listen on. Default: 127.0.0.1:8808. A non-loopback address needs a bearer token (token_env, or a file the orchestrator creates).","type":"string","pattern":"^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$"},"separator":{"description":"Between server and tool name on /mcp (<server><separator><tool>). Default: __.","type":"string","pattern":"^[^A-Za-z0-9\\s]{1,3}$"},"token_env":{"description":"Environment variable that holds the bearer token clients must send.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"},"auth":{"description":"Who is calling: the gateway as an OAuth protected resource (MCP authorization, 2025-06-18 and 2026-07-28). Clients bring an access token from the issuer; the gateway validates it (JWT: signature by the issuer's JWKS, iss, aud, exp, nbf; opaque: introspection), answers 401 with its protected resource metadata (RFC 9728) so MCP clients find the authorization server themselves, and 403 insufficient_scope. Replaces token_env: one static token is for one user on one machine.","type":"object","properties":{"issuer":{"description":"The authorization server's issuer URL; its metadata by OpenID discovery or RFC 8414. Held to the outbound rules (a private address needs allow: [private_urls]).","type":"string","pattern":"^https?://[^\\s]+$"},"audience":{"description":"The gateway's canonical URL as clients reach it, its /mcp (https://mcp.team.example/mcp): the audience tokens must carry and the resource its metadata names. /servers/<s>/mcp takes a token for that URL, or for this one.","type":"string","pattern":"^https?://[^\\s]+/mcp$"},"algorithms":{"description":"Signature algorithms accepted. Default: RS256, PS256, ES256, EdDSA. none and HMAC are never accepted.","type":"array","items":{"enum":["RS256","RS384","RS512","PS256","PS384","PS512","ES256","ES384","ES512","EdDSA"]},"minItems":1,"uniqueItems":true},"scopes":{"description":"Scopes every token must carry; a token without them is answered 403 insufficient_scope.","type":"array","items":{"type":"string","pattern":"^[!#-\\[\\]-~]+$"},"uniqueItems":true},"clock_skew":{"description":"How far exp and nbf may be off, e.g. 30s. Default 60s.","type":"string","pattern":"^[0-9]+(ms|s|m)?$"},"introspection":{"description":"For an issuer that gives opaque tokens: the gateway's client at its introspection endpoint (RFC 7662), the secret from a variable.","type":"object","properties":{"client_id":{"type":"string","minLength":1},"client_secret":{"type":"string","minLength":1}},"required":["client_id","client_secret"],"additionalProperties":false}},"required":["issuer","audience"],"additionalProperties":false},"rules":{"description":"Who may use what, with gateway.auth: each rule allows what it names to the callers its when matches. Once any rule exists everything else is denied, and what a caller may not use is not listed to them either. Test a decision offline: mcp-orchestrator authz check --as '{claims}' server__tool.","type":"array","maxItems":256,"items":{"type":"object","properties":{"name":{"description":"Said in every decision it makes (authz check, the audit trail).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","maxLength":64},"when":{"description":"Which callers, by their token's claims: every key given must match, and within a key any value (globs). Without when: every caller the gateway takes.","type":"object","properties":{"subject":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"The token's sub."},"groups":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"Any of the token's groups claim."},"roles":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"Any of the token's roles claim."},"client_id":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"The client the token was issued to (client_id or azp)."},"scopes":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"Any of the token's scopes."}},"additionalProperties":false},"allow":{"description":"What it allows: whole servers, or tools and prompts by their gateway names (<server>__<name>, globs), resources by URI (globs).","type":"object","properties":{"servers":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"Every tool, prompt and resource of these servers."},"tools":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"<server>__<tool> names (globs)."},"prompts":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"<server>__<prompt> names (globs)."},"resources":{"type":"array","items":{"type":"string","minLength":1,"maxLength":256},"minItems":1,"maxItems":256,"description":"Resource URIs (globs)."}},"additionalProperties":false,"minProperties":1}},"required":["name","allow"],"additionalProperties":false}},"audit":{"description":"The audit trail: one JSON line per request and decision (time, subject, client, session, server, method, tool/prompt/resource name, decision and rule, outcome, latency, upstream state); never arguments, results, tokens or message contents. stdout, or a file (relative to this file) rotated by size.","oneOf":[{"const":"stdout"},{"type":"object","properties":{"file":{"description":"The audit file, relative to this file; rotated when it reaches max_size, max_files kept.","type":"string","minLength":1},"max_size":{"description":"e.g. 10m (default).","type":["string","integer"]},"max_files":{"description":"Rotated files kept (default 5).","type":"integer","minimum":1,"maximum":1000}},"required":["file"],"additionalProperties":false}]},"metrics":{"description":"/metrics in the Prometheus text format on the gateway's listener, behind the same authentication as /mcp: requests by server, method, tool and outcome, their latency, sessions by era, each server's state, the process's own. Default false.","type":"boolean"},"traces":{"description":"OpenTelemetry traces over OTLP/HTTP (off without this key): a span per MCP request (the MCP semantic conventions: method, tool or prompt, session, the rules' decision, outcome) and one per request it forwards, whose context goes to the server in _meta (traceparent, tracestate) and, to an http server, in the traceparent header. A client's trace context (in _meta, else the traceparent header) is the parent. Never arguments, results or tokens.","type":"object","properties":{"endpoint":{"description":"The collector's OTLP/HTTP traces URL, e.g. http://otel-collector:4318/v1/traces.","type":"string","pattern":"^https?://[^\\s]+$","maxLength":2048},"headers":{"description":"Headers sent to the collector (its credentials): each value from a variable.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string"}},"service_name":{"description":"service.name of the spans. Default: mcp-orchestrator-gateway.","type":"string","minLength":1,"maxLength":128},"sample_ratio":{"description":"The share of traces started here that are recorded (0 to 1; default 1). A client's sampled flag is followed.","type":"number","minimum":0,"maximum":1}},"required":["endpoint"],"additionalProperties":false},"control":{"description":"The orchestrator's own MCP tools on /mcp, as mcp-orchestrator__<tool>: list servers, logs, the plan, restart; add, change or remove a server by editing this file (every check and the allow: policy apply). propose (or true): a change is written beside the file as a reviewable diff; apply: the file is edited and serve converges to it. Default: false (no control tools).","enum":[false,true,"propose","apply"]},"allowed_hosts":{"description":"Host names clients may use in the Host header besides the listen address (DNS-rebinding protection).","$ref":"#/$defs/stringList"},"session_idle":{"description":"A 2025-era client session with no request for this long is ended (the client opens a new one when it comes back): seconds, or a duration like 30m, 2h. Default: 30m.","type":["string","integer"],"minimum":1},"servers":{"description":"Per server: whether the gateway serves it, and which of its tools.","type":"object","propertyNames":{"$ref":"#/$defs/objectName"},"additionalProperties":{"type":"object","properties":{"expose":{"description":"Serve this server through the gateway. Default: true.","type":"boolean"},"sessions":{"description":"shared (default): one upstream session serves every client; requests, progress and the server's own requests are routed per client. per_client: a session of the server for each 2025-era client session, for servers that keep per-client state or need each client's roots: a stdio server gets a container of its own per client session (<project>-<server>.session-<n>, made from the server's exact definition when the client first needs it, removed when the session ends or idles out); an http or remote server an upstream session of its own. The shared container still runs: it gives the server's lists. per_user (with gateway.auth): one such session per authenticated caller (token subject), used by all of their sessions and clients in both eras, kept until they have made no request for session_idle, so their state survives a reconnect.","enum":["shared","per_client","per_user"]},"warm":{"description":"sessions: per_client or per_user, stdio servers: this many containers started ahead of their clients, so a new session's first call does not wait for one to start (the pool is filled again as clients take them; within max_sessions). Default 0.","type":"integer","minimum":0,"maximum":100},"max_sessions":{"description":"sessions: per_client or per_user only. At most this many sessions of the server at once (of clients, or of users); the next is told so. Default 10.","type":"integer","minimum":1,"maximum":1000},"tools":{"description":"Tools the gateway offers: allow (when given), then deny, by the server's own names.","type":"object","properties":{"allow":{"$ref":"#/$defs/stringList"},"deny":{"$ref":"#/$defs/stringList"}},"additionalProperties":false}},"additionalProperties":false}},"service":{"description":"backend: swarm only. The gateway as a Swarm service of the stack: the `gateway` command in front of the servers' tasks on their overlays (it needs no engine access), published on each node it runs on, rescheduled by Swarm like any server; with replicas: 2 or more, clients keep a gateway when a node is lost. Its ps/logs name is mcp-orchestrator-gateway. The control tools are not in it (they need the engine: serve has them).","type":"object","properties":{"image":{"description":"The orchestrator's image, in a registry every node pulls from (built from this repository's Dockerfile), e.g. registry.internal:5000/mcp-orchestrator:0.1.0.","type":"string","minLength":1},"token_secret":{"description":"The secret (of secrets:) whose content clients send as their bearer token. A changed file rotates it (the gateway's tasks are replaced). Required unless gateway.auth says who is calling (then clients bring the issuer's tokens, and gateway.auth, rules, audit, metrics and traces go to the service's gateway as a Swarm secret).","$ref":"#/$defs/objectName"},"port":{"description":"Published on every node a gateway task runs on (host mode: no routing mesh needed). Default: gateway.listen's port.","type":"integer","minimum":1,"maximum":65535},"replicas":{"description":"How many gateways run, at most one per node. Default 1; 2 or more to keep serving when a node is lost.","type":"integer","minimum":1,"maximum":100},"placement":{"$ref":"#/$defs/placement"}},"required":["image"],"additionalProperties":false}},"additionalProperties":false}},"patternProperties":{"^x-":{}},"additionalProperties":false,"$defs":{"objectName":{"type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63},"stringList":{"type":"array","items":{"type":"string"}},"scalar":{"type":["string","number","boolean"]},"server":{"title":"Server","description":"One MCP server: exactly one source (image, npx, uvx, build, or url for a remote server) plus settings.","type":"object","$ref":"#/$defs/serverSettings","properties":{"image":{"description":"Image reference to run, e.g. mcp/memory:1.2.0.","type":"string","minLength":1},"npx":{"description":"npm package spec run with Node's npx, e.g. @modelcontextprotocol/server-filesystem@2026.8.31.","type":"string","minLength":1},"uvx":{"description":"PyPI package spec run with uvx, e.g. mcp-server-fetch==2025.4.7.","type":"string","minLength":1},"build":{"description":"Build the image from a context directory (a path, or a mapping with context, dockerfile, args, target).","type":["string","object"],"minLength":1,"properties":{"context":{"type":"string","minLength":1},"dockerfile":{"type":"string","minLength":1},"args":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}},"target":{"type":"string","minLength":1},"tag":{"description":"Image tag to build. Default: <project>-<server>:latest.","type":"string","minLength":1}},"required":["context"],"additionalProperties":false},"url":{"description":"A remote MCP server's endpoint, e.g. https://mcp.example.com/mcp: no container; the gateway, test, lock and apply's check reach it there. https only (plain http only to a loopback address, with allow: [private_urls]); an address in a loopback, private, link-local or metadata range, by literal or after DNS, needs allow: [private_urls]. Its transport is Streamable HTTP, or transport: sse for a legacy HTTP+SSE server.","type":"string","minLength":1,"maxLength":2048},"headers":{"description":"url: servers only. HTTP headers sent with every request to the remote server; each value must come from a variable (\"Bearer ${LINEAR_TOKEN}\"): a header may carry a credential, which never stands in the file.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string"}},"auth":{"description":"url: servers only. OAuth 2.1 to the remote server, as the MCP authorization specification says: discovery from its 401 (protected resource metadata, then the authorization server's metadata), PKCE, the resource parameter, issuer checks, refresh and step-up. Without this key a server that asks for OAuth is still logged in to with `auth login` (the client then a Client ID Metadata Document where client_metadata_url is given, else registered dynamically). Tokens live in the user's token store, never in this file.","type":"object","properties":{"grant":{"description":"authorization_code (default): a user logs in once with `mcp-orchestrator auth login SERVER`; client_credentials: machine to machine, with client_id and client_secret (or private_key_file).","enum":["authorization_code","client_credentials"]},"issuer":{"description":"The authorization server a pre-registered client belongs to (its issuer URL): its credentials are sent to no other, whatever the server's metadata names. Recommended with client_secret and private_key_file.","type":"string","pattern":"^https?://[^\\s]+$"},"client_id":{"description":"A client registered with the authorization server beforehand.","type":"string","minLength":1,"maxLength":512},"client_secret":{"description":"Its secret: from a variable only (\"${LINEAR_CLIENT_SECRET}\"), never written here.","type":"string","minLength":1,"maxLength":4096},"private_key_file":{"description":"Instead of a secret: a PEM private key (relative to this file) the client signs its token requests with (private_key_jwt, RFC 7523).","type":"string","minLength":1},"signing_algorithm":{"description":"private_key_file's algorithm. Default RS256.","enum":["RS256","RS384","RS512","PS256","PS384","PS512","ES256","ES384","ES512","EdDSA"]},"client_metadata_url":{"description":"The https URL where this client's metadata document is published: its client ID at authorization servers that support Client ID Metadata Documents.","type":"string","pattern":"^https://[^/]+/.+"},"scopes":{"description":"Scopes to ask for; by default those the server's challenge or metadata names.","type":"array","items":{"type":"string","pattern":"^[!#-\\[\\]-~]+$"},"maxItems":64}},"additionalProperties":false},"depends_on":{"description":"Servers that must be created before this one.","$ref":"#/$defs/stringList"},"develop":{"description":"Hot reload under `watch`: a change under a path restarts the server (source bind-mounted) or rebuilds its build: image and recreates it.","type":"object","properties":{"watch":{"type":"array","items":{"$ref":"#/$defs/developWatch"}}},"additionalProperties":false}},"patternProperties":{"^x-":{}},"unevaluatedProperties":false,"oneOf":[{"required":["image"]},{"required":["npx"]},{"required":["uvx"]},{"required":["build"]},{"required":["url"]}]},"serverSettings":{"title":"ServerSettings","type":"object","properties":{"command":{"description":"Replaces the image's command (CMD).","type":["string","array"],"items":{"type":"string"}},"entrypoint":{"description":"Replaces the image's entrypoint.","type":["string","array"],"items":{"type":"string"}},"args":{"description":"Arguments appended after the command (for npx/uvx servers: after the package).","type":"array","items":{"$ref":"#/$defs/scalar"}},"env":{"description":"Environment variables. A null value takes the variable from the orchestrator's environment, and leaves it out when unset.","type":"object","propertyNames":{"pattern":"^[^=\\s]+$"},"additionalProperties":{"type":["string","number","boolean","null"]}},"env_file":{"description":"Files of KEY=VALUE lines, read by Compose's env file rules, relative to the stack file; env wins over them.","type":["string","array"],"minLength":1,"items":{"type":"string","minLength":1}},"volumes":{"description":"host:container[:ro|rw] bind mounts (host starts with /, ./, ../ or ~) and name:container[:ro|rw] named volumes.","$ref":"#/$defs/stringList"},"networks":{"description":"Project networks to join (declared under the top-level networks). Default: [default].","$ref":"#/$defs/stringList"},"ports":{"description":"Published ports: [host_ip:]host:container[/tcp|udp], or a container port alone.","type":"array","items":{"type":["string","integer"]}},"transport":{"description":"How clients speak MCP to the server: stdio (default: on its stdin and stdout, which the stdio host in front of it keeps open and serves by exec, never as the container's output) or http (streamable HTTP on port and path). A url: server speaks Streamable HTTP (http, the default) or sse (the legacy HTTP+SSE transport).","type":["string","object"],"properties":{"type":{"enum":["stdio","http"]},"port":{"type":"integer","minimum":1,"maximum":65535},"path":{"type":"string","pattern":"^/"}},"required":["type"],"additionalProperties":false,"if":{"type":"string"},"then":{"enum":["stdio","http","sse"]}},"restart":{"description":"Docker restart policy. Default: unless-stopped.","enum":["no","on-failure","always","unless-stopped"]},"user":{"description":"user[:group] to run as, by name or id.","type":"string","minLength":1},"working_dir":{"type":"string","pattern":"^/"},"labels":{"description":"Extra container labels. The io.mcp-orchestrator. prefix is reserved.","type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}},"resources":{"type":"object","properties":{"memory":{"description":"Memory limit: bytes, or a number with a unit (512m, 1g).","type":["string","integer"]},"cpus":{"description":"CPU limit in cores, e.g. 0.5.","type":"number","exclusiveMinimum":0},"pids":{"description":"Maximum number of processes.","type":"integer","minimum":1},"reservations":{"description":"What the Swarm scheduler sets aside for each task on its node (backend: swarm only): a node without this much free is not chosen.","type":"object","properties":{"memory":{"description":"Memory reserved: bytes, or a number with a unit (256m).","type":["string","integer"]},"cpus":{"description":"CPU reserved, in cores.","type":"number","exclusiveMinimum":0}},"additionalProperties":false}},"additionalProperties":false},"replicas":{"description":"How many tasks of the server run (backend: swarm only). An http server may run several behind the service's address; a stdio server runs one (its clients share one process). Default 1.","type":"integer","minimum":1,"maximum":100},"placement":{"$ref":"#/$defs/placement"},"read_only":{"description":"Read-only root filesystem.","type":"boolean"},"logging":{"description":"What the engine keeps of the server's output (`logs` reads it): a stdio server's stderr (its stdout, the MCP traffic, never reaches the engine's log: the server runs behind the stdio host), an http server's output. Default: json-file, 1m in one file for stdio servers, 10m in three for http servers. driver: none keeps nothing (and `logs` has nothing to show).","type":"object","properties":{"driver":{"description":"Docker logging driver, e.g. json-file, local, none.","type":"string","minLength":1},"options":{"description":"Driver options, e.g. max-size: 1m, max-file: \"1\".","type":"object","additionalProperties":{"type":"string"}}},"additionalProperties":false},"init":{"description":"Run an init process as PID 1 (reaps zombies, forwards signals). Default: true.","type":"boolean"},"privileged":{"description":"Full host privileges. Default: false.","type":"boolean"},"no_new_privileges":{"description":"Forbid gaining privileges through setuid binaries. Default: true.","type":"boolean"},"cap_add":{"description":"Capabilities granted back (all are dropped by default).","$ref":"#/$defs/stringList"},"cap_drop":{"description":"Capabilities dropped. Default: [ALL].","$ref":"#/$defs/stringList"},"ready":{"description":"When a new container counts as ready; a recreate waits for it before the old container goes, and rolls back when it is not ready in time. mcp (the default): it answers initialize and tools/list; running: it runs and keeps running for 2 s (for containers that are not MCP servers, such as a database). A mapping also sets how long to wait: { check: mcp, timeout: 60s } (default 60s).","type":["string","object"],"properties":{"check":{"enum":["mcp","running"]},"timeout":{"description":"seconds, or a duration like 90s, 2m","type":["string","integer"],"minimum":1}},"additionalProperties":false,"if":{"type":"string"},"then":{"enum":["mcp","running"]}},"rollout":{"description":"How a recreate replaces the container. stop-first (the default): the old container stops, then the replacement starts and must get ready (one instance at a time, safe with volumes; down for stop + ready). start-first: the replacement starts and gets ready while the old one still serves, then the old one goes (no downtime; two instances at once, so not with published ports).","enum":["stop-first","start-first"]},"stop_timeout":{"description":"Time to wait after SIGTERM before SIGKILL: seconds, or a duration like 10s, 1m30s.","type":["string","integer"],"minimum":0},"network_mode":{"description":"host: the host's network stack (needs allow: host_network); none: no network.","enum":["host","none"]},"pid":{"description":"host: the host's process namespace (needs allow: host_pid).","enum":["host"]},"devices":{"description":"Host devices, host_path[:container_path[:rwm]] (needs allow: devices).","$ref":"#/$defs/stringList"},"secrets":{"description":"Top-level secrets this server gets at /run/secrets/<name>.","$ref":"#/$defs/stringList"}}},"network":{"title":"Network","type":["object","null"],"properties":{"driver":{"type":"string","minLength":1,"description":"Network driver. Default: bridge, or overlay with backend: swarm."},"internal":{"description":"No route to the outside world.","type":"boolean"},"labels":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}}},"additionalProperties":false},"volume":{"title":"Volume","type":["object","null"],"properties":{"driver":{"type":"string","minLength":1},"labels":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}}},"additionalProperties":false},"developWatch":{"title":"DevelopWatch","type":"object","properties":{"path":{"description":"File or directory to watch, relative to the stack file.","type":"string","minLength":1},"action":{"description":"restart: restart the container; rebuild: rebuild the build: image and recreate.","enum":["restart","rebuild"]},"ignore":{"description":"Glob patterns, relative to path, whose changes are ignored (e.g. node_modules/**, *.log).","type":"array","items":{"type":"string","minLength":1}}},"required":["path","action"],"additionalProperties":false},"runtime":{"title":"Runtime","type":"object","properties":{"image":{"description":"The image package images are built on.","type":"string","minLength":1},"registry":{"description":"Where the installer fetches packages: an npm registry URL for node (npm_config_registry), a Python package index URL for python (UV_INDEX_URL). An http(s) URL without credentials (give those in the runtime image's own npm or uv configuration). Default: the installer's own.","type":"string","pattern":"^https?://","maxLength":2048}},"required":["image"],"additionalProperties":false},"placement":{"description":"Where the Swarm scheduler may put the tasks (backend: swarm only): a server's, or the gateway service's.","type":"object","properties":{"constraints":{"description":"Swarm placement constraints, e.g. node.role == worker, node.labels.zone == eu.","type":"array","items":{"type":"string","minLength":1,"pattern":"^[^=!]+(==|!=)[^=!]+$"}},"preferences":{"description":"Spread tasks evenly over the values of a node label, e.g. node.labels.zone.","type":"array","items":{"type":"object","properties":{"spread":{"type":"string","minLength":1}},"required":["spread"],"additionalProperties":false}}},"additionalProperties":false}}};
const schema42 = {"type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63};
const schema54 = {"title":"Runtime","type":"object","properties":{"image":{"description":"The image package images are built on.","type":"string","minLength":1},"registry":{"description":"Where the installer fetches packages: an npm registry URL for node (npm_config_registry), a Python package index URL for python (UV_INDEX_URL). An http(s) URL without credentials (give those in the runtime image's own npm or uv configuration). Default: the installer's own.","type":"string","pattern":"^https?://","maxLength":2048}},"required":["image"],"additionalProperties":false};
const schema34 = {"type":"array","items":{"type":"string"}};
const schema37 = {"description":"Where the Swarm scheduler may put the tasks (backend: swarm only): a server's, or the gateway service's.","type":"object","properties":{"constraints":{"description":"Swarm placement constraints, e.g. node.role == worker, node.labels.zone == eu.","type":"array","items":{"type":"string","minLength":1,"pattern":"^[^=!]+(==|!=)[^=!]+$"}},"preferences":{"description":"Spread tasks evenly over the values of a node label, e.g. node.labels.zone.","type":"array","items":{"type":"object","properties":{"spread":{"type":"string","minLength":1}},"required":["spread"],"additionalProperties":false}}},"additionalProperties":false};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern4 = new RegExp("^x-", "u");
const pattern5 = new RegExp("^[a-z0-9][a-z0-9_-]*$", "u");
const pattern6 = new RegExp("^[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$", "u");
const pattern21 = new RegExp("^https?://", "u");
const pattern23 = new RegExp("^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$", "u");
const pattern24 = new RegExp("^[^A-Za-z0-9\\s]{1,3}$", "u");
const pattern25 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern14 = new RegExp("^https?://[^\\s]+$", "u");
const pattern27 = new RegExp("^https?://[^\\s]+/mcp$", "u");
const pattern16 = new RegExp("^[!#-\\[\\]-~]+$", "u");
const pattern29 = new RegExp("^[0-9]+(ms|s|m)?$", "u");
const pattern30 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]*$", "u");
const pattern13 = new RegExp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "u");
const pattern10 = new RegExp("^[^=!]+(==|!=)[^=!]+$", "u");
const schema32 = {"title":"ServerSettings","type":"object","properties":{"command":{"description":"Replaces the image's command (CMD).","type":["string","array"],"items":{"type":"string"}},"entrypoint":{"description":"Replaces the image's entrypoint.","type":["string","array"],"items":{"type":"string"}},"args":{"description":"Arguments appended after the command (for npx/uvx servers: after the package).","type":"array","items":{"$ref":"#/$defs/scalar"}},"env":{"description":"Environment variables. A null value takes the variable from the orchestrator's environment, and leaves it out when unset.","type":"object","propertyNames":{"pattern":"^[^=\\s]+$"},"additionalProperties":{"type":["string","number","boolean","null"]}},"env_file":{"description":"Files of KEY=VALUE lines, read by Compose's env file rules, relative to the stack file; env wins over them.","type":["string","array"],"minLength":1,"items":{"type":"string","minLength":1}},"volumes":{"description":"host:container[:ro|rw] bind mounts (host starts with /, ./, ../ or ~) and name:container[:ro|rw] named volumes.","$ref":"#/$defs/stringList"},"networks":{"description":"Project networks to join (declared under the top-level networks). Default: [default].","$ref":"#/$defs/stringList"},"ports":{"description":"Published ports: [host_ip:]host:container[/tcp|udp], or a container port alone.","type":"array","items":{"type":["string","integer"]}},"transport":{"description":"How clients speak MCP to the server: stdio (default: on its stdin and stdout, which the stdio host in front of it keeps open and serves by exec, never as the container's output) or http (streamable HTTP on port and path). A url: server speaks Streamable HTTP (http, the default) or sse (the legacy HTTP+SSE transport).","type":["string","object"],"properties":{"type":{"enum":["stdio","http"]},"port":{"type":"integer","minimum":1,"maximum":65535},"path":{"type":"string","pattern":"^/"}},"required":["type"],"additionalProperties":false,"if":{"type":"string"},"then":{"enum":["stdio","http","sse"]}},"restart":{"description":"Docker restart policy. Default: unless-stopped.","enum":["no","on-failure","always","unless-stopped"]},"user":{"description":"user[:group] to run as, by name or id.","type":"string","minLength":1},"working_dir":{"type":"string","pattern":"^/"},"labels":{"description":"Extra container labels. The io.mcp-orchestrator. prefix is reserved.","type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}},"resources":{"type":"object","properties":{"memory":{"description":"Memory limit: bytes, or a number with a unit (512m, 1g).","type":["string","integer"]},"cpus":{"description":"CPU limit in cores, e.g. 0.5.","type":"number","exclusiveMinimum":0},"pids":{"description":"Maximum number of processes.","type":"integer","minimum":1},"reservations":{"description":"What the Swarm scheduler sets aside for each task on its node (backend: swarm only): a node without this much free is not chosen.","type":"object","properties":{"memory":{"description":"Memory reserved: bytes, or a number with a unit (256m).","type":["string","integer"]},"cpus":{"description":"CPU reserved, in cores.","type":"number","exclusiveMinimum":0}},"additionalProperties":false}},"additionalProperties":false},"replicas":{"description":"How many tasks of the server run (backend: swarm only). An http server may run several behind the service's address; a stdio server runs one (its clients share one process). Default 1.","type":"integer","minimum":1,"maximum":100},"placement":{"$ref":"#/$defs/placement"},"read_only":{"description":"Read-only root filesystem.","type":"boolean"},"logging":{"description":"What the engine keeps of the server's output (`logs` reads it): a stdio server's stderr (its stdout, the MCP traffic, never reaches the engine's log: the server runs behind the stdio host), an http server's output. Default: json-file, 1m in one file for stdio servers, 10m in three for http servers. driver: none keeps nothing (and `logs` has nothing to show).","type":"object","properties":{"driver":{"description":"Docker logging driver, e.g. json-file, local, none.","type":"string","minLength":1},"options":{"description":"Driver options, e.g. max-size: 1m, max-file: \"1\".","type":"object","additionalProperties":{"type":"string"}}},"additionalProperties":false},"init":{"description":"Run an init process as PID 1 (reaps zombies, forwards signals). Default: true.","type":"boolean"},"privileged":{"description":"Full host privileges. Default: false.","type":"boolean"},"no_new_privileges":{"description":"Forbid gaining privileges through setuid binaries. Default: true.","type":"boolean"},"cap_add":{"description":"Capabilities granted back (all are dropped by default).","$ref":"#/$defs/stringList"},"cap_drop":{"description":"Capabilities dropped. Default: [ALL].","$ref":"#/$defs/stringList"},"ready":{"description":"When a new container counts as ready; a recreate waits for it before the old container goes, and rolls back when it is not ready in time. mcp (the default): it answers initialize and tools/list; running: it runs and keeps running for 2 s (for containers that are not MCP servers, such as a database). A mapping also sets how long to wait: { check: mcp, timeout: 60s } (default 60s).","type":["string","object"],"properties":{"check":{"enum":["mcp","running"]},"timeout":{"description":"seconds, or a duration like 90s, 2m","type":["string","integer"],"minimum":1}},"additionalProperties":false,"if":{"type":"string"},"then":{"enum":["mcp","running"]}},"rollout":{"description":"How a recreate replaces the container. stop-first (the default): the old container stops, then the replacement starts and must get ready (one instance at a time, safe with volumes; down for stop + ready). start-first: the replacement starts and gets ready while the old one still serves, then the old one goes (no downtime; two instances at once, so not with published ports).","enum":["stop-first","start-first"]},"stop_timeout":{"description":"Time to wait after SIGTERM before SIGKILL: seconds, or a duration like 10s, 1m30s.","type":["string","integer"],"minimum":0},"network_mode":{"description":"host: the host's network stack (needs allow: host_network); none: no network.","enum":["host","none"]},"pid":{"description":"host: the host's process namespace (needs allow: host_pid).","enum":["host"]},"devices":{"description":"Host devices, host_path[:container_path[:rwm]] (needs allow: devices).","$ref":"#/$defs/stringList"},"secrets":{"description":"Top-level secrets this server gets at /run/secrets/<name>.","$ref":"#/$defs/stringList"}}};
const schema33 = {"type":["string","number","boolean"]};
const pattern7 = new RegExp("^[^=\\s]+$", "u");
const pattern8 = new RegExp("^/", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command !== undefined){
let data0 = data.command;
if((typeof data0 !== "string") && (!(Array.isArray(data0)))){
let dataType0 = typeof data0;
let coerced0 = undefined;
if(!(coerced0 !== undefined)){
if(dataType0 == "number" || dataType0 == "boolean"){
coerced0 = "" + data0;
}
else if(data0 === null){
coerced0 = "";
}
else {
const err0 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: schema32.properties.command.type},message:"must be string,array",schema:schema32.properties.command.type,parentSchema:schema32.properties.command,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(coerced0 !== undefined){
data0 = coerced0;
if(data !== undefined){
data["command"] = coerced0;
}
}
}
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 !== "string"){
let dataType1 = typeof data1;
let coerced1 = undefined;
if(!(coerced1 !== undefined)){
if(dataType1 == "number" || dataType1 == "boolean"){
coerced1 = "" + data1;
}
else if(data1 === null){
coerced1 = "";
}
else {
const err1 = {instancePath:instancePath+"/command/" + i0,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.command.items.type,parentSchema:schema32.properties.command.items,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(coerced1 !== undefined){
data1 = coerced1;
if(data0 !== undefined){
data0[i0] = coerced1;
}
}
}
}
}
}
if(data.entrypoint !== undefined){
let data2 = data.entrypoint;
if((typeof data2 !== "string") && (!(Array.isArray(data2)))){
let dataType2 = typeof data2;
let coerced2 = undefined;
if(!(coerced2 !== undefined)){
if(dataType2 == "number" || dataType2 == "boolean"){
coerced2 = "" + data2;
}
else if(data2 === null){
coerced2 = "";
}
else {
const err2 = {instancePath:instancePath+"/entrypoint",schemaPath:"#/properties/entrypoint/type",keyword:"type",params:{type: schema32.properties.entrypoint.type},message:"must be string,array",schema:schema32.properties.entrypoint.type,parentSchema:schema32.properties.entrypoint,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(coerced2 !== undefined){
data2 = coerced2;
if(data !== undefined){
data["entrypoint"] = coerced2;
}
}
}
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
if(typeof data3 !== "string"){
let dataType3 = typeof data3;
let coerced3 = undefined;
if(!(coerced3 !== undefined)){
if(dataType3 == "number" || dataType3 == "boolean"){
coerced3 = "" + data3;
}
else if(data3 === null){
coerced3 = "";
}
else {
const err3 = {instancePath:instancePath+"/entrypoint/" + i1,schemaPath:"#/properties/entrypoint/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.entrypoint.items.type,parentSchema:schema32.properties.entrypoint.items,data:data3};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(coerced3 !== undefined){
data3 = coerced3;
if(data2 !== undefined){
data2[i1] = coerced3;
}
}
}
}
}
}
if(data.args !== undefined){
let data4 = data.args;
if(Array.isArray(data4)){
const len2 = data4.length;
for(let i2=0; i2<len2; i2++){
let data5 = data4[i2];
if(((typeof data5 !== "string") && (!((typeof data5 == "number") && (isFinite(data5))))) && (typeof data5 !== "boolean")){
let dataType4 = typeof data5;
let coerced4 = undefined;
if(!(coerced4 !== undefined)){
if(dataType4 == "number" || dataType4 == "boolean"){
coerced4 = "" + data5;
}
else if(data5 === null){
coerced4 = "";
}
else if(dataType4 == "boolean" || data5 === null
              || (dataType4 == "string" && data5 && data5 == +data5)){
coerced4 = +data5;
}
else if(data5 === "false" || data5 === 0 || data5 === null){
coerced4 = false;
}
else if(data5 === "true" || data5 === 1){
coerced4 = true;
}
else {
const err4 = {instancePath:instancePath+"/args/" + i2,schemaPath:"#/$defs/scalar/type",keyword:"type",params:{type: schema33.type},message:"must be string,number,boolean",schema:schema33.type,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(coerced4 !== undefined){
data5 = coerced4;
if(data4 !== undefined){
data4[i2] = coerced4;
}
}
}
}
}
else {
const err5 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.args.type,parentSchema:schema32.properties.args,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.env !== undefined){
let data6 = data.env;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(let key0 in data6){
const _errs16 = errors;
if(typeof key0 === "string"){
if(!pattern7.test(key0)){
const err6 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[^=\\s]+$"},message:"must match pattern \""+"^[^=\\s]+$"+"\"",schema:"^[^=\\s]+$",parentSchema:schema32.properties.env.propertyNames,data:key0,propertyName:key0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var valid8 = _errs16 === errors;
if(!valid8){
const err7 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema32.properties.env.propertyNames,parentSchema:schema32.properties.env,data:data6};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
for(let key1 in data6){
let data7 = data6[key1];
if((((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))) && (typeof data7 !== "boolean")) && (data7 !== null)){
let dataType5 = typeof data7;
let coerced5 = undefined;
if(!(coerced5 !== undefined)){
if(dataType5 == "number" || dataType5 == "boolean"){
coerced5 = "" + data7;
}
else if(data7 === null){
coerced5 = "";
}
else if(dataType5 == "boolean" || data7 === null
              || (dataType5 == "string" && data7 && data7 == +data7)){
coerced5 = +data7;
}
else if(data7 === "false" || data7 === 0 || data7 === null){
coerced5 = false;
}
else if(data7 === "true" || data7 === 1){
coerced5 = true;
}
else if(data7 === "" || data7 === 0 || data7 === false){
coerced5 = null;
}
else {
const err8 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/type",keyword:"type",params:{type: schema32.properties.env.additionalProperties.type},message:"must be string,number,boolean,null",schema:schema32.properties.env.additionalProperties.type,parentSchema:schema32.properties.env.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(coerced5 !== undefined){
data7 = coerced5;
if(data6 !== undefined){
data6[key1] = coerced5;
}
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.env.type,parentSchema:schema32.properties.env,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.env_file !== undefined){
let data8 = data.env_file;
if((typeof data8 !== "string") && (!(Array.isArray(data8)))){
let dataType6 = typeof data8;
let coerced6 = undefined;
if(!(coerced6 !== undefined)){
if(dataType6 == "number" || dataType6 == "boolean"){
coerced6 = "" + data8;
}
else if(data8 === null){
coerced6 = "";
}
else {
const err10 = {instancePath:instancePath+"/env_file",schemaPath:"#/properties/env_file/type",keyword:"type",params:{type: schema32.properties.env_file.type},message:"must be string,array",schema:schema32.properties.env_file.type,parentSchema:schema32.properties.env_file,data:data8};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(coerced6 !== undefined){
data8 = coerced6;
if(data !== undefined){
data["env_file"] = coerced6;
}
}
}
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err11 = {instancePath:instancePath+"/env_file",schemaPath:"#/properties/env_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.env_file,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(Array.isArray(data8)){
const len3 = data8.length;
for(let i3=0; i3<len3; i3++){
let data9 = data8[i3];
if(typeof data9 !== "string"){
let dataType7 = typeof data9;
let coerced7 = undefined;
if(!(coerced7 !== undefined)){
if(dataType7 == "number" || dataType7 == "boolean"){
coerced7 = "" + data9;
}
else if(data9 === null){
coerced7 = "";
}
else {
const err12 = {instancePath:instancePath+"/env_file/" + i3,schemaPath:"#/properties/env_file/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.env_file.items.type,parentSchema:schema32.properties.env_file.items,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(coerced7 !== undefined){
data9 = coerced7;
if(data8 !== undefined){
data8[i3] = coerced7;
}
}
}
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err13 = {instancePath:instancePath+"/env_file/" + i3,schemaPath:"#/properties/env_file/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.env_file.items,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
}
if(data.volumes !== undefined){
let data10 = data.volumes;
if(Array.isArray(data10)){
const len4 = data10.length;
for(let i4=0; i4<len4; i4++){
let data11 = data10[i4];
if(typeof data11 !== "string"){
let dataType8 = typeof data11;
let coerced8 = undefined;
if(!(coerced8 !== undefined)){
if(dataType8 == "number" || dataType8 == "boolean"){
coerced8 = "" + data11;
}
else if(data11 === null){
coerced8 = "";
}
else {
const err14 = {instancePath:instancePath+"/volumes/" + i4,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data11};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(coerced8 !== undefined){
data11 = coerced8;
if(data10 !== undefined){
data10[i4] = coerced8;
}
}
}
}
}
else {
const err15 = {instancePath:instancePath+"/volumes",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.networks !== undefined){
let data12 = data.networks;
if(Array.isArray(data12)){
const len5 = data12.length;
for(let i5=0; i5<len5; i5++){
let data13 = data12[i5];
if(typeof data13 !== "string"){
let dataType9 = typeof data13;
let coerced9 = undefined;
if(!(coerced9 !== undefined)){
if(dataType9 == "number" || dataType9 == "boolean"){
coerced9 = "" + data13;
}
else if(data13 === null){
coerced9 = "";
}
else {
const err16 = {instancePath:instancePath+"/networks/" + i5,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data13};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(coerced9 !== undefined){
data13 = coerced9;
if(data12 !== undefined){
data12[i5] = coerced9;
}
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/networks",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.ports !== undefined){
let data14 = data.ports;
if(Array.isArray(data14)){
const len6 = data14.length;
for(let i6=0; i6<len6; i6++){
let data15 = data14[i6];
if((typeof data15 !== "string") && (!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15))))){
let dataType10 = typeof data15;
let coerced10 = undefined;
if(!(coerced10 !== undefined)){
if(dataType10 == "number" || dataType10 == "boolean"){
coerced10 = "" + data15;
}
else if(data15 === null){
coerced10 = "";
}
else if(dataType10 === "boolean" || data15 === null
              || (dataType10 === "string" && data15 && data15 == +data15 && !(data15 % 1))){
coerced10 = +data15;
}
else {
const err18 = {instancePath:instancePath+"/ports/" + i6,schemaPath:"#/properties/ports/items/type",keyword:"type",params:{type: schema32.properties.ports.items.type},message:"must be string,integer",schema:schema32.properties.ports.items.type,parentSchema:schema32.properties.ports.items,data:data15};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(coerced10 !== undefined){
data15 = coerced10;
if(data14 !== undefined){
data14[i6] = coerced10;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.ports.type,parentSchema:schema32.properties.ports,data:data14};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.transport !== undefined){
let data16 = data.transport;
if((typeof data16 !== "string") && (!(data16 && typeof data16 == "object" && !Array.isArray(data16)))){
let dataType11 = typeof data16;
let coerced11 = undefined;
if(!(coerced11 !== undefined)){
if(dataType11 == "number" || dataType11 == "boolean"){
coerced11 = "" + data16;
}
else if(data16 === null){
coerced11 = "";
}
else {
const err20 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/type",keyword:"type",params:{type: schema32.properties.transport.type},message:"must be string,object",schema:schema32.properties.transport.type,parentSchema:schema32.properties.transport,data:data16};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(coerced11 !== undefined){
data16 = coerced11;
if(data !== undefined){
data["transport"] = coerced11;
}
}
}
const _errs40 = errors;
let valid20 = true;
const _errs41 = errors;
if(typeof data16 !== "string"){
let dataType12 = typeof data16;
let coerced12 = undefined;
if(!(coerced12 !== undefined)){
if(dataType12 == "number" || dataType12 == "boolean"){
coerced12 = "" + data16;
}
else if(data16 === null){
coerced12 = "";
}
else {
const err21 = {};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(coerced12 !== undefined){
data16 = coerced12;
if(data !== undefined){
data["transport"] = coerced12;
}
}
}
var _valid0 = _errs41 === errors;
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs43 = errors;
if(!(((data16 === "stdio") || (data16 === "http")) || (data16 === "sse"))){
const err22 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/then/enum",keyword:"enum",params:{allowedValues: schema32.properties.transport.then.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.transport.then.enum,parentSchema:schema32.properties.transport.then,data:data16};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid0 = _errs43 === errors;
valid20 = _valid0;
}
if(!valid20){
const err23 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema32.properties.transport.if,parentSchema:schema32.properties.transport,data:data16};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.type === undefined){
const err24 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema32.properties.transport.required,parentSchema:schema32.properties.transport,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(let key2 in data16){
if(!(((key2 === "type") || (key2 === "port")) || (key2 === "path"))){
const err25 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.transport,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data16.type !== undefined){
let data17 = data16.type;
if(!((data17 === "stdio") || (data17 === "http"))){
const err26 = {instancePath:instancePath+"/transport/type",schemaPath:"#/properties/transport/properties/type/enum",keyword:"enum",params:{allowedValues: schema32.properties.transport.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.transport.properties.type.enum,parentSchema:schema32.properties.transport.properties.type,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data16.port !== undefined){
let data18 = data16.port;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
let dataType13 = typeof data18;
let coerced13 = undefined;
if(!(coerced13 !== undefined)){
if(dataType13 === "boolean" || data18 === null
              || (dataType13 === "string" && data18 && data18 == +data18 && !(data18 % 1))){
coerced13 = +data18;
}
else {
const err27 = {instancePath:instancePath+"/transport/port",schemaPath:"#/properties/transport/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.transport.properties.port.type,parentSchema:schema32.properties.transport.properties.port,data:data18};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(coerced13 !== undefined){
data18 = coerced13;
if(data16 !== undefined){
data16["port"] = coerced13;
}
}
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 65535 || isNaN(data18)){
const err28 = {instancePath:instancePath+"/transport/port",schemaPath:"#/properties/transport/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema32.properties.transport.properties.port,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err29 = {instancePath:instancePath+"/transport/port",schemaPath:"#/properties/transport/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.transport.properties.port,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
if(data16.path !== undefined){
let data19 = data16.path;
if(typeof data19 !== "string"){
let dataType14 = typeof data19;
let coerced14 = undefined;
if(!(coerced14 !== undefined)){
if(dataType14 == "number" || dataType14 == "boolean"){
coerced14 = "" + data19;
}
else if(data19 === null){
coerced14 = "";
}
else {
const err30 = {instancePath:instancePath+"/transport/path",schemaPath:"#/properties/transport/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.transport.properties.path.type,parentSchema:schema32.properties.transport.properties.path,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(coerced14 !== undefined){
data19 = coerced14;
if(data16 !== undefined){
data16["path"] = coerced14;
}
}
}
if(typeof data19 === "string"){
if(!pattern8.test(data19)){
const err31 = {instancePath:instancePath+"/transport/path",schemaPath:"#/properties/transport/properties/path/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema32.properties.transport.properties.path,data:data19};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
}
}
if(data.restart !== undefined){
let data20 = data.restart;
if(!((((data20 === "no") || (data20 === "on-failure")) || (data20 === "always")) || (data20 === "unless-stopped"))){
const err32 = {instancePath:instancePath+"/restart",schemaPath:"#/properties/restart/enum",keyword:"enum",params:{allowedValues: schema32.properties.restart.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.restart.enum,parentSchema:schema32.properties.restart,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.user !== undefined){
let data21 = data.user;
if(typeof data21 !== "string"){
let dataType15 = typeof data21;
let coerced15 = undefined;
if(!(coerced15 !== undefined)){
if(dataType15 == "number" || dataType15 == "boolean"){
coerced15 = "" + data21;
}
else if(data21 === null){
coerced15 = "";
}
else {
const err33 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.user.type,parentSchema:schema32.properties.user,data:data21};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(coerced15 !== undefined){
data21 = coerced15;
if(data !== undefined){
data["user"] = coerced15;
}
}
}
if(typeof data21 === "string"){
if(func2(data21) < 1){
const err34 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.user,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data.working_dir !== undefined){
let data22 = data.working_dir;
if(typeof data22 !== "string"){
let dataType16 = typeof data22;
let coerced16 = undefined;
if(!(coerced16 !== undefined)){
if(dataType16 == "number" || dataType16 == "boolean"){
coerced16 = "" + data22;
}
else if(data22 === null){
coerced16 = "";
}
else {
const err35 = {instancePath:instancePath+"/working_dir",schemaPath:"#/properties/working_dir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.working_dir.type,parentSchema:schema32.properties.working_dir,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(coerced16 !== undefined){
data22 = coerced16;
if(data !== undefined){
data["working_dir"] = coerced16;
}
}
}
if(typeof data22 === "string"){
if(!pattern8.test(data22)){
const err36 = {instancePath:instancePath+"/working_dir",schemaPath:"#/properties/working_dir/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema32.properties.working_dir,data:data22};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data.labels !== undefined){
let data23 = data.labels;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(let key3 in data23){
let data24 = data23[key3];
if(((typeof data24 !== "string") && (!((typeof data24 == "number") && (isFinite(data24))))) && (typeof data24 !== "boolean")){
let dataType17 = typeof data24;
let coerced17 = undefined;
if(!(coerced17 !== undefined)){
if(dataType17 == "number" || dataType17 == "boolean"){
coerced17 = "" + data24;
}
else if(data24 === null){
coerced17 = "";
}
else if(dataType17 == "boolean" || data24 === null
              || (dataType17 == "string" && data24 && data24 == +data24)){
coerced17 = +data24;
}
else if(data24 === "false" || data24 === 0 || data24 === null){
coerced17 = false;
}
else if(data24 === "true" || data24 === 1){
coerced17 = true;
}
else {
const err37 = {instancePath:instancePath+"/labels/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/scalar/type",keyword:"type",params:{type: schema33.type},message:"must be string,number,boolean",schema:schema33.type,parentSchema:schema33,data:data24};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(coerced17 !== undefined){
data24 = coerced17;
if(data23 !== undefined){
data23[key3] = coerced17;
}
}
}
}
}
else {
const err38 = {instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.labels.type,parentSchema:schema32.properties.labels,data:data23};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.resources !== undefined){
let data25 = data.resources;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(let key4 in data25){
if(!((((key4 === "memory") || (key4 === "cpus")) || (key4 === "pids")) || (key4 === "reservations"))){
const err39 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.resources,data:data25};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data25.memory !== undefined){
let data26 = data25.memory;
if((typeof data26 !== "string") && (!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26))))){
let dataType18 = typeof data26;
let coerced18 = undefined;
if(!(coerced18 !== undefined)){
if(dataType18 == "number" || dataType18 == "boolean"){
coerced18 = "" + data26;
}
else if(data26 === null){
coerced18 = "";
}
else if(dataType18 === "boolean" || data26 === null
              || (dataType18 === "string" && data26 && data26 == +data26 && !(data26 % 1))){
coerced18 = +data26;
}
else {
const err40 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/properties/resources/properties/memory/type",keyword:"type",params:{type: schema32.properties.resources.properties.memory.type},message:"must be string,integer",schema:schema32.properties.resources.properties.memory.type,parentSchema:schema32.properties.resources.properties.memory,data:data26};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(coerced18 !== undefined){
data26 = coerced18;
if(data25 !== undefined){
data25["memory"] = coerced18;
}
}
}
}
if(data25.cpus !== undefined){
let data27 = data25.cpus;
if(!((typeof data27 == "number") && (isFinite(data27)))){
let dataType19 = typeof data27;
let coerced19 = undefined;
if(!(coerced19 !== undefined)){
if(dataType19 == "boolean" || data27 === null
              || (dataType19 == "string" && data27 && data27 == +data27)){
coerced19 = +data27;
}
else {
const err41 = {instancePath:instancePath+"/resources/cpus",schemaPath:"#/properties/resources/properties/cpus/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.resources.properties.cpus.type,parentSchema:schema32.properties.resources.properties.cpus,data:data27};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(coerced19 !== undefined){
data27 = coerced19;
if(data25 !== undefined){
data25["cpus"] = coerced19;
}
}
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 <= 0 || isNaN(data27)){
const err42 = {instancePath:instancePath+"/resources/cpus",schemaPath:"#/properties/resources/properties/cpus/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema32.properties.resources.properties.cpus,data:data27};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
if(data25.pids !== undefined){
let data28 = data25.pids;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
let dataType20 = typeof data28;
let coerced20 = undefined;
if(!(coerced20 !== undefined)){
if(dataType20 === "boolean" || data28 === null
              || (dataType20 === "string" && data28 && data28 == +data28 && !(data28 % 1))){
coerced20 = +data28;
}
else {
const err43 = {instancePath:instancePath+"/resources/pids",schemaPath:"#/properties/resources/properties/pids/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.resources.properties.pids.type,parentSchema:schema32.properties.resources.properties.pids,data:data28};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(coerced20 !== undefined){
data28 = coerced20;
if(data25 !== undefined){
data25["pids"] = coerced20;
}
}
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 1 || isNaN(data28)){
const err44 = {instancePath:instancePath+"/resources/pids",schemaPath:"#/properties/resources/properties/pids/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.resources.properties.pids,data:data28};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
if(data25.reservations !== undefined){
let data29 = data25.reservations;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(let key5 in data29){
if(!((key5 === "memory") || (key5 === "cpus"))){
const err45 = {instancePath:instancePath+"/resources/reservations",schemaPath:"#/properties/resources/properties/reservations/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.resources.properties.reservations,data:data29};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data29.memory !== undefined){
let data30 = data29.memory;
if((typeof data30 !== "string") && (!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30))))){
let dataType21 = typeof data30;
let coerced21 = undefined;
if(!(coerced21 !== undefined)){
if(dataType21 == "number" || dataType21 == "boolean"){
coerced21 = "" + data30;
}
else if(data30 === null){
coerced21 = "";
}
else if(dataType21 === "boolean" || data30 === null
              || (dataType21 === "string" && data30 && data30 == +data30 && !(data30 % 1))){
coerced21 = +data30;
}
else {
const err46 = {instancePath:instancePath+"/resources/reservations/memory",schemaPath:"#/properties/resources/properties/reservations/properties/memory/type",keyword:"type",params:{type: schema32.properties.resources.properties.reservations.properties.memory.type},message:"must be string,integer",schema:schema32.properties.resources.properties.reservations.properties.memory.type,parentSchema:schema32.properties.resources.properties.reservations.properties.memory,data:data30};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(coerced21 !== undefined){
data30 = coerced21;
if(data29 !== undefined){
data29["memory"] = coerced21;
}
}
}
}
if(data29.cpus !== undefined){
let data31 = data29.cpus;
if(!((typeof data31 == "number") && (isFinite(data31)))){
let dataType22 = typeof data31;
let coerced22 = undefined;
if(!(coerced22 !== undefined)){
if(dataType22 == "boolean" || data31 === null
              || (dataType22 == "string" && data31 && data31 == +data31)){
coerced22 = +data31;
}
else {
const err47 = {instancePath:instancePath+"/resources/reservations/cpus",schemaPath:"#/properties/resources/properties/reservations/properties/cpus/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.resources.properties.reservations.properties.cpus.type,parentSchema:schema32.properties.resources.properties.reservations.properties.cpus,data:data31};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(coerced22 !== undefined){
data31 = coerced22;
if(data29 !== undefined){
data29["cpus"] = coerced22;
}
}
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 <= 0 || isNaN(data31)){
const err48 = {instancePath:instancePath+"/resources/reservations/cpus",schemaPath:"#/properties/resources/properties/reservations/properties/cpus/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema32.properties.resources.properties.reservations.properties.cpus,data:data31};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
}
else {
const err49 = {instancePath:instancePath+"/resources/reservations",schemaPath:"#/properties/resources/properties/reservations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.resources.properties.reservations.type,parentSchema:schema32.properties.resources.properties.reservations,data:data29};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.resources.type,parentSchema:schema32.properties.resources,data:data25};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.replicas !== undefined){
let data32 = data.replicas;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
let dataType23 = typeof data32;
let coerced23 = undefined;
if(!(coerced23 !== undefined)){
if(dataType23 === "boolean" || data32 === null
              || (dataType23 === "string" && data32 && data32 == +data32 && !(data32 % 1))){
coerced23 = +data32;
}
else {
const err51 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.replicas.type,parentSchema:schema32.properties.replicas,data:data32};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(coerced23 !== undefined){
data32 = coerced23;
if(data !== undefined){
data["replicas"] = coerced23;
}
}
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 > 100 || isNaN(data32)){
const err52 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema32.properties.replicas,data:data32};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data32 < 1 || isNaN(data32)){
const err53 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.replicas,data:data32};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
if(data.placement !== undefined){
let data33 = data.placement;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(let key6 in data33){
if(!((key6 === "constraints") || (key6 === "preferences"))){
const err54 = {instancePath:instancePath+"/placement",schemaPath:"#/$defs/placement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data:data33};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data33.constraints !== undefined){
let data34 = data33.constraints;
if(Array.isArray(data34)){
const len7 = data34.length;
for(let i7=0; i7<len7; i7++){
let data35 = data34[i7];
if(typeof data35 !== "string"){
let dataType24 = typeof data35;
let coerced24 = undefined;
if(!(coerced24 !== undefined)){
if(dataType24 == "number" || dataType24 == "boolean"){
coerced24 = "" + data35;
}
else if(data35 === null){
coerced24 = "";
}
else {
const err55 = {instancePath:instancePath+"/placement/constraints/" + i7,schemaPath:"#/$defs/placement/properties/constraints/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.constraints.items.type,parentSchema:schema37.properties.constraints.items,data:data35};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(coerced24 !== undefined){
data35 = coerced24;
if(data34 !== undefined){
data34[i7] = coerced24;
}
}
}
if(typeof data35 === "string"){
if(func2(data35) < 1){
const err56 = {instancePath:instancePath+"/placement/constraints/" + i7,schemaPath:"#/$defs/placement/properties/constraints/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.properties.constraints.items,data:data35};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(!pattern10.test(data35)){
const err57 = {instancePath:instancePath+"/placement/constraints/" + i7,schemaPath:"#/$defs/placement/properties/constraints/items/pattern",keyword:"pattern",params:{pattern: "^[^=!]+(==|!=)[^=!]+$"},message:"must match pattern \""+"^[^=!]+(==|!=)[^=!]+$"+"\"",schema:"^[^=!]+(==|!=)[^=!]+$",parentSchema:schema37.properties.constraints.items,data:data35};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
}
else {
const err58 = {instancePath:instancePath+"/placement/constraints",schemaPath:"#/$defs/placement/properties/constraints/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.constraints.type,parentSchema:schema37.properties.constraints,data:data34};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data33.preferences !== undefined){
let data36 = data33.preferences;
if(Array.isArray(data36)){
const len8 = data36.length;
for(let i8=0; i8<len8; i8++){
let data37 = data36[i8];
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
if(data37.spread === undefined){
const err59 = {instancePath:instancePath+"/placement/preferences/" + i8,schemaPath:"#/$defs/placement/properties/preferences/items/required",keyword:"required",params:{missingProperty: "spread"},message:"must have required property '"+"spread"+"'",schema:schema37.properties.preferences.items.required,parentSchema:schema37.properties.preferences.items,data:data37};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(let key7 in data37){
if(!(key7 === "spread")){
const err60 = {instancePath:instancePath+"/placement/preferences/" + i8,schemaPath:"#/$defs/placement/properties/preferences/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema37.properties.preferences.items,data:data37};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data37.spread !== undefined){
let data38 = data37.spread;
if(typeof data38 !== "string"){
let dataType25 = typeof data38;
let coerced25 = undefined;
if(!(coerced25 !== undefined)){
if(dataType25 == "number" || dataType25 == "boolean"){
coerced25 = "" + data38;
}
else if(data38 === null){
coerced25 = "";
}
else {
const err61 = {instancePath:instancePath+"/placement/preferences/" + i8+"/spread",schemaPath:"#/$defs/placement/properties/preferences/items/properties/spread/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.preferences.items.properties.spread.type,parentSchema:schema37.properties.preferences.items.properties.spread,data:data38};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(coerced25 !== undefined){
data38 = coerced25;
if(data37 !== undefined){
data37["spread"] = coerced25;
}
}
}
if(typeof data38 === "string"){
if(func2(data38) < 1){
const err62 = {instancePath:instancePath+"/placement/preferences/" + i8+"/spread",schemaPath:"#/$defs/placement/properties/preferences/items/properties/spread/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.properties.preferences.items.properties.spread,data:data38};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
}
else {
const err63 = {instancePath:instancePath+"/placement/preferences/" + i8,schemaPath:"#/$defs/placement/properties/preferences/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.preferences.items.type,parentSchema:schema37.properties.preferences.items,data:data37};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/placement/preferences",schemaPath:"#/$defs/placement/properties/preferences/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.preferences.type,parentSchema:schema37.properties.preferences,data:data36};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/placement",schemaPath:"#/$defs/placement/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data:data33};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.read_only !== undefined){
let data39 = data.read_only;
if(typeof data39 !== "boolean"){
let coerced26 = undefined;
if(!(coerced26 !== undefined)){
if(data39 === "false" || data39 === 0 || data39 === null){
coerced26 = false;
}
else if(data39 === "true" || data39 === 1){
coerced26 = true;
}
else {
const err66 = {instancePath:instancePath+"/read_only",schemaPath:"#/properties/read_only/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.read_only.type,parentSchema:schema32.properties.read_only,data:data39};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(coerced26 !== undefined){
data39 = coerced26;
if(data !== undefined){
data["read_only"] = coerced26;
}
}
}
}
if(data.logging !== undefined){
let data40 = data.logging;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(let key8 in data40){
if(!((key8 === "driver") || (key8 === "options"))){
const err67 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.logging,data:data40};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data40.driver !== undefined){
let data41 = data40.driver;
if(typeof data41 !== "string"){
let dataType27 = typeof data41;
let coerced27 = undefined;
if(!(coerced27 !== undefined)){
if(dataType27 == "number" || dataType27 == "boolean"){
coerced27 = "" + data41;
}
else if(data41 === null){
coerced27 = "";
}
else {
const err68 = {instancePath:instancePath+"/logging/driver",schemaPath:"#/properties/logging/properties/driver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.logging.properties.driver.type,parentSchema:schema32.properties.logging.properties.driver,data:data41};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(coerced27 !== undefined){
data41 = coerced27;
if(data40 !== undefined){
data40["driver"] = coerced27;
}
}
}
if(typeof data41 === "string"){
if(func2(data41) < 1){
const err69 = {instancePath:instancePath+"/logging/driver",schemaPath:"#/properties/logging/properties/driver/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.logging.properties.driver,data:data41};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data40.options !== undefined){
let data42 = data40.options;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
for(let key9 in data42){
let data43 = data42[key9];
if(typeof data43 !== "string"){
let dataType28 = typeof data43;
let coerced28 = undefined;
if(!(coerced28 !== undefined)){
if(dataType28 == "number" || dataType28 == "boolean"){
coerced28 = "" + data43;
}
else if(data43 === null){
coerced28 = "";
}
else {
const err70 = {instancePath:instancePath+"/logging/options/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/logging/properties/options/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.logging.properties.options.additionalProperties.type,parentSchema:schema32.properties.logging.properties.options.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(coerced28 !== undefined){
data43 = coerced28;
if(data42 !== undefined){
data42[key9] = coerced28;
}
}
}
}
}
else {
const err71 = {instancePath:instancePath+"/logging/options",schemaPath:"#/properties/logging/properties/options/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.logging.properties.options.type,parentSchema:schema32.properties.logging.properties.options,data:data42};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
else {
const err72 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.logging.type,parentSchema:schema32.properties.logging,data:data40};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data.init !== undefined){
let data44 = data.init;
if(typeof data44 !== "boolean"){
let coerced29 = undefined;
if(!(coerced29 !== undefined)){
if(data44 === "false" || data44 === 0 || data44 === null){
coerced29 = false;
}
else if(data44 === "true" || data44 === 1){
coerced29 = true;
}
else {
const err73 = {instancePath:instancePath+"/init",schemaPath:"#/properties/init/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.init.type,parentSchema:schema32.properties.init,data:data44};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(coerced29 !== undefined){
data44 = coerced29;
if(data !== undefined){
data["init"] = coerced29;
}
}
}
}
if(data.privileged !== undefined){
let data45 = data.privileged;
if(typeof data45 !== "boolean"){
let coerced30 = undefined;
if(!(coerced30 !== undefined)){
if(data45 === "false" || data45 === 0 || data45 === null){
coerced30 = false;
}
else if(data45 === "true" || data45 === 1){
coerced30 = true;
}
else {
const err74 = {instancePath:instancePath+"/privileged",schemaPath:"#/properties/privileged/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.privileged.type,parentSchema:schema32.properties.privileged,data:data45};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(coerced30 !== undefined){
data45 = coerced30;
if(data !== undefined){
data["privileged"] = coerced30;
}
}
}
}
if(data.no_new_privileges !== undefined){
let data46 = data.no_new_privileges;
if(typeof data46 !== "boolean"){
let coerced31 = undefined;
if(!(coerced31 !== undefined)){
if(data46 === "false" || data46 === 0 || data46 === null){
coerced31 = false;
}
else if(data46 === "true" || data46 === 1){
coerced31 = true;
}
else {
const err75 = {instancePath:instancePath+"/no_new_privileges",schemaPath:"#/properties/no_new_privileges/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.no_new_privileges.type,parentSchema:schema32.properties.no_new_privileges,data:data46};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(coerced31 !== undefined){
data46 = coerced31;
if(data !== undefined){
data["no_new_privileges"] = coerced31;
}
}
}
}
if(data.cap_add !== undefined){
let data47 = data.cap_add;
if(Array.isArray(data47)){
const len9 = data47.length;
for(let i9=0; i9<len9; i9++){
let data48 = data47[i9];
if(typeof data48 !== "string"){
let dataType32 = typeof data48;
let coerced32 = undefined;
if(!(coerced32 !== undefined)){
if(dataType32 == "number" || dataType32 == "boolean"){
coerced32 = "" + data48;
}
else if(data48 === null){
coerced32 = "";
}
else {
const err76 = {instancePath:instancePath+"/cap_add/" + i9,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data48};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(coerced32 !== undefined){
data48 = coerced32;
if(data47 !== undefined){
data47[i9] = coerced32;
}
}
}
}
}
else {
const err77 = {instancePath:instancePath+"/cap_add",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data47};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.cap_drop !== undefined){
let data49 = data.cap_drop;
if(Array.isArray(data49)){
const len10 = data49.length;
for(let i10=0; i10<len10; i10++){
let data50 = data49[i10];
if(typeof data50 !== "string"){
let dataType33 = typeof data50;
let coerced33 = undefined;
if(!(coerced33 !== undefined)){
if(dataType33 == "number" || dataType33 == "boolean"){
coerced33 = "" + data50;
}
else if(data50 === null){
coerced33 = "";
}
else {
const err78 = {instancePath:instancePath+"/cap_drop/" + i10,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data50};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(coerced33 !== undefined){
data50 = coerced33;
if(data49 !== undefined){
data49[i10] = coerced33;
}
}
}
}
}
else {
const err79 = {instancePath:instancePath+"/cap_drop",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data49};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.ready !== undefined){
let data51 = data.ready;
if((typeof data51 !== "string") && (!(data51 && typeof data51 == "object" && !Array.isArray(data51)))){
let dataType34 = typeof data51;
let coerced34 = undefined;
if(!(coerced34 !== undefined)){
if(dataType34 == "number" || dataType34 == "boolean"){
coerced34 = "" + data51;
}
else if(data51 === null){
coerced34 = "";
}
else {
const err80 = {instancePath:instancePath+"/ready",schemaPath:"#/properties/ready/type",keyword:"type",params:{type: schema32.properties.ready.type},message:"must be string,object",schema:schema32.properties.ready.type,parentSchema:schema32.properties.ready,data:data51};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(coerced34 !== undefined){
data51 = coerced34;
if(data !== undefined){
data["ready"] = coerced34;
}
}
}
const _errs124 = errors;
let valid41 = true;
const _errs125 = errors;
if(typeof data51 !== "string"){
let dataType35 = typeof data51;
let coerced35 = undefined;
if(!(coerced35 !== undefined)){
if(dataType35 == "number" || dataType35 == "boolean"){
coerced35 = "" + data51;
}
else if(data51 === null){
coerced35 = "";
}
else {
const err81 = {};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(coerced35 !== undefined){
data51 = coerced35;
if(data !== undefined){
data["ready"] = coerced35;
}
}
}
var _valid1 = _errs125 === errors;
errors = _errs124;
if(vErrors !== null){
if(_errs124){
vErrors.length = _errs124;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs127 = errors;
if(!((data51 === "mcp") || (data51 === "running"))){
const err82 = {instancePath:instancePath+"/ready",schemaPath:"#/properties/ready/then/enum",keyword:"enum",params:{allowedValues: schema32.properties.ready.then.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.ready.then.enum,parentSchema:schema32.properties.ready.then,data:data51};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
var _valid1 = _errs127 === errors;
valid41 = _valid1;
}
if(!valid41){
const err83 = {instancePath:instancePath+"/ready",schemaPath:"#/properties/ready/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema32.properties.ready.if,parentSchema:schema32.properties.ready,data:data51};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
for(let key10 in data51){
if(!((key10 === "check") || (key10 === "timeout"))){
const err84 = {instancePath:instancePath+"/ready",schemaPath:"#/properties/ready/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.ready,data:data51};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data51.check !== undefined){
let data52 = data51.check;
if(!((data52 === "mcp") || (data52 === "running"))){
const err85 = {instancePath:instancePath+"/ready/check",schemaPath:"#/properties/ready/properties/check/enum",keyword:"enum",params:{allowedValues: schema32.properties.ready.properties.check.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.ready.properties.check.enum,parentSchema:schema32.properties.ready.properties.check,data:data52};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data51.timeout !== undefined){
let data53 = data51.timeout;
if((typeof data53 !== "string") && (!(((typeof data53 == "number") && (!(data53 % 1) && !isNaN(data53))) && (isFinite(data53))))){
let dataType36 = typeof data53;
let coerced36 = undefined;
if(!(coerced36 !== undefined)){
if(dataType36 == "number" || dataType36 == "boolean"){
coerced36 = "" + data53;
}
else if(data53 === null){
coerced36 = "";
}
else if(dataType36 === "boolean" || data53 === null
              || (dataType36 === "string" && data53 && data53 == +data53 && !(data53 % 1))){
coerced36 = +data53;
}
else {
const err86 = {instancePath:instancePath+"/ready/timeout",schemaPath:"#/properties/ready/properties/timeout/type",keyword:"type",params:{type: schema32.properties.ready.properties.timeout.type},message:"must be string,integer",schema:schema32.properties.ready.properties.timeout.type,parentSchema:schema32.properties.ready.properties.timeout,data:data53};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(coerced36 !== undefined){
data53 = coerced36;
if(data51 !== undefined){
data51["timeout"] = coerced36;
}
}
}
if((typeof data53 == "number") && (isFinite(data53))){
if(data53 < 1 || isNaN(data53)){
const err87 = {instancePath:instancePath+"/ready/timeout",schemaPath:"#/properties/ready/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.ready.properties.timeout,data:data53};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
}
}
if(data.rollout !== undefined){
let data54 = data.rollout;
if(!((data54 === "stop-first") || (data54 === "start-first"))){
const err88 = {instancePath:instancePath+"/rollout",schemaPath:"#/properties/rollout/enum",keyword:"enum",params:{allowedValues: schema32.properties.rollout.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.rollout.enum,parentSchema:schema32.properties.rollout,data:data54};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data.stop_timeout !== undefined){
let data55 = data.stop_timeout;
if((typeof data55 !== "string") && (!(((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55))) && (isFinite(data55))))){
let dataType37 = typeof data55;
let coerced37 = undefined;
if(!(coerced37 !== undefined)){
if(dataType37 == "number" || dataType37 == "boolean"){
coerced37 = "" + data55;
}
else if(data55 === null){
coerced37 = "";
}
else if(dataType37 === "boolean" || data55 === null
              || (dataType37 === "string" && data55 && data55 == +data55 && !(data55 % 1))){
coerced37 = +data55;
}
else {
const err89 = {instancePath:instancePath+"/stop_timeout",schemaPath:"#/properties/stop_timeout/type",keyword:"type",params:{type: schema32.properties.stop_timeout.type},message:"must be string,integer",schema:schema32.properties.stop_timeout.type,parentSchema:schema32.properties.stop_timeout,data:data55};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(coerced37 !== undefined){
data55 = coerced37;
if(data !== undefined){
data["stop_timeout"] = coerced37;
}
}
}
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 < 0 || isNaN(data55)){
const err90 = {instancePath:instancePath+"/stop_timeout",schemaPath:"#/properties/stop_timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.stop_timeout,data:data55};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
if(data.network_mode !== undefined){
let data56 = data.network_mode;
if(!((data56 === "host") || (data56 === "none"))){
const err91 = {instancePath:instancePath+"/network_mode",schemaPath:"#/properties/network_mode/enum",keyword:"enum",params:{allowedValues: schema32.properties.network_mode.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.network_mode.enum,parentSchema:schema32.properties.network_mode,data:data56};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data.pid !== undefined){
let data57 = data.pid;
if(!(data57 === "host")){
const err92 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/enum",keyword:"enum",params:{allowedValues: schema32.properties.pid.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.pid.enum,parentSchema:schema32.properties.pid,data:data57};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data.devices !== undefined){
let data58 = data.devices;
if(Array.isArray(data58)){
const len11 = data58.length;
for(let i11=0; i11<len11; i11++){
let data59 = data58[i11];
if(typeof data59 !== "string"){
let dataType38 = typeof data59;
let coerced38 = undefined;
if(!(coerced38 !== undefined)){
if(dataType38 == "number" || dataType38 == "boolean"){
coerced38 = "" + data59;
}
else if(data59 === null){
coerced38 = "";
}
else {
const err93 = {instancePath:instancePath+"/devices/" + i11,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data59};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(coerced38 !== undefined){
data59 = coerced38;
if(data58 !== undefined){
data58[i11] = coerced38;
}
}
}
}
}
else {
const err94 = {instancePath:instancePath+"/devices",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data58};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data.secrets !== undefined){
let data60 = data.secrets;
if(Array.isArray(data60)){
const len12 = data60.length;
for(let i12=0; i12<len12; i12++){
let data61 = data60[i12];
if(typeof data61 !== "string"){
let dataType39 = typeof data61;
let coerced39 = undefined;
if(!(coerced39 !== undefined)){
if(dataType39 == "number" || dataType39 == "boolean"){
coerced39 = "" + data61;
}
else if(data61 === null){
coerced39 = "";
}
else {
const err95 = {instancePath:instancePath+"/secrets/" + i12,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data61};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(coerced39 !== undefined){
data61 = coerced39;
if(data60 !== undefined){
data60[i12] = coerced39;
}
}
}
}
}
else {
const err96 = {instancePath:instancePath+"/secrets",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data60};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
else {
const err97 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":{"command":true,"entrypoint":true,"args":true,"env":true,"env_file":true,"volumes":true,"networks":true,"ports":true,"transport":true,"restart":true,"user":true,"working_dir":true,"labels":true,"resources":true,"replicas":true,"placement":true,"read_only":true,"logging":true,"init":true,"privileged":true,"no_new_privileges":true,"cap_add":true,"cap_drop":true,"ready":true,"rollout":true,"stop_timeout":true,"network_mode":true,"pid":true,"devices":true,"secrets":true},"dynamicProps":false,"dynamicItems":false};

const schema43 = {"title":"Server","description":"One MCP server: exactly one source (image, npx, uvx, build, or url for a remote server) plus settings.","type":"object","$ref":"#/$defs/serverSettings","properties":{"image":{"description":"Image reference to run, e.g. mcp/memory:1.2.0.","type":"string","minLength":1},"npx":{"description":"npm package spec run with Node's npx, e.g. @modelcontextprotocol/server-filesystem@2026.8.31.","type":"string","minLength":1},"uvx":{"description":"PyPI package spec run with uvx, e.g. mcp-server-fetch==2025.4.7.","type":"string","minLength":1},"build":{"description":"Build the image from a context directory (a path, or a mapping with context, dockerfile, args, target).","type":["string","object"],"minLength":1,"properties":{"context":{"type":"string","minLength":1},"dockerfile":{"type":"string","minLength":1},"args":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}},"target":{"type":"string","minLength":1},"tag":{"description":"Image tag to build. Default: <project>-<server>:latest.","type":"string","minLength":1}},"required":["context"],"additionalProperties":false},"url":{"description":"A remote MCP server's endpoint, e.g. https://mcp.example.com/mcp: no container; the gateway, test, lock and apply's check reach it there. https only (plain http only to a loopback address, with allow: [private_urls]); an address in a loopback, private, link-local or metadata range, by literal or after DNS, needs allow: [private_urls]. Its transport is Streamable HTTP, or transport: sse for a legacy HTTP+SSE server.","type":"string","minLength":1,"maxLength":2048},"headers":{"description":"url: servers only. HTTP headers sent with every request to the remote server; each value must come from a variable (\"Bearer ${LINEAR_TOKEN}\"): a header may carry a credential, which never stands in the file.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string"}},"auth":{"description":"url: servers only. OAuth 2.1 to the remote server, as the MCP authorization specification says: discovery from its 401 (protected resource metadata, then the authorization server's metadata), PKCE, the resource parameter, issuer checks, refresh and step-up. Without this key a server that asks for OAuth is still logged in to with `auth login` (the client then a Client ID Metadata Document where client_metadata_url is given, else registered dynamically). Tokens live in the user's token store, never in this file.","type":"object","properties":{"grant":{"description":"authorization_code (default): a user logs in once with `mcp-orchestrator auth login SERVER`; client_credentials: machine to machine, with client_id and client_secret (or private_key_file).","enum":["authorization_code","client_credentials"]},"issuer":{"description":"The authorization server a pre-registered client belongs to (its issuer URL): its credentials are sent to no other, whatever the server's metadata names. Recommended with client_secret and private_key_file.","type":"string","pattern":"^https?://[^\\s]+$"},"client_id":{"description":"A client registered with the authorization server beforehand.","type":"string","minLength":1,"maxLength":512},"client_secret":{"description":"Its secret: from a variable only (\"${LINEAR_CLIENT_SECRET}\"), never written here.","type":"string","minLength":1,"maxLength":4096},"private_key_file":{"description":"Instead of a secret: a PEM private key (relative to this file) the client signs its token requests with (private_key_jwt, RFC 7523).","type":"string","minLength":1},"signing_algorithm":{"description":"private_key_file's algorithm. Default RS256.","enum":["RS256","RS384","RS512","PS256","PS384","PS512","ES256","ES384","ES512","EdDSA"]},"client_metadata_url":{"description":"The https URL where this client's metadata document is published: its client ID at authorization servers that support Client ID Metadata Documents.","type":"string","pattern":"^https://[^/]+/.+"},"scopes":{"description":"Scopes to ask for; by default those the server's challenge or metadata names.","type":"array","items":{"type":"string","pattern":"^[!#-\\[\\]-~]+$"},"maxItems":64}},"additionalProperties":false},"depends_on":{"description":"Servers that must be created before this one.","$ref":"#/$defs/stringList"},"develop":{"description":"Hot reload under `watch`: a change under a path restarts the server (source bind-mounted) or rebuilds its build: image and recreates it.","type":"object","properties":{"watch":{"type":"array","items":{"$ref":"#/$defs/developWatch"}}},"additionalProperties":false}},"patternProperties":{"^x-":{}},"unevaluatedProperties":false,"oneOf":[{"required":["image"]},{"required":["npx"]},{"required":["uvx"]},{"required":["build"]},{"required":["url"]}]};
const schema46 = {"title":"DevelopWatch","type":"object","properties":{"path":{"description":"File or directory to watch, relative to the stack file.","type":"string","minLength":1},"action":{"description":"restart: restart the container; rebuild: rebuild the build: image and recreate.","enum":["restart","rebuild"]},"ignore":{"description":"Glob patterns, relative to path, whose changes are ignored (e.g. node_modules/**, *.log).","type":"array","items":{"type":"string","minLength":1}}},"required":["path","action"],"additionalProperties":false};
const pattern15 = new RegExp("^https://[^/]+/.+", "u");

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
const _errs1 = errors;
let valid0 = false;
let passing0 = null;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.image === undefined){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema43.oneOf[0].required,parentSchema:schema43.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.npx === undefined){
const err1 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "npx"},message:"must have required property '"+"npx"+"'",schema:schema43.oneOf[1].required,parentSchema:schema43.oneOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.uvx === undefined){
const err2 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "uvx"},message:"must have required property '"+"uvx"+"'",schema:schema43.oneOf[2].required,parentSchema:schema43.oneOf[2],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.build === undefined){
const err3 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: "build"},message:"must have required property '"+"build"+"'",schema:schema43.oneOf[3].required,parentSchema:schema43.oneOf[3],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.url === undefined){
const err4 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema43.oneOf[4].required,parentSchema:schema43.oneOf[4],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
}
}
}
}
}
if(!valid0){
const err5 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema43.oneOf,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.image !== undefined){
let data0 = data.image;
if(typeof data0 !== "string"){
let dataType0 = typeof data0;
let coerced0 = undefined;
if(!(coerced0 !== undefined)){
if(dataType0 == "number" || dataType0 == "boolean"){
coerced0 = "" + data0;
}
else if(data0 === null){
coerced0 = "";
}
else {
const err6 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.image.type,parentSchema:schema43.properties.image,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(coerced0 !== undefined){
data0 = coerced0;
if(data !== undefined){
data["image"] = coerced0;
}
}
}
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err7 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.image,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.npx !== undefined){
let data1 = data.npx;
if(typeof data1 !== "string"){
let dataType1 = typeof data1;
let coerced1 = undefined;
if(!(coerced1 !== undefined)){
if(dataType1 == "number" || dataType1 == "boolean"){
coerced1 = "" + data1;
}
else if(data1 === null){
coerced1 = "";
}
else {
const err8 = {instancePath:instancePath+"/npx",schemaPath:"#/properties/npx/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.npx.type,parentSchema:schema43.properties.npx,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(coerced1 !== undefined){
data1 = coerced1;
if(data !== undefined){
data["npx"] = coerced1;
}
}
}
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err9 = {instancePath:instancePath+"/npx",schemaPath:"#/properties/npx/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.npx,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.uvx !== undefined){
let data2 = data.uvx;
if(typeof data2 !== "string"){
let dataType2 = typeof data2;
let coerced2 = undefined;
if(!(coerced2 !== undefined)){
if(dataType2 == "number" || dataType2 == "boolean"){
coerced2 = "" + data2;
}
else if(data2 === null){
coerced2 = "";
}
else {
const err10 = {instancePath:instancePath+"/uvx",schemaPath:"#/properties/uvx/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.uvx.type,parentSchema:schema43.properties.uvx,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(coerced2 !== undefined){
data2 = coerced2;
if(data !== undefined){
data["uvx"] = coerced2;
}
}
}
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err11 = {instancePath:instancePath+"/uvx",schemaPath:"#/properties/uvx/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.uvx,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.build !== undefined){
let data3 = data.build;
if((typeof data3 !== "string") && (!(data3 && typeof data3 == "object" && !Array.isArray(data3)))){
let dataType3 = typeof data3;
let coerced3 = undefined;
if(!(coerced3 !== undefined)){
if(dataType3 == "number" || dataType3 == "boolean"){
coerced3 = "" + data3;
}
else if(data3 === null){
coerced3 = "";
}
else {
const err12 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/type",keyword:"type",params:{type: schema43.properties.build.type},message:"must be string,object",schema:schema43.properties.build.type,parentSchema:schema43.properties.build,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(coerced3 !== undefined){
data3 = coerced3;
if(data !== undefined){
data["build"] = coerced3;
}
}
}
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err13 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.build,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.context === undefined){
const err14 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/required",keyword:"required",params:{missingProperty: "context"},message:"must have required property '"+"context"+"'",schema:schema43.properties.build.required,parentSchema:schema43.properties.build,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(let key0 in data3){
if(!(((((key0 === "context") || (key0 === "dockerfile")) || (key0 === "args")) || (key0 === "target")) || (key0 === "tag"))){
const err15 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.build,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.context !== undefined){
let data4 = data3.context;
if(typeof data4 !== "string"){
let dataType4 = typeof data4;
let coerced4 = undefined;
if(!(coerced4 !== undefined)){
if(dataType4 == "number" || dataType4 == "boolean"){
coerced4 = "" + data4;
}
else if(data4 === null){
coerced4 = "";
}
else {
const err16 = {instancePath:instancePath+"/build/context",schemaPath:"#/properties/build/properties/context/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.build.properties.context.type,parentSchema:schema43.properties.build.properties.context,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(coerced4 !== undefined){
data4 = coerced4;
if(data3 !== undefined){
data3["context"] = coerced4;
}
}
}
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err17 = {instancePath:instancePath+"/build/context",schemaPath:"#/properties/build/properties/context/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.build.properties.context,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data3.dockerfile !== undefined){
let data5 = data3.dockerfile;
if(typeof data5 !== "string"){
let dataType5 = typeof data5;
let coerced5 = undefined;
if(!(coerced5 !== undefined)){
if(dataType5 == "number" || dataType5 == "boolean"){
coerced5 = "" + data5;
}
else if(data5 === null){
coerced5 = "";
}
else {
const err18 = {instancePath:instancePath+"/build/dockerfile",schemaPath:"#/properties/build/properties/dockerfile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.build.properties.dockerfile.type,parentSchema:schema43.properties.build.properties.dockerfile,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(coerced5 !== undefined){
data5 = coerced5;
if(data3 !== undefined){
data3["dockerfile"] = coerced5;
}
}
}
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err19 = {instancePath:instancePath+"/build/dockerfile",schemaPath:"#/properties/build/properties/dockerfile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.build.properties.dockerfile,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data3.args !== undefined){
let data6 = data3.args;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(let key1 in data6){
let data7 = data6[key1];
if(((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))) && (typeof data7 !== "boolean")){
let dataType6 = typeof data7;
let coerced6 = undefined;
if(!(coerced6 !== undefined)){
if(dataType6 == "number" || dataType6 == "boolean"){
coerced6 = "" + data7;
}
else if(data7 === null){
coerced6 = "";
}
else if(dataType6 == "boolean" || data7 === null
              || (dataType6 == "string" && data7 && data7 == +data7)){
coerced6 = +data7;
}
else if(data7 === "false" || data7 === 0 || data7 === null){
coerced6 = false;
}
else if(data7 === "true" || data7 === 1){
coerced6 = true;
}
else {
const err20 = {instancePath:instancePath+"/build/args/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/scalar/type",keyword:"type",params:{type: schema33.type},message:"must be string,number,boolean",schema:schema33.type,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(coerced6 !== undefined){
data7 = coerced6;
if(data6 !== undefined){
data6[key1] = coerced6;
}
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/build/args",schemaPath:"#/properties/build/properties/args/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.build.properties.args.type,parentSchema:schema43.properties.build.properties.args,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data3.target !== undefined){
let data8 = data3.target;
if(typeof data8 !== "string"){
let dataType7 = typeof data8;
let coerced7 = undefined;
if(!(coerced7 !== undefined)){
if(dataType7 == "number" || dataType7 == "boolean"){
coerced7 = "" + data8;
}
else if(data8 === null){
coerced7 = "";
}
else {
const err22 = {instancePath:instancePath+"/build/target",schemaPath:"#/properties/build/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.build.properties.target.type,parentSchema:schema43.properties.build.properties.target,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(coerced7 !== undefined){
data8 = coerced7;
if(data3 !== undefined){
data3["target"] = coerced7;
}
}
}
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err23 = {instancePath:instancePath+"/build/target",schemaPath:"#/properties/build/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.build.properties.target,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data3.tag !== undefined){
let data9 = data3.tag;
if(typeof data9 !== "string"){
let dataType8 = typeof data9;
let coerced8 = undefined;
if(!(coerced8 !== undefined)){
if(dataType8 == "number" || dataType8 == "boolean"){
coerced8 = "" + data9;
}
else if(data9 === null){
coerced8 = "";
}
else {
const err24 = {instancePath:instancePath+"/build/tag",schemaPath:"#/properties/build/properties/tag/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.build.properties.tag.type,parentSchema:schema43.properties.build.properties.tag,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(coerced8 !== undefined){
data9 = coerced8;
if(data3 !== undefined){
data3["tag"] = coerced8;
}
}
}
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err25 = {instancePath:instancePath+"/build/tag",schemaPath:"#/properties/build/properties/tag/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.build.properties.tag,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
}
}
if(data.url !== undefined){
let data10 = data.url;
if(typeof data10 !== "string"){
let dataType9 = typeof data10;
let coerced9 = undefined;
if(!(coerced9 !== undefined)){
if(dataType9 == "number" || dataType9 == "boolean"){
coerced9 = "" + data10;
}
else if(data10 === null){
coerced9 = "";
}
else {
const err26 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.url.type,parentSchema:schema43.properties.url,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(coerced9 !== undefined){
data10 = coerced9;
if(data !== undefined){
data["url"] = coerced9;
}
}
}
if(typeof data10 === "string"){
if(func2(data10) > 2048){
const err27 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema43.properties.url,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(func2(data10) < 1){
const err28 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.url,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data.headers !== undefined){
let data11 = data.headers;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(let key2 in data11){
const _errs34 = errors;
if(typeof key2 === "string"){
if(!pattern13.test(key2)){
const err29 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",schema:"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",parentSchema:schema43.properties.headers.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
var valid5 = _errs34 === errors;
if(!valid5){
const err30 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema43.properties.headers.propertyNames,parentSchema:schema43.properties.headers,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
for(let key3 in data11){
let data12 = data11[key3];
if(typeof data12 !== "string"){
let dataType10 = typeof data12;
let coerced10 = undefined;
if(!(coerced10 !== undefined)){
if(dataType10 == "number" || dataType10 == "boolean"){
coerced10 = "" + data12;
}
else if(data12 === null){
coerced10 = "";
}
else {
const err31 = {instancePath:instancePath+"/headers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.headers.additionalProperties.type,parentSchema:schema43.properties.headers.additionalProperties,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(coerced10 !== undefined){
data12 = coerced10;
if(data11 !== undefined){
data11[key3] = coerced10;
}
}
}
}
}
else {
const err32 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.headers.type,parentSchema:schema43.properties.headers,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.auth !== undefined){
let data13 = data.auth;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(let key4 in data13){
if(!((((((((key4 === "grant") || (key4 === "issuer")) || (key4 === "client_id")) || (key4 === "client_secret")) || (key4 === "private_key_file")) || (key4 === "signing_algorithm")) || (key4 === "client_metadata_url")) || (key4 === "scopes"))){
const err33 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.auth,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.grant !== undefined){
let data14 = data13.grant;
if(!((data14 === "authorization_code") || (data14 === "client_credentials"))){
const err34 = {instancePath:instancePath+"/auth/grant",schemaPath:"#/properties/auth/properties/grant/enum",keyword:"enum",params:{allowedValues: schema43.properties.auth.properties.grant.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.auth.properties.grant.enum,parentSchema:schema43.properties.auth.properties.grant,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data13.issuer !== undefined){
let data15 = data13.issuer;
if(typeof data15 !== "string"){
let dataType11 = typeof data15;
let coerced11 = undefined;
if(!(coerced11 !== undefined)){
if(dataType11 == "number" || dataType11 == "boolean"){
coerced11 = "" + data15;
}
else if(data15 === null){
coerced11 = "";
}
else {
const err35 = {instancePath:instancePath+"/auth/issuer",schemaPath:"#/properties/auth/properties/issuer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.issuer.type,parentSchema:schema43.properties.auth.properties.issuer,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(coerced11 !== undefined){
data15 = coerced11;
if(data13 !== undefined){
data13["issuer"] = coerced11;
}
}
}
if(typeof data15 === "string"){
if(!pattern14.test(data15)){
const err36 = {instancePath:instancePath+"/auth/issuer",schemaPath:"#/properties/auth/properties/issuer/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema43.properties.auth.properties.issuer,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data13.client_id !== undefined){
let data16 = data13.client_id;
if(typeof data16 !== "string"){
let dataType12 = typeof data16;
let coerced12 = undefined;
if(!(coerced12 !== undefined)){
if(dataType12 == "number" || dataType12 == "boolean"){
coerced12 = "" + data16;
}
else if(data16 === null){
coerced12 = "";
}
else {
const err37 = {instancePath:instancePath+"/auth/client_id",schemaPath:"#/properties/auth/properties/client_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.client_id.type,parentSchema:schema43.properties.auth.properties.client_id,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(coerced12 !== undefined){
data16 = coerced12;
if(data13 !== undefined){
data13["client_id"] = coerced12;
}
}
}
if(typeof data16 === "string"){
if(func2(data16) > 512){
const err38 = {instancePath:instancePath+"/auth/client_id",schemaPath:"#/properties/auth/properties/client_id/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters",schema:512,parentSchema:schema43.properties.auth.properties.client_id,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(func2(data16) < 1){
const err39 = {instancePath:instancePath+"/auth/client_id",schemaPath:"#/properties/auth/properties/client_id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.auth.properties.client_id,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(data13.client_secret !== undefined){
let data17 = data13.client_secret;
if(typeof data17 !== "string"){
let dataType13 = typeof data17;
let coerced13 = undefined;
if(!(coerced13 !== undefined)){
if(dataType13 == "number" || dataType13 == "boolean"){
coerced13 = "" + data17;
}
else if(data17 === null){
coerced13 = "";
}
else {
const err40 = {instancePath:instancePath+"/auth/client_secret",schemaPath:"#/properties/auth/properties/client_secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.client_secret.type,parentSchema:schema43.properties.auth.properties.client_secret,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(coerced13 !== undefined){
data17 = coerced13;
if(data13 !== undefined){
data13["client_secret"] = coerced13;
}
}
}
if(typeof data17 === "string"){
if(func2(data17) > 4096){
const err41 = {instancePath:instancePath+"/auth/client_secret",schemaPath:"#/properties/auth/properties/client_secret/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema43.properties.auth.properties.client_secret,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(func2(data17) < 1){
const err42 = {instancePath:instancePath+"/auth/client_secret",schemaPath:"#/properties/auth/properties/client_secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.auth.properties.client_secret,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
if(data13.private_key_file !== undefined){
let data18 = data13.private_key_file;
if(typeof data18 !== "string"){
let dataType14 = typeof data18;
let coerced14 = undefined;
if(!(coerced14 !== undefined)){
if(dataType14 == "number" || dataType14 == "boolean"){
coerced14 = "" + data18;
}
else if(data18 === null){
coerced14 = "";
}
else {
const err43 = {instancePath:instancePath+"/auth/private_key_file",schemaPath:"#/properties/auth/properties/private_key_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.private_key_file.type,parentSchema:schema43.properties.auth.properties.private_key_file,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(coerced14 !== undefined){
data18 = coerced14;
if(data13 !== undefined){
data13["private_key_file"] = coerced14;
}
}
}
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err44 = {instancePath:instancePath+"/auth/private_key_file",schemaPath:"#/properties/auth/properties/private_key_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.auth.properties.private_key_file,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
if(data13.signing_algorithm !== undefined){
let data19 = data13.signing_algorithm;
if(!((((((((((data19 === "RS256") || (data19 === "RS384")) || (data19 === "RS512")) || (data19 === "PS256")) || (data19 === "PS384")) || (data19 === "PS512")) || (data19 === "ES256")) || (data19 === "ES384")) || (data19 === "ES512")) || (data19 === "EdDSA"))){
const err45 = {instancePath:instancePath+"/auth/signing_algorithm",schemaPath:"#/properties/auth/properties/signing_algorithm/enum",keyword:"enum",params:{allowedValues: schema43.properties.auth.properties.signing_algorithm.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.auth.properties.signing_algorithm.enum,parentSchema:schema43.properties.auth.properties.signing_algorithm,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data13.client_metadata_url !== undefined){
let data20 = data13.client_metadata_url;
if(typeof data20 !== "string"){
let dataType15 = typeof data20;
let coerced15 = undefined;
if(!(coerced15 !== undefined)){
if(dataType15 == "number" || dataType15 == "boolean"){
coerced15 = "" + data20;
}
else if(data20 === null){
coerced15 = "";
}
else {
const err46 = {instancePath:instancePath+"/auth/client_metadata_url",schemaPath:"#/properties/auth/properties/client_metadata_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.client_metadata_url.type,parentSchema:schema43.properties.auth.properties.client_metadata_url,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(coerced15 !== undefined){
data20 = coerced15;
if(data13 !== undefined){
data13["client_metadata_url"] = coerced15;
}
}
}
if(typeof data20 === "string"){
if(!pattern15.test(data20)){
const err47 = {instancePath:instancePath+"/auth/client_metadata_url",schemaPath:"#/properties/auth/properties/client_metadata_url/pattern",keyword:"pattern",params:{pattern: "^https://[^/]+/.+"},message:"must match pattern \""+"^https://[^/]+/.+"+"\"",schema:"^https://[^/]+/.+",parentSchema:schema43.properties.auth.properties.client_metadata_url,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
if(data13.scopes !== undefined){
let data21 = data13.scopes;
if(Array.isArray(data21)){
if(data21.length > 64){
const err48 = {instancePath:instancePath+"/auth/scopes",schemaPath:"#/properties/auth/properties/scopes/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema43.properties.auth.properties.scopes,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
const len0 = data21.length;
for(let i0=0; i0<len0; i0++){
let data22 = data21[i0];
if(typeof data22 !== "string"){
let dataType16 = typeof data22;
let coerced16 = undefined;
if(!(coerced16 !== undefined)){
if(dataType16 == "number" || dataType16 == "boolean"){
coerced16 = "" + data22;
}
else if(data22 === null){
coerced16 = "";
}
else {
const err49 = {instancePath:instancePath+"/auth/scopes/" + i0,schemaPath:"#/properties/auth/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.auth.properties.scopes.items.type,parentSchema:schema43.properties.auth.properties.scopes.items,data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(coerced16 !== undefined){
data22 = coerced16;
if(data21 !== undefined){
data21[i0] = coerced16;
}
}
}
if(typeof data22 === "string"){
if(!pattern16.test(data22)){
const err50 = {instancePath:instancePath+"/auth/scopes/" + i0,schemaPath:"#/properties/auth/properties/scopes/items/pattern",keyword:"pattern",params:{pattern: "^[!#-\\[\\]-~]+$"},message:"must match pattern \""+"^[!#-\\[\\]-~]+$"+"\"",schema:"^[!#-\\[\\]-~]+$",parentSchema:schema43.properties.auth.properties.scopes.items,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
}
else {
const err51 = {instancePath:instancePath+"/auth/scopes",schemaPath:"#/properties/auth/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.auth.properties.scopes.type,parentSchema:schema43.properties.auth.properties.scopes,data:data21};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.auth.type,parentSchema:schema43.properties.auth,data:data13};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.depends_on !== undefined){
let data23 = data.depends_on;
if(Array.isArray(data23)){
const len1 = data23.length;
for(let i1=0; i1<len1; i1++){
let data24 = data23[i1];
if(typeof data24 !== "string"){
let dataType17 = typeof data24;
let coerced17 = undefined;
if(!(coerced17 !== undefined)){
if(dataType17 == "number" || dataType17 == "boolean"){
coerced17 = "" + data24;
}
else if(data24 === null){
coerced17 = "";
}
else {
const err53 = {instancePath:instancePath+"/depends_on/" + i1,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data24};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(coerced17 !== undefined){
data24 = coerced17;
if(data23 !== undefined){
data23[i1] = coerced17;
}
}
}
}
}
else {
const err54 = {instancePath:instancePath+"/depends_on",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.develop !== undefined){
let data25 = data.develop;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(let key5 in data25){
if(!(key5 === "watch")){
const err55 = {instancePath:instancePath+"/develop",schemaPath:"#/properties/develop/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.develop,data:data25};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data25.watch !== undefined){
let data26 = data25.watch;
if(Array.isArray(data26)){
const len2 = data26.length;
for(let i2=0; i2<len2; i2++){
let data27 = data26[i2];
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.path === undefined){
const err56 = {instancePath:instancePath+"/develop/watch/" + i2,schemaPath:"#/$defs/developWatch/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema46.required,parentSchema:schema46,data:data27};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(data27.action === undefined){
const err57 = {instancePath:instancePath+"/develop/watch/" + i2,schemaPath:"#/$defs/developWatch/required",keyword:"required",params:{missingProperty: "action"},message:"must have required property '"+"action"+"'",schema:schema46.required,parentSchema:schema46,data:data27};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
for(let key6 in data27){
if(!(((key6 === "path") || (key6 === "action")) || (key6 === "ignore"))){
const err58 = {instancePath:instancePath+"/develop/watch/" + i2,schemaPath:"#/$defs/developWatch/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data:data27};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data27.path !== undefined){
let data28 = data27.path;
if(typeof data28 !== "string"){
let dataType18 = typeof data28;
let coerced18 = undefined;
if(!(coerced18 !== undefined)){
if(dataType18 == "number" || dataType18 == "boolean"){
coerced18 = "" + data28;
}
else if(data28 === null){
coerced18 = "";
}
else {
const err59 = {instancePath:instancePath+"/develop/watch/" + i2+"/path",schemaPath:"#/$defs/developWatch/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.path.type,parentSchema:schema46.properties.path,data:data28};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(coerced18 !== undefined){
data28 = coerced18;
if(data27 !== undefined){
data27["path"] = coerced18;
}
}
}
if(typeof data28 === "string"){
if(func2(data28) < 1){
const err60 = {instancePath:instancePath+"/develop/watch/" + i2+"/path",schemaPath:"#/$defs/developWatch/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.properties.path,data:data28};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
if(data27.action !== undefined){
let data29 = data27.action;
if(!((data29 === "restart") || (data29 === "rebuild"))){
const err61 = {instancePath:instancePath+"/develop/watch/" + i2+"/action",schemaPath:"#/$defs/developWatch/properties/action/enum",keyword:"enum",params:{allowedValues: schema46.properties.action.enum},message:"must be equal to one of the allowed values",schema:schema46.properties.action.enum,parentSchema:schema46.properties.action,data:data29};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data27.ignore !== undefined){
let data30 = data27.ignore;
if(Array.isArray(data30)){
const len3 = data30.length;
for(let i3=0; i3<len3; i3++){
let data31 = data30[i3];
if(typeof data31 !== "string"){
let dataType19 = typeof data31;
let coerced19 = undefined;
if(!(coerced19 !== undefined)){
if(dataType19 == "number" || dataType19 == "boolean"){
coerced19 = "" + data31;
}
else if(data31 === null){
coerced19 = "";
}
else {
const err62 = {instancePath:instancePath+"/develop/watch/" + i2+"/ignore/" + i3,schemaPath:"#/$defs/developWatch/properties/ignore/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.ignore.items.type,parentSchema:schema46.properties.ignore.items,data:data31};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(coerced19 !== undefined){
data31 = coerced19;
if(data30 !== undefined){
data30[i3] = coerced19;
}
}
}
if(typeof data31 === "string"){
if(func2(data31) < 1){
const err63 = {instancePath:instancePath+"/develop/watch/" + i2+"/ignore/" + i3,schemaPath:"#/$defs/developWatch/properties/ignore/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.properties.ignore.items,data:data31};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
}
else {
const err64 = {instancePath:instancePath+"/develop/watch/" + i2+"/ignore",schemaPath:"#/$defs/developWatch/properties/ignore/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.properties.ignore.type,parentSchema:schema46.properties.ignore,data:data30};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/develop/watch/" + i2,schemaPath:"#/$defs/developWatch/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data:data27};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath:instancePath+"/develop/watch",schemaPath:"#/properties/develop/properties/watch/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.develop.properties.watch.type,parentSchema:schema43.properties.develop.properties.watch,data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath:instancePath+"/develop",schemaPath:"#/properties/develop/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.develop.type,parentSchema:schema43.properties.develop,data:data25};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
var props0 = {};
props0.image = true;
props0.npx = true;
props0.uvx = true;
props0.build = true;
props0.url = true;
props0.headers = true;
props0.auth = true;
props0.depends_on = true;
props0.develop = true;
props0.command = true;
props0.entrypoint = true;
props0.args = true;
props0.env = true;
props0.env_file = true;
props0.volumes = true;
props0.networks = true;
props0.ports = true;
props0.transport = true;
props0.restart = true;
props0.user = true;
props0.working_dir = true;
props0.labels = true;
props0.resources = true;
props0.replicas = true;
props0.placement = true;
props0.read_only = true;
props0.logging = true;
props0.init = true;
props0.privileged = true;
props0.no_new_privileges = true;
props0.cap_add = true;
props0.cap_drop = true;
props0.ready = true;
props0.rollout = true;
props0.stop_timeout = true;
props0.network_mode = true;
props0.pid = true;
props0.devices = true;
props0.secrets = true;
for(let key7 in data){
if(pattern4.test(key7)){
props0[key7] = true;
}
}
if(props0 !== true){
for(let key8 in data){
if(!props0 || !props0[key8]){
const err68 = {instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key8},message:"must NOT have unevaluated properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
}
else {
const err69 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema48 = {"title":"Network","type":["object","null"],"properties":{"driver":{"type":"string","minLength":1,"description":"Network driver. Default: bridge, or overlay with backend: swarm."},"internal":{"description":"No route to the outside world.","type":"boolean"},"labels":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}}},"additionalProperties":false};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
let coerced0 = undefined;
if(!(coerced0 !== undefined)){
if(data === "" || data === 0 || data === false){
coerced0 = null;
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema48.type},message:"must be object,null",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(coerced0 !== undefined){
data = coerced0;
if(parentData !== undefined){
parentData[parentDataProperty] = coerced0;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(let key0 in data){
if(!(((key0 === "driver") || (key0 === "internal")) || (key0 === "labels"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.driver !== undefined){
let data0 = data.driver;
if(typeof data0 !== "string"){
let dataType1 = typeof data0;
let coerced1 = undefined;
if(!(coerced1 !== undefined)){
if(dataType1 == "number" || dataType1 == "boolean"){
coerced1 = "" + data0;
}
else if(data0 === null){
coerced1 = "";
}
else {
const err2 = {instancePath:instancePath+"/driver",schemaPath:"#/properties/driver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.driver.type,parentSchema:schema48.properties.driver,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(coerced1 !== undefined){
data0 = coerced1;
if(data !== undefined){
data["driver"] = coerced1;
}
}
}
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/driver",schemaPath:"#/properties/driver/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema48.properties.driver,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(data.internal !== undefined){
let data1 = data.internal;
if(typeof data1 !== "boolean"){
let coerced2 = undefined;
if(!(coerced2 !== undefined)){
if(data1 === "false" || data1 === 0 || data1 === null){
coerced2 = false;
}
else if(data1 === "true" || data1 === 1){
coerced2 = true;
}
else {
const err4 = {instancePath:instancePath+"/internal",schemaPath:"#/properties/internal/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.internal.type,parentSchema:schema48.properties.internal,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(coerced2 !== undefined){
data1 = coerced2;
if(data !== undefined){
data["internal"] = coerced2;
}
}
}
}
if(data.labels !== undefined){
let data2 = data.labels;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(let key1 in data2){
let data3 = data2[key1];
if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){
let dataType3 = typeof data3;
let coerced3 = undefined;
if(!(coerced3 !== undefined)){
if(dataType3 == "number" || dataType3 == "boolean"){
coerced3 = "" + data3;
}
else if(data3 === null){
coerced3 = "";
}
else if(dataType3 == "boolean" || data3 === null
              || (dataType3 == "string" && data3 && data3 == +data3)){
coerced3 = +data3;
}
else if(data3 === "false" || data3 === 0 || data3 === null){
coerced3 = false;
}
else if(data3 === "true" || data3 === 1){
coerced3 = true;
}
else {
const err5 = {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/scalar/type",keyword:"type",params:{type: schema33.type},message:"must be string,number,boolean",schema:schema33.type,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(coerced3 !== undefined){
data3 = coerced3;
if(data2 !== undefined){
data2[key1] = coerced3;
}
}
}
}
}
else {
const err6 = {instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.labels.type,parentSchema:schema48.properties.labels,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema51 = {"title":"Volume","type":["object","null"],"properties":{"driver":{"type":"string","minLength":1},"labels":{"type":"object","additionalProperties":{"$ref":"#/$defs/scalar"}}},"additionalProperties":false};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
let coerced0 = undefined;
if(!(coerced0 !== undefined)){
if(data === "" || data === 0 || data === false){
coerced0 = null;
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema51.type},message:"must be object,null",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(coerced0 !== undefined){
data = coerced0;
if(parentData !== undefined){
parentData[parentDataProperty] = coerced0;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(let key0 in data){
if(!((key0 === "driver") || (key0 === "labels"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.driver !== undefined){
let data0 = data.driver;
if(typeof data0 !== "string"){
let dataType1 = typeof data0;
let coerced1 = undefined;
if(!(coerced1 !== undefined)){
if(dataType1 == "number" || dataType1 == "boolean"){
coerced1 = "" + data0;
}
else if(data0 === null){
coerced1 = "";
}
else {
const err2 = {instancePath:instancePath+"/driver",schemaPath:"#/properties/driver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.driver.type,parentSchema:schema51.properties.driver,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(coerced1 !== undefined){
data0 = coerced1;
if(data !== undefined){
data["driver"] = coerced1;
}
}
}
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/driver",schemaPath:"#/properties/driver/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema51.properties.driver,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(let key1 in data1){
let data2 = data1[key1];
if(((typeof data2 !== "string") && (!((typeof data2 == "number") && (isFinite(data2))))) && (typeof data2 !== "boolean")){
let dataType2 = typeof data2;
let coerced2 = undefined;
if(!(coerced2 !== undefined)){
if(dataType2 == "number" || dataType2 == "boolean"){
coerced2 = "" + data2;
}
else if(data2 === null){
coerced2 = "";
}
else if(dataType2 == "boolean" || data2 === null
              || (dataType2 == "string" && data2 && data2 == +data2)){
coerced2 = +data2;
}
else if(data2 === "false" || data2 === 0 || data2 === null){
coerced2 = false;
}
else if(data2 === "true" || data2 === 1){
coerced2 = true;
}
else {
const err4 = {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/scalar/type",keyword:"type",params:{type: schema33.type},message:"must be string,number,boolean",schema:schema33.type,parentSchema:schema33,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(coerced2 !== undefined){
data2 = coerced2;
if(data1 !== undefined){
data1[key1] = coerced2;
}
}
}
}
}
else {
const err5 = {instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.properties.labels.type,parentSchema:schema51.properties.labels,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://mcp-orchestrator.dev/schemas/mcp-stack.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.servers === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "servers"},message:"must have required property '"+"servers"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(let key0 in data){
if(!((func1.call(schema31.properties, key0)) || (pattern4.test(key0)))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.project !== undefined){
let data1 = data.project;
if(typeof data1 !== "string"){
let dataType0 = typeof data1;
let coerced0 = undefined;
if(!(coerced0 !== undefined)){
if(dataType0 == "number" || dataType0 == "boolean"){
coerced0 = "" + data1;
}
else if(data1 === null){
coerced0 = "";
}
else {
const err4 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.project.type,parentSchema:schema31.properties.project,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(coerced0 !== undefined){
data1 = coerced0;
if(data !== undefined){
data["project"] = coerced0;
}
}
}
if(typeof data1 === "string"){
if(func2(data1) > 63){
const err5 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema31.properties.project,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern5.test(data1)){
const err6 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema31.properties.project,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.backend !== undefined){
let data2 = data.backend;
if(!((data2 === "containers") || (data2 === "swarm"))){
const err7 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/enum",keyword:"enum",params:{allowedValues: schema31.properties.backend.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.backend.enum,parentSchema:schema31.properties.backend,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.registry !== undefined){
let data3 = data.registry;
if(typeof data3 !== "string"){
let dataType1 = typeof data3;
let coerced1 = undefined;
if(!(coerced1 !== undefined)){
if(dataType1 == "number" || dataType1 == "boolean"){
coerced1 = "" + data3;
}
else if(data3 === null){
coerced1 = "";
}
else {
const err8 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.registry.type,parentSchema:schema31.properties.registry,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(coerced1 !== undefined){
data3 = coerced1;
if(data !== undefined){
data["registry"] = coerced1;
}
}
}
if(typeof data3 === "string"){
if(func2(data3) > 200){
const err9 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema31.properties.registry,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern6.test(data3)){
const err10 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$"},message:"must match pattern \""+"^[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$"+"\"",schema:"^[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*$",parentSchema:schema31.properties.registry,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.allow !== undefined){
let data4 = data.allow;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(!(((((((((data5 === "privileged") || (data5 === "docker_socket")) || (data5 === "host_network")) || (data5 === "host_pid")) || (data5 === "host_paths")) || (data5 === "cap_add")) || (data5 === "devices")) || (data5 === "stack_dir")) || (data5 === "private_urls"))){
const err11 = {instancePath:instancePath+"/allow/" + i0,schemaPath:"#/properties/allow/items/enum",keyword:"enum",params:{allowedValues: schema31.properties.allow.items.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.allow.items.enum,parentSchema:schema31.properties.allow.items,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data4[i1], data4[j0])){
const err12 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema31.properties.allow,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.allow.type,parentSchema:schema31.properties.allow,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.defaults !== undefined){
let data6 = data.defaults;
if(!(validate21(data6, {instancePath:instancePath+"/defaults",parentData:data,parentDataProperty:"defaults",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
var props0 = {};
props0.command = true;
props0.entrypoint = true;
props0.args = true;
props0.env = true;
props0.env_file = true;
props0.volumes = true;
props0.networks = true;
props0.ports = true;
props0.transport = true;
props0.restart = true;
props0.user = true;
props0.working_dir = true;
props0.labels = true;
props0.resources = true;
props0.replicas = true;
props0.placement = true;
props0.read_only = true;
props0.logging = true;
props0.init = true;
props0.privileged = true;
props0.no_new_privileges = true;
props0.cap_add = true;
props0.cap_drop = true;
props0.ready = true;
props0.rollout = true;
props0.stop_timeout = true;
props0.network_mode = true;
props0.pid = true;
props0.devices = true;
props0.secrets = true;
for(let key1 in data6){
if(pattern4.test(key1)){
props0[key1] = true;
}
}
if(props0 !== true){
for(let key2 in data6){
if(!props0 || !props0[key2]){
const err14 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key2},message:"must NOT have unevaluated properties",schema:false,parentSchema:schema31.properties.defaults,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
}
else {
const err15 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.defaults.type,parentSchema:schema31.properties.defaults,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.servers !== undefined){
let data7 = data.servers;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(let key3 in data7){
const _errs16 = errors;
if(typeof key3 !== "string"){
let dataType2 = typeof key3;
let coerced2 = undefined;
if(!(coerced2 !== undefined)){
if(dataType2 == "number" || dataType2 == "boolean"){
coerced2 = "" + key3;
}
else if(key3 === null){
coerced2 = "";
}
else {
const err16 = {instancePath:instancePath+"/servers",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(coerced2 !== undefined){
key3 = coerced2;
if(data7 !== undefined){
data7["servers"] = coerced2;
}
}
}
if(typeof key3 === "string"){
if(func2(key3) > 63){
const err17 = {instancePath:instancePath+"/servers",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern5.test(key3)){
const err18 = {instancePath:instancePath+"/servers",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var valid5 = _errs16 === errors;
if(!valid5){
const err19 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema31.properties.servers.propertyNames,parentSchema:schema31.properties.servers,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
for(let key4 in data7){
if(!(validate23(data7[key4], {instancePath:instancePath+"/servers/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data7,parentDataProperty:key4,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.servers.type,parentSchema:schema31.properties.servers,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.networks !== undefined){
let data9 = data.networks;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(let key5 in data9){
const _errs23 = errors;
if(typeof key5 !== "string"){
let dataType3 = typeof key5;
let coerced3 = undefined;
if(!(coerced3 !== undefined)){
if(dataType3 == "number" || dataType3 == "boolean"){
coerced3 = "" + key5;
}
else if(key5 === null){
coerced3 = "";
}
else {
const err21 = {instancePath:instancePath+"/networks",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(coerced3 !== undefined){
key5 = coerced3;
if(data9 !== undefined){
data9["networks"] = coerced3;
}
}
}
if(typeof key5 === "string"){
if(func2(key5) > 63){
const err22 = {instancePath:instancePath+"/networks",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!pattern5.test(key5)){
const err23 = {instancePath:instancePath+"/networks",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
var valid8 = _errs23 === errors;
if(!valid8){
const err24 = {instancePath:instancePath+"/networks",schemaPath:"#/properties/networks/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema31.properties.networks.propertyNames,parentSchema:schema31.properties.networks,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
for(let key6 in data9){
if(!(validate26(data9[key6], {instancePath:instancePath+"/networks/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data9,parentDataProperty:key6,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err25 = {instancePath:instancePath+"/networks",schemaPath:"#/properties/networks/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.networks.type,parentSchema:schema31.properties.networks,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.volumes !== undefined){
let data11 = data.volumes;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(let key7 in data11){
const _errs30 = errors;
if(typeof key7 !== "string"){
let dataType4 = typeof key7;
let coerced4 = undefined;
if(!(coerced4 !== undefined)){
if(dataType4 == "number" || dataType4 == "boolean"){
coerced4 = "" + key7;
}
else if(key7 === null){
coerced4 = "";
}
else {
const err26 = {instancePath:instancePath+"/volumes",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(coerced4 !== undefined){
key7 = coerced4;
if(data11 !== undefined){
data11["volumes"] = coerced4;
}
}
}
if(typeof key7 === "string"){
if(func2(key7) > 63){
const err27 = {instancePath:instancePath+"/volumes",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern5.test(key7)){
const err28 = {instancePath:instancePath+"/volumes",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
var valid11 = _errs30 === errors;
if(!valid11){
const err29 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema31.properties.volumes.propertyNames,parentSchema:schema31.properties.volumes,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
for(let key8 in data11){
if(!(validate28(data11[key8], {instancePath:instancePath+"/volumes/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data11,parentDataProperty:key8,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err30 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.volumes.type,parentSchema:schema31.properties.volumes,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.secrets !== undefined){
let data13 = data.secrets;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(let key9 in data13){
const _errs37 = errors;
if(typeof key9 !== "string"){
let dataType5 = typeof key9;
let coerced5 = undefined;
if(!(coerced5 !== undefined)){
if(dataType5 == "number" || dataType5 == "boolean"){
coerced5 = "" + key9;
}
else if(key9 === null){
coerced5 = "";
}
else {
const err31 = {instancePath:instancePath+"/secrets",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(coerced5 !== undefined){
key9 = coerced5;
if(data13 !== undefined){
data13["secrets"] = coerced5;
}
}
}
if(typeof key9 === "string"){
if(func2(key9) > 63){
const err32 = {instancePath:instancePath+"/secrets",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!pattern5.test(key9)){
const err33 = {instancePath:instancePath+"/secrets",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
var valid14 = _errs37 === errors;
if(!valid14){
const err34 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key9},message:"property name must be valid",schema:schema31.properties.secrets.propertyNames,parentSchema:schema31.properties.secrets,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
for(let key10 in data13){
let data14 = data13[key10];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.file === undefined){
const err35 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema31.properties.secrets.additionalProperties.required,parentSchema:schema31.properties.secrets.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
for(let key11 in data14){
if(!(key11 === "file")){
const err36 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.secrets.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data14.file !== undefined){
let data15 = data14.file;
if(typeof data15 !== "string"){
let dataType6 = typeof data15;
let coerced6 = undefined;
if(!(coerced6 !== undefined)){
if(dataType6 == "number" || dataType6 == "boolean"){
coerced6 = "" + data15;
}
else if(data15 === null){
coerced6 = "";
}
else {
const err37 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/file",schemaPath:"#/properties/secrets/additionalProperties/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.secrets.additionalProperties.properties.file.type,parentSchema:schema31.properties.secrets.additionalProperties.properties.file,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(coerced6 !== undefined){
data15 = coerced6;
if(data14 !== undefined){
data14["file"] = coerced6;
}
}
}
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err38 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/file",schemaPath:"#/properties/secrets/additionalProperties/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.secrets.additionalProperties.properties.file,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
}
else {
const err39 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.secrets.additionalProperties.type,parentSchema:schema31.properties.secrets.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.secrets.type,parentSchema:schema31.properties.secrets,data:data13};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.runtimes !== undefined){
let data16 = data.runtimes;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(let key12 in data16){
if(!((key12 === "node") || (key12 === "python"))){
const err41 = {instancePath:instancePath+"/runtimes",schemaPath:"#/properties/runtimes/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.runtimes,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data16.node !== undefined){
let data17 = data16.node;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.image === undefined){
const err42 = {instancePath:instancePath+"/runtimes/node",schemaPath:"#/$defs/runtime/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema54.required,parentSchema:schema54,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(let key13 in data17){
if(!((key13 === "image") || (key13 === "registry"))){
const err43 = {instancePath:instancePath+"/runtimes/node",schemaPath:"#/$defs/runtime/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data:data17};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data17.image !== undefined){
let data18 = data17.image;
if(typeof data18 !== "string"){
let dataType7 = typeof data18;
let coerced7 = undefined;
if(!(coerced7 !== undefined)){
if(dataType7 == "number" || dataType7 == "boolean"){
coerced7 = "" + data18;
}
else if(data18 === null){
coerced7 = "";
}
else {
const err44 = {instancePath:instancePath+"/runtimes/node/image",schemaPath:"#/$defs/runtime/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.image.type,parentSchema:schema54.properties.image,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(coerced7 !== undefined){
data18 = coerced7;
if(data17 !== undefined){
data17["image"] = coerced7;
}
}
}
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err45 = {instancePath:instancePath+"/runtimes/node/image",schemaPath:"#/$defs/runtime/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema54.properties.image,data:data18};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data17.registry !== undefined){
let data19 = data17.registry;
if(typeof data19 !== "string"){
let dataType8 = typeof data19;
let coerced8 = undefined;
if(!(coerced8 !== undefined)){
if(dataType8 == "number" || dataType8 == "boolean"){
coerced8 = "" + data19;
}
else if(data19 === null){
coerced8 = "";
}
else {
const err46 = {instancePath:instancePath+"/runtimes/node/registry",schemaPath:"#/$defs/runtime/properties/registry/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.registry.type,parentSchema:schema54.properties.registry,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(coerced8 !== undefined){
data19 = coerced8;
if(data17 !== undefined){
data17["registry"] = coerced8;
}
}
}
if(typeof data19 === "string"){
if(func2(data19) > 2048){
const err47 = {instancePath:instancePath+"/runtimes/node/registry",schemaPath:"#/$defs/runtime/properties/registry/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema54.properties.registry,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern21.test(data19)){
const err48 = {instancePath:instancePath+"/runtimes/node/registry",schemaPath:"#/$defs/runtime/properties/registry/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema54.properties.registry,data:data19};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
}
else {
const err49 = {instancePath:instancePath+"/runtimes/node",schemaPath:"#/$defs/runtime/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data:data17};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data16.python !== undefined){
let data20 = data16.python;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.image === undefined){
const err50 = {instancePath:instancePath+"/runtimes/python",schemaPath:"#/$defs/runtime/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema54.required,parentSchema:schema54,data:data20};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
for(let key14 in data20){
if(!((key14 === "image") || (key14 === "registry"))){
const err51 = {instancePath:instancePath+"/runtimes/python",schemaPath:"#/$defs/runtime/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data:data20};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data20.image !== undefined){
let data21 = data20.image;
if(typeof data21 !== "string"){
let dataType9 = typeof data21;
let coerced9 = undefined;
if(!(coerced9 !== undefined)){
if(dataType9 == "number" || dataType9 == "boolean"){
coerced9 = "" + data21;
}
else if(data21 === null){
coerced9 = "";
}
else {
const err52 = {instancePath:instancePath+"/runtimes/python/image",schemaPath:"#/$defs/runtime/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.image.type,parentSchema:schema54.properties.image,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(coerced9 !== undefined){
data21 = coerced9;
if(data20 !== undefined){
data20["image"] = coerced9;
}
}
}
if(typeof data21 === "string"){
if(func2(data21) < 1){
const err53 = {instancePath:instancePath+"/runtimes/python/image",schemaPath:"#/$defs/runtime/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema54.properties.image,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
if(data20.registry !== undefined){
let data22 = data20.registry;
if(typeof data22 !== "string"){
let dataType10 = typeof data22;
let coerced10 = undefined;
if(!(coerced10 !== undefined)){
if(dataType10 == "number" || dataType10 == "boolean"){
coerced10 = "" + data22;
}
else if(data22 === null){
coerced10 = "";
}
else {
const err54 = {instancePath:instancePath+"/runtimes/python/registry",schemaPath:"#/$defs/runtime/properties/registry/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.registry.type,parentSchema:schema54.properties.registry,data:data22};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(coerced10 !== undefined){
data22 = coerced10;
if(data20 !== undefined){
data20["registry"] = coerced10;
}
}
}
if(typeof data22 === "string"){
if(func2(data22) > 2048){
const err55 = {instancePath:instancePath+"/runtimes/python/registry",schemaPath:"#/$defs/runtime/properties/registry/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema54.properties.registry,data:data22};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!pattern21.test(data22)){
const err56 = {instancePath:instancePath+"/runtimes/python/registry",schemaPath:"#/$defs/runtime/properties/registry/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema54.properties.registry,data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
}
else {
const err57 = {instancePath:instancePath+"/runtimes/python",schemaPath:"#/$defs/runtime/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data:data20};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
else {
const err58 = {instancePath:instancePath+"/runtimes",schemaPath:"#/properties/runtimes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.runtimes.type,parentSchema:schema31.properties.runtimes,data:data16};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data.tls !== undefined){
let data23 = data.tls;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(let key15 in data23){
if(!(key15 === "ca_file")){
const err59 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.tls,data:data23};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data23.ca_file !== undefined){
let data24 = data23.ca_file;
if(typeof data24 !== "string"){
let dataType11 = typeof data24;
let coerced11 = undefined;
if(!(coerced11 !== undefined)){
if(dataType11 == "number" || dataType11 == "boolean"){
coerced11 = "" + data24;
}
else if(data24 === null){
coerced11 = "";
}
else {
const err60 = {instancePath:instancePath+"/tls/ca_file",schemaPath:"#/properties/tls/properties/ca_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.tls.properties.ca_file.type,parentSchema:schema31.properties.tls.properties.ca_file,data:data24};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(coerced11 !== undefined){
data24 = coerced11;
if(data23 !== undefined){
data23["ca_file"] = coerced11;
}
}
}
if(typeof data24 === "string"){
if(func2(data24) < 1){
const err61 = {instancePath:instancePath+"/tls/ca_file",schemaPath:"#/properties/tls/properties/ca_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.tls.properties.ca_file,data:data24};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
}
else {
const err62 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.tls.type,parentSchema:schema31.properties.tls,data:data23};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data.gateway !== undefined){
let data25 = data.gateway;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(let key16 in data25){
if(!(func1.call(schema31.properties.gateway.properties, key16))){
const err63 = {instancePath:instancePath+"/gateway",schemaPath:"#/properties/gateway/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data25.listen !== undefined){
let data26 = data25.listen;
if(typeof data26 !== "string"){
let dataType12 = typeof data26;
let coerced12 = undefined;
if(!(coerced12 !== undefined)){
if(dataType12 == "number" || dataType12 == "boolean"){
coerced12 = "" + data26;
}
else if(data26 === null){
coerced12 = "";
}
else {
const err64 = {instancePath:instancePath+"/gateway/listen",schemaPath:"#/properties/gateway/properties/listen/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.listen.type,parentSchema:schema31.properties.gateway.properties.listen,data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(coerced12 !== undefined){
data26 = coerced12;
if(data25 !== undefined){
data25["listen"] = coerced12;
}
}
}
if(typeof data26 === "string"){
if(!pattern23.test(data26)){
const err65 = {instancePath:instancePath+"/gateway/listen",schemaPath:"#/properties/gateway/properties/listen/pattern",keyword:"pattern",params:{pattern: "^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$"},message:"must match pattern \""+"^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$"+"\"",schema:"^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$",parentSchema:schema31.properties.gateway.properties.listen,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
if(data25.separator !== undefined){
let data27 = data25.separator;
if(typeof data27 !== "string"){
let dataType13 = typeof data27;
let coerced13 = undefined;
if(!(coerced13 !== undefined)){
if(dataType13 == "number" || dataType13 == "boolean"){
coerced13 = "" + data27;
}
else if(data27 === null){
coerced13 = "";
}
else {
const err66 = {instancePath:instancePath+"/gateway/separator",schemaPath:"#/properties/gateway/properties/separator/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.separator.type,parentSchema:schema31.properties.gateway.properties.separator,data:data27};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(coerced13 !== undefined){
data27 = coerced13;
if(data25 !== undefined){
data25["separator"] = coerced13;
}
}
}
if(typeof data27 === "string"){
if(!pattern24.test(data27)){
const err67 = {instancePath:instancePath+"/gateway/separator",schemaPath:"#/properties/gateway/properties/separator/pattern",keyword:"pattern",params:{pattern: "^[^A-Za-z0-9\\s]{1,3}$"},message:"must match pattern \""+"^[^A-Za-z0-9\\s]{1,3}$"+"\"",schema:"^[^A-Za-z0-9\\s]{1,3}$",parentSchema:schema31.properties.gateway.properties.separator,data:data27};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
if(data25.token_env !== undefined){
let data28 = data25.token_env;
if(typeof data28 !== "string"){
let dataType14 = typeof data28;
let coerced14 = undefined;
if(!(coerced14 !== undefined)){
if(dataType14 == "number" || dataType14 == "boolean"){
coerced14 = "" + data28;
}
else if(data28 === null){
coerced14 = "";
}
else {
const err68 = {instancePath:instancePath+"/gateway/token_env",schemaPath:"#/properties/gateway/properties/token_env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.token_env.type,parentSchema:schema31.properties.gateway.properties.token_env,data:data28};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(coerced14 !== undefined){
data28 = coerced14;
if(data25 !== undefined){
data25["token_env"] = coerced14;
}
}
}
if(typeof data28 === "string"){
if(!pattern25.test(data28)){
const err69 = {instancePath:instancePath+"/gateway/token_env",schemaPath:"#/properties/gateway/properties/token_env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema31.properties.gateway.properties.token_env,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data25.auth !== undefined){
let data29 = data25.auth;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.issuer === undefined){
const err70 = {instancePath:instancePath+"/gateway/auth",schemaPath:"#/properties/gateway/properties/auth/required",keyword:"required",params:{missingProperty: "issuer"},message:"must have required property '"+"issuer"+"'",schema:schema31.properties.gateway.properties.auth.required,parentSchema:schema31.properties.gateway.properties.auth,data:data29};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(data29.audience === undefined){
const err71 = {instancePath:instancePath+"/gateway/auth",schemaPath:"#/properties/gateway/properties/auth/required",keyword:"required",params:{missingProperty: "audience"},message:"must have required property '"+"audience"+"'",schema:schema31.properties.gateway.properties.auth.required,parentSchema:schema31.properties.gateway.properties.auth,data:data29};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
for(let key17 in data29){
if(!((((((key17 === "issuer") || (key17 === "audience")) || (key17 === "algorithms")) || (key17 === "scopes")) || (key17 === "clock_skew")) || (key17 === "introspection"))){
const err72 = {instancePath:instancePath+"/gateway/auth",schemaPath:"#/properties/gateway/properties/auth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.auth,data:data29};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data29.issuer !== undefined){
let data30 = data29.issuer;
if(typeof data30 !== "string"){
let dataType15 = typeof data30;
let coerced15 = undefined;
if(!(coerced15 !== undefined)){
if(dataType15 == "number" || dataType15 == "boolean"){
coerced15 = "" + data30;
}
else if(data30 === null){
coerced15 = "";
}
else {
const err73 = {instancePath:instancePath+"/gateway/auth/issuer",schemaPath:"#/properties/gateway/properties/auth/properties/issuer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.issuer.type,parentSchema:schema31.properties.gateway.properties.auth.properties.issuer,data:data30};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(coerced15 !== undefined){
data30 = coerced15;
if(data29 !== undefined){
data29["issuer"] = coerced15;
}
}
}
if(typeof data30 === "string"){
if(!pattern14.test(data30)){
const err74 = {instancePath:instancePath+"/gateway/auth/issuer",schemaPath:"#/properties/gateway/properties/auth/properties/issuer/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema31.properties.gateway.properties.auth.properties.issuer,data:data30};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
if(data29.audience !== undefined){
let data31 = data29.audience;
if(typeof data31 !== "string"){
let dataType16 = typeof data31;
let coerced16 = undefined;
if(!(coerced16 !== undefined)){
if(dataType16 == "number" || dataType16 == "boolean"){
coerced16 = "" + data31;
}
else if(data31 === null){
coerced16 = "";
}
else {
const err75 = {instancePath:instancePath+"/gateway/auth/audience",schemaPath:"#/properties/gateway/properties/auth/properties/audience/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.audience.type,parentSchema:schema31.properties.gateway.properties.auth.properties.audience,data:data31};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(coerced16 !== undefined){
data31 = coerced16;
if(data29 !== undefined){
data29["audience"] = coerced16;
}
}
}
if(typeof data31 === "string"){
if(!pattern27.test(data31)){
const err76 = {instancePath:instancePath+"/gateway/auth/audience",schemaPath:"#/properties/gateway/properties/auth/properties/audience/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+/mcp$"},message:"must match pattern \""+"^https?://[^\\s]+/mcp$"+"\"",schema:"^https?://[^\\s]+/mcp$",parentSchema:schema31.properties.gateway.properties.auth.properties.audience,data:data31};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
if(data29.algorithms !== undefined){
let data32 = data29.algorithms;
if(Array.isArray(data32)){
if(data32.length < 1){
const err77 = {instancePath:instancePath+"/gateway/auth/algorithms",schemaPath:"#/properties/gateway/properties/auth/properties/algorithms/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.auth.properties.algorithms,data:data32};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
const len1 = data32.length;
for(let i2=0; i2<len1; i2++){
let data33 = data32[i2];
if(!((((((((((data33 === "RS256") || (data33 === "RS384")) || (data33 === "RS512")) || (data33 === "PS256")) || (data33 === "PS384")) || (data33 === "PS512")) || (data33 === "ES256")) || (data33 === "ES384")) || (data33 === "ES512")) || (data33 === "EdDSA"))){
const err78 = {instancePath:instancePath+"/gateway/auth/algorithms/" + i2,schemaPath:"#/properties/gateway/properties/auth/properties/algorithms/items/enum",keyword:"enum",params:{allowedValues: schema31.properties.gateway.properties.auth.properties.algorithms.items.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.gateway.properties.auth.properties.algorithms.items.enum,parentSchema:schema31.properties.gateway.properties.auth.properties.algorithms.items,data:data33};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
let i3 = data32.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data32[i3], data32[j1])){
const err79 = {instancePath:instancePath+"/gateway/auth/algorithms",schemaPath:"#/properties/gateway/properties/auth/properties/algorithms/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema31.properties.gateway.properties.auth.properties.algorithms,data:data32};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err80 = {instancePath:instancePath+"/gateway/auth/algorithms",schemaPath:"#/properties/gateway/properties/auth/properties/algorithms/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.auth.properties.algorithms.type,parentSchema:schema31.properties.gateway.properties.auth.properties.algorithms,data:data32};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data29.scopes !== undefined){
let data34 = data29.scopes;
if(Array.isArray(data34)){
const len2 = data34.length;
for(let i4=0; i4<len2; i4++){
let data35 = data34[i4];
if(typeof data35 !== "string"){
let dataType17 = typeof data35;
let coerced17 = undefined;
if(!(coerced17 !== undefined)){
if(dataType17 == "number" || dataType17 == "boolean"){
coerced17 = "" + data35;
}
else if(data35 === null){
coerced17 = "";
}
else {
const err81 = {instancePath:instancePath+"/gateway/auth/scopes/" + i4,schemaPath:"#/properties/gateway/properties/auth/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.scopes.items.type,parentSchema:schema31.properties.gateway.properties.auth.properties.scopes.items,data:data35};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(coerced17 !== undefined){
data35 = coerced17;
if(data34 !== undefined){
data34[i4] = coerced17;
}
}
}
if(typeof data35 === "string"){
if(!pattern16.test(data35)){
const err82 = {instancePath:instancePath+"/gateway/auth/scopes/" + i4,schemaPath:"#/properties/gateway/properties/auth/properties/scopes/items/pattern",keyword:"pattern",params:{pattern: "^[!#-\\[\\]-~]+$"},message:"must match pattern \""+"^[!#-\\[\\]-~]+$"+"\"",schema:"^[!#-\\[\\]-~]+$",parentSchema:schema31.properties.gateway.properties.auth.properties.scopes.items,data:data35};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
let i5 = data34.length;
let j2;
if(i5 > 1){
const indices0 = {};
for(;i5--;){
let item0 = data34[i5];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j2 = indices0[item0];
const err83 = {instancePath:instancePath+"/gateway/auth/scopes",schemaPath:"#/properties/gateway/properties/auth/properties/scopes/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema31.properties.gateway.properties.auth.properties.scopes,data:data34};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
break;
}
indices0[item0] = i5;
}
}
}
else {
const err84 = {instancePath:instancePath+"/gateway/auth/scopes",schemaPath:"#/properties/gateway/properties/auth/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.auth.properties.scopes.type,parentSchema:schema31.properties.gateway.properties.auth.properties.scopes,data:data34};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data29.clock_skew !== undefined){
let data36 = data29.clock_skew;
if(typeof data36 !== "string"){
let dataType18 = typeof data36;
let coerced18 = undefined;
if(!(coerced18 !== undefined)){
if(dataType18 == "number" || dataType18 == "boolean"){
coerced18 = "" + data36;
}
else if(data36 === null){
coerced18 = "";
}
else {
const err85 = {instancePath:instancePath+"/gateway/auth/clock_skew",schemaPath:"#/properties/gateway/properties/auth/properties/clock_skew/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.clock_skew.type,parentSchema:schema31.properties.gateway.properties.auth.properties.clock_skew,data:data36};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(coerced18 !== undefined){
data36 = coerced18;
if(data29 !== undefined){
data29["clock_skew"] = coerced18;
}
}
}
if(typeof data36 === "string"){
if(!pattern29.test(data36)){
const err86 = {instancePath:instancePath+"/gateway/auth/clock_skew",schemaPath:"#/properties/gateway/properties/auth/properties/clock_skew/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m)?$"},message:"must match pattern \""+"^[0-9]+(ms|s|m)?$"+"\"",schema:"^[0-9]+(ms|s|m)?$",parentSchema:schema31.properties.gateway.properties.auth.properties.clock_skew,data:data36};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
if(data29.introspection !== undefined){
let data37 = data29.introspection;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
if(data37.client_id === undefined){
const err87 = {instancePath:instancePath+"/gateway/auth/introspection",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/required",keyword:"required",params:{missingProperty: "client_id"},message:"must have required property '"+"client_id"+"'",schema:schema31.properties.gateway.properties.auth.properties.introspection.required,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection,data:data37};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data37.client_secret === undefined){
const err88 = {instancePath:instancePath+"/gateway/auth/introspection",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/required",keyword:"required",params:{missingProperty: "client_secret"},message:"must have required property '"+"client_secret"+"'",schema:schema31.properties.gateway.properties.auth.properties.introspection.required,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection,data:data37};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
for(let key18 in data37){
if(!((key18 === "client_id") || (key18 === "client_secret"))){
const err89 = {instancePath:instancePath+"/gateway/auth/introspection",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection,data:data37};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data37.client_id !== undefined){
let data38 = data37.client_id;
if(typeof data38 !== "string"){
let dataType19 = typeof data38;
let coerced19 = undefined;
if(!(coerced19 !== undefined)){
if(dataType19 == "number" || dataType19 == "boolean"){
coerced19 = "" + data38;
}
else if(data38 === null){
coerced19 = "";
}
else {
const err90 = {instancePath:instancePath+"/gateway/auth/introspection/client_id",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/properties/client_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_id.type,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_id,data:data38};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(coerced19 !== undefined){
data38 = coerced19;
if(data37 !== undefined){
data37["client_id"] = coerced19;
}
}
}
if(typeof data38 === "string"){
if(func2(data38) < 1){
const err91 = {instancePath:instancePath+"/gateway/auth/introspection/client_id",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/properties/client_id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_id,data:data38};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
if(data37.client_secret !== undefined){
let data39 = data37.client_secret;
if(typeof data39 !== "string"){
let dataType20 = typeof data39;
let coerced20 = undefined;
if(!(coerced20 !== undefined)){
if(dataType20 == "number" || dataType20 == "boolean"){
coerced20 = "" + data39;
}
else if(data39 === null){
coerced20 = "";
}
else {
const err92 = {instancePath:instancePath+"/gateway/auth/introspection/client_secret",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/properties/client_secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_secret.type,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_secret,data:data39};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(coerced20 !== undefined){
data39 = coerced20;
if(data37 !== undefined){
data37["client_secret"] = coerced20;
}
}
}
if(typeof data39 === "string"){
if(func2(data39) < 1){
const err93 = {instancePath:instancePath+"/gateway/auth/introspection/client_secret",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/properties/client_secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection.properties.client_secret,data:data39};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
}
else {
const err94 = {instancePath:instancePath+"/gateway/auth/introspection",schemaPath:"#/properties/gateway/properties/auth/properties/introspection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.auth.properties.introspection.type,parentSchema:schema31.properties.gateway.properties.auth.properties.introspection,data:data37};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
else {
const err95 = {instancePath:instancePath+"/gateway/auth",schemaPath:"#/properties/gateway/properties/auth/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.auth.type,parentSchema:schema31.properties.gateway.properties.auth,data:data29};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data25.rules !== undefined){
let data40 = data25.rules;
if(Array.isArray(data40)){
if(data40.length > 256){
const err96 = {instancePath:instancePath+"/gateway/rules",schemaPath:"#/properties/gateway/properties/rules/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules,data:data40};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
const len3 = data40.length;
for(let i6=0; i6<len3; i6++){
let data41 = data40[i6];
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.name === undefined){
const err97 = {instancePath:instancePath+"/gateway/rules/" + i6,schemaPath:"#/properties/gateway/properties/rules/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.properties.gateway.properties.rules.items.required,parentSchema:schema31.properties.gateway.properties.rules.items,data:data41};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(data41.allow === undefined){
const err98 = {instancePath:instancePath+"/gateway/rules/" + i6,schemaPath:"#/properties/gateway/properties/rules/items/required",keyword:"required",params:{missingProperty: "allow"},message:"must have required property '"+"allow"+"'",schema:schema31.properties.gateway.properties.rules.items.required,parentSchema:schema31.properties.gateway.properties.rules.items,data:data41};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
for(let key19 in data41){
if(!(((key19 === "name") || (key19 === "when")) || (key19 === "allow"))){
const err99 = {instancePath:instancePath+"/gateway/rules/" + i6,schemaPath:"#/properties/gateway/properties/rules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.rules.items,data:data41};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data41.name !== undefined){
let data42 = data41.name;
if(typeof data42 !== "string"){
let dataType21 = typeof data42;
let coerced21 = undefined;
if(!(coerced21 !== undefined)){
if(dataType21 == "number" || dataType21 == "boolean"){
coerced21 = "" + data42;
}
else if(data42 === null){
coerced21 = "";
}
else {
const err100 = {instancePath:instancePath+"/gateway/rules/" + i6+"/name",schemaPath:"#/properties/gateway/properties/rules/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.name.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.name,data:data42};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(coerced21 !== undefined){
data42 = coerced21;
if(data41 !== undefined){
data41["name"] = coerced21;
}
}
}
if(typeof data42 === "string"){
if(func2(data42) > 64){
const err101 = {instancePath:instancePath+"/gateway/rules/" + i6+"/name",schemaPath:"#/properties/gateway/properties/rules/items/properties/name/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema31.properties.gateway.properties.rules.items.properties.name,data:data42};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(!pattern30.test(data42)){
const err102 = {instancePath:instancePath+"/gateway/rules/" + i6+"/name",schemaPath:"#/properties/gateway/properties/rules/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]*$",parentSchema:schema31.properties.gateway.properties.rules.items.properties.name,data:data42};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
if(data41.when !== undefined){
let data43 = data41.when;
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
for(let key20 in data43){
if(!(((((key20 === "subject") || (key20 === "groups")) || (key20 === "roles")) || (key20 === "client_id")) || (key20 === "scopes"))){
const err103 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when,data:data43};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data43.subject !== undefined){
let data44 = data43.subject;
if(Array.isArray(data44)){
if(data44.length > 256){
const err104 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject,data:data44};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(data44.length < 1){
const err105 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject,data:data44};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
const len4 = data44.length;
for(let i7=0; i7<len4; i7++){
let data45 = data44[i7];
if(typeof data45 !== "string"){
let dataType22 = typeof data45;
let coerced22 = undefined;
if(!(coerced22 !== undefined)){
if(dataType22 == "number" || dataType22 == "boolean"){
coerced22 = "" + data45;
}
else if(data45 === null){
coerced22 = "";
}
else {
const err106 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject/" + i7,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject.items,data:data45};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
if(coerced22 !== undefined){
data45 = coerced22;
if(data44 !== undefined){
data44[i7] = coerced22;
}
}
}
if(typeof data45 === "string"){
if(func2(data45) > 256){
const err107 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject/" + i7,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject.items,data:data45};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
if(func2(data45) < 1){
const err108 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject/" + i7,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject.items,data:data45};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
}
else {
const err109 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/subject",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/subject/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.subject,data:data44};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data43.groups !== undefined){
let data46 = data43.groups;
if(Array.isArray(data46)){
if(data46.length > 256){
const err110 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups,data:data46};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(data46.length < 1){
const err111 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups,data:data46};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
const len5 = data46.length;
for(let i8=0; i8<len5; i8++){
let data47 = data46[i8];
if(typeof data47 !== "string"){
let dataType23 = typeof data47;
let coerced23 = undefined;
if(!(coerced23 !== undefined)){
if(dataType23 == "number" || dataType23 == "boolean"){
coerced23 = "" + data47;
}
else if(data47 === null){
coerced23 = "";
}
else {
const err112 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups/" + i8,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups.items,data:data47};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
if(coerced23 !== undefined){
data47 = coerced23;
if(data46 !== undefined){
data46[i8] = coerced23;
}
}
}
if(typeof data47 === "string"){
if(func2(data47) > 256){
const err113 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups/" + i8,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups.items,data:data47};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
if(func2(data47) < 1){
const err114 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups/" + i8,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups.items,data:data47};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
}
else {
const err115 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/groups",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/groups/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.groups,data:data46};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data43.roles !== undefined){
let data48 = data43.roles;
if(Array.isArray(data48)){
if(data48.length > 256){
const err116 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles,data:data48};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
if(data48.length < 1){
const err117 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles,data:data48};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
const len6 = data48.length;
for(let i9=0; i9<len6; i9++){
let data49 = data48[i9];
if(typeof data49 !== "string"){
let dataType24 = typeof data49;
let coerced24 = undefined;
if(!(coerced24 !== undefined)){
if(dataType24 == "number" || dataType24 == "boolean"){
coerced24 = "" + data49;
}
else if(data49 === null){
coerced24 = "";
}
else {
const err118 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles/" + i9,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles.items,data:data49};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(coerced24 !== undefined){
data49 = coerced24;
if(data48 !== undefined){
data48[i9] = coerced24;
}
}
}
if(typeof data49 === "string"){
if(func2(data49) > 256){
const err119 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles/" + i9,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles.items,data:data49};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(func2(data49) < 1){
const err120 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles/" + i9,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles.items,data:data49};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
}
}
else {
const err121 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/roles",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.roles,data:data48};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data43.client_id !== undefined){
let data50 = data43.client_id;
if(Array.isArray(data50)){
if(data50.length > 256){
const err122 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id,data:data50};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
if(data50.length < 1){
const err123 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id,data:data50};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
const len7 = data50.length;
for(let i10=0; i10<len7; i10++){
let data51 = data50[i10];
if(typeof data51 !== "string"){
let dataType25 = typeof data51;
let coerced25 = undefined;
if(!(coerced25 !== undefined)){
if(dataType25 == "number" || dataType25 == "boolean"){
coerced25 = "" + data51;
}
else if(data51 === null){
coerced25 = "";
}
else {
const err124 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id/" + i10,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id.items,data:data51};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
if(coerced25 !== undefined){
data51 = coerced25;
if(data50 !== undefined){
data50[i10] = coerced25;
}
}
}
if(typeof data51 === "string"){
if(func2(data51) > 256){
const err125 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id/" + i10,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id.items,data:data51};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if(func2(data51) < 1){
const err126 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id/" + i10,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id.items,data:data51};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
}
else {
const err127 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/client_id",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/client_id/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.client_id,data:data50};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data43.scopes !== undefined){
let data52 = data43.scopes;
if(Array.isArray(data52)){
if(data52.length > 256){
const err128 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes,data:data52};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if(data52.length < 1){
const err129 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes,data:data52};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
const len8 = data52.length;
for(let i11=0; i11<len8; i11++){
let data53 = data52[i11];
if(typeof data53 !== "string"){
let dataType26 = typeof data53;
let coerced26 = undefined;
if(!(coerced26 !== undefined)){
if(dataType26 == "number" || dataType26 == "boolean"){
coerced26 = "" + data53;
}
else if(data53 === null){
coerced26 = "";
}
else {
const err130 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes/" + i11,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes.items,data:data53};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(coerced26 !== undefined){
data53 = coerced26;
if(data52 !== undefined){
data52[i11] = coerced26;
}
}
}
if(typeof data53 === "string"){
if(func2(data53) > 256){
const err131 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes/" + i11,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes.items,data:data53};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
if(func2(data53) < 1){
const err132 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes/" + i11,schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes.items,data:data53};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
}
}
else {
const err133 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when/scopes",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when.properties.scopes,data:data52};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
else {
const err134 = {instancePath:instancePath+"/gateway/rules/" + i6+"/when",schemaPath:"#/properties/gateway/properties/rules/items/properties/when/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.rules.items.properties.when.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.when,data:data43};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data41.allow !== undefined){
let data54 = data41.allow;
if(data54 && typeof data54 == "object" && !Array.isArray(data54)){
if(Object.keys(data54).length < 1){
const err135 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow,data:data54};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
for(let key21 in data54){
if(!((((key21 === "servers") || (key21 === "tools")) || (key21 === "prompts")) || (key21 === "resources"))){
const err136 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow,data:data54};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data54.servers !== undefined){
let data55 = data54.servers;
if(Array.isArray(data55)){
if(data55.length > 256){
const err137 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers,data:data55};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
if(data55.length < 1){
const err138 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers,data:data55};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
const len9 = data55.length;
for(let i12=0; i12<len9; i12++){
let data56 = data55[i12];
if(typeof data56 !== "string"){
let dataType27 = typeof data56;
let coerced27 = undefined;
if(!(coerced27 !== undefined)){
if(dataType27 == "number" || dataType27 == "boolean"){
coerced27 = "" + data56;
}
else if(data56 === null){
coerced27 = "";
}
else {
const err139 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers/" + i12,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers.items,data:data56};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(coerced27 !== undefined){
data56 = coerced27;
if(data55 !== undefined){
data55[i12] = coerced27;
}
}
}
if(typeof data56 === "string"){
if(func2(data56) > 256){
const err140 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers/" + i12,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers.items,data:data56};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if(func2(data56) < 1){
const err141 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers/" + i12,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers.items,data:data56};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
}
}
else {
const err142 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/servers",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/servers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.servers,data:data55};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data54.tools !== undefined){
let data57 = data54.tools;
if(Array.isArray(data57)){
if(data57.length > 256){
const err143 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools,data:data57};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
if(data57.length < 1){
const err144 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools,data:data57};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
const len10 = data57.length;
for(let i13=0; i13<len10; i13++){
let data58 = data57[i13];
if(typeof data58 !== "string"){
let dataType28 = typeof data58;
let coerced28 = undefined;
if(!(coerced28 !== undefined)){
if(dataType28 == "number" || dataType28 == "boolean"){
coerced28 = "" + data58;
}
else if(data58 === null){
coerced28 = "";
}
else {
const err145 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools/" + i13,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools.items,data:data58};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
if(coerced28 !== undefined){
data58 = coerced28;
if(data57 !== undefined){
data57[i13] = coerced28;
}
}
}
if(typeof data58 === "string"){
if(func2(data58) > 256){
const err146 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools/" + i13,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools.items,data:data58};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
if(func2(data58) < 1){
const err147 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools/" + i13,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools.items,data:data58};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
}
}
else {
const err148 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/tools",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/tools/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.tools,data:data57};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data54.prompts !== undefined){
let data59 = data54.prompts;
if(Array.isArray(data59)){
if(data59.length > 256){
const err149 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts,data:data59};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
if(data59.length < 1){
const err150 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts,data:data59};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
const len11 = data59.length;
for(let i14=0; i14<len11; i14++){
let data60 = data59[i14];
if(typeof data60 !== "string"){
let dataType29 = typeof data60;
let coerced29 = undefined;
if(!(coerced29 !== undefined)){
if(dataType29 == "number" || dataType29 == "boolean"){
coerced29 = "" + data60;
}
else if(data60 === null){
coerced29 = "";
}
else {
const err151 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts/" + i14,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts.items,data:data60};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
if(coerced29 !== undefined){
data60 = coerced29;
if(data59 !== undefined){
data59[i14] = coerced29;
}
}
}
if(typeof data60 === "string"){
if(func2(data60) > 256){
const err152 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts/" + i14,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts.items,data:data60};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
if(func2(data60) < 1){
const err153 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts/" + i14,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts.items,data:data60};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
}
}
else {
const err154 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/prompts",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/prompts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.prompts,data:data59};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data54.resources !== undefined){
let data61 = data54.resources;
if(Array.isArray(data61)){
if(data61.length > 256){
const err155 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources,data:data61};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
if(data61.length < 1){
const err156 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources,data:data61};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
const len12 = data61.length;
for(let i15=0; i15<len12; i15++){
let data62 = data61[i15];
if(typeof data62 !== "string"){
let dataType30 = typeof data62;
let coerced30 = undefined;
if(!(coerced30 !== undefined)){
if(dataType30 == "number" || dataType30 == "boolean"){
coerced30 = "" + data62;
}
else if(data62 === null){
coerced30 = "";
}
else {
const err157 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources/" + i15,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources.items.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources.items,data:data62};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(coerced30 !== undefined){
data62 = coerced30;
if(data61 !== undefined){
data61[i15] = coerced30;
}
}
}
if(typeof data62 === "string"){
if(func2(data62) > 256){
const err158 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources/" + i15,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources.items,data:data62};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
if(func2(data62) < 1){
const err159 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources/" + i15,schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources.items,data:data62};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
}
}
}
else {
const err160 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow/resources",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow.properties.resources,data:data61};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
}
else {
const err161 = {instancePath:instancePath+"/gateway/rules/" + i6+"/allow",schemaPath:"#/properties/gateway/properties/rules/items/properties/allow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.rules.items.properties.allow.type,parentSchema:schema31.properties.gateway.properties.rules.items.properties.allow,data:data54};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
}
else {
const err162 = {instancePath:instancePath+"/gateway/rules/" + i6,schemaPath:"#/properties/gateway/properties/rules/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.rules.items.type,parentSchema:schema31.properties.gateway.properties.rules.items,data:data41};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
}
else {
const err163 = {instancePath:instancePath+"/gateway/rules",schemaPath:"#/properties/gateway/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.gateway.properties.rules.type,parentSchema:schema31.properties.gateway.properties.rules,data:data40};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
if(data25.audit !== undefined){
let data63 = data25.audit;
const _errs152 = errors;
let valid56 = false;
let passing0 = null;
const _errs153 = errors;
if("stdout" !== data63){
const err164 = {instancePath:instancePath+"/gateway/audit",schemaPath:"#/properties/gateway/properties/audit/oneOf/0/const",keyword:"const",params:{allowedValue: "stdout"},message:"must be equal to constant",schema:"stdout",parentSchema:schema31.properties.gateway.properties.audit.oneOf[0],data:data63};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
var _valid0 = _errs153 === errors;
if(_valid0){
valid56 = true;
passing0 = 0;
}
const _errs154 = errors;
if(data63 && typeof data63 == "object" && !Array.isArray(data63)){
if(data63.file === undefined){
const err165 = {instancePath:instancePath+"/gateway/audit",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema31.properties.gateway.properties.audit.oneOf[1].required,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1],data:data63};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
for(let key22 in data63){
if(!(((key22 === "file") || (key22 === "max_size")) || (key22 === "max_files"))){
const err166 = {instancePath:instancePath+"/gateway/audit",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1],data:data63};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
if(data63.file !== undefined){
let data64 = data63.file;
if(typeof data64 !== "string"){
let dataType31 = typeof data64;
let coerced31 = undefined;
if(!(coerced31 !== undefined)){
if(dataType31 == "number" || dataType31 == "boolean"){
coerced31 = "" + data64;
}
else if(data64 === null){
coerced31 = "";
}
else {
const err167 = {instancePath:instancePath+"/gateway/audit/file",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.audit.oneOf[1].properties.file.type,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.file,data:data64};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
if(coerced31 !== undefined){
data64 = coerced31;
if(data63 !== undefined){
data63["file"] = coerced31;
}
}
}
if(typeof data64 === "string"){
if(func2(data64) < 1){
const err168 = {instancePath:instancePath+"/gateway/audit/file",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.file,data:data64};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
}
if(data63.max_size !== undefined){
let data65 = data63.max_size;
if((typeof data65 !== "string") && (!(((typeof data65 == "number") && (!(data65 % 1) && !isNaN(data65))) && (isFinite(data65))))){
let dataType32 = typeof data65;
let coerced32 = undefined;
if(!(coerced32 !== undefined)){
if(dataType32 == "number" || dataType32 == "boolean"){
coerced32 = "" + data65;
}
else if(data65 === null){
coerced32 = "";
}
else if(dataType32 === "boolean" || data65 === null
              || (dataType32 === "string" && data65 && data65 == +data65 && !(data65 % 1))){
coerced32 = +data65;
}
else {
const err169 = {instancePath:instancePath+"/gateway/audit/max_size",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/max_size/type",keyword:"type",params:{type: schema31.properties.gateway.properties.audit.oneOf[1].properties.max_size.type},message:"must be string,integer",schema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_size.type,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_size,data:data65};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
if(coerced32 !== undefined){
data65 = coerced32;
if(data63 !== undefined){
data63["max_size"] = coerced32;
}
}
}
}
if(data63.max_files !== undefined){
let data66 = data63.max_files;
if(!(((typeof data66 == "number") && (!(data66 % 1) && !isNaN(data66))) && (isFinite(data66)))){
let dataType33 = typeof data66;
let coerced33 = undefined;
if(!(coerced33 !== undefined)){
if(dataType33 === "boolean" || data66 === null
              || (dataType33 === "string" && data66 && data66 == +data66 && !(data66 % 1))){
coerced33 = +data66;
}
else {
const err170 = {instancePath:instancePath+"/gateway/audit/max_files",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/max_files/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_files.type,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_files,data:data66};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
if(coerced33 !== undefined){
data66 = coerced33;
if(data63 !== undefined){
data63["max_files"] = coerced33;
}
}
}
if((typeof data66 == "number") && (isFinite(data66))){
if(data66 > 1000 || isNaN(data66)){
const err171 = {instancePath:instancePath+"/gateway/audit/max_files",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/max_files/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_files,data:data66};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
if(data66 < 1 || isNaN(data66)){
const err172 = {instancePath:instancePath+"/gateway/audit/max_files",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/properties/max_files/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1].properties.max_files,data:data66};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
}
}
else {
const err173 = {instancePath:instancePath+"/gateway/audit",schemaPath:"#/properties/gateway/properties/audit/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.audit.oneOf[1].type,parentSchema:schema31.properties.gateway.properties.audit.oneOf[1],data:data63};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
var _valid0 = _errs154 === errors;
if(_valid0 && valid56){
valid56 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid56 = true;
passing0 = 1;
}
}
if(!valid56){
const err174 = {instancePath:instancePath+"/gateway/audit",schemaPath:"#/properties/gateway/properties/audit/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema31.properties.gateway.properties.audit.oneOf,parentSchema:schema31.properties.gateway.properties.audit,data:data63};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
else {
errors = _errs152;
if(vErrors !== null){
if(_errs152){
vErrors.length = _errs152;
}
else {
vErrors = null;
}
}
}
}
if(data25.metrics !== undefined){
let data67 = data25.metrics;
if(typeof data67 !== "boolean"){
let coerced34 = undefined;
if(!(coerced34 !== undefined)){
if(data67 === "false" || data67 === 0 || data67 === null){
coerced34 = false;
}
else if(data67 === "true" || data67 === 1){
coerced34 = true;
}
else {
const err175 = {instancePath:instancePath+"/gateway/metrics",schemaPath:"#/properties/gateway/properties/metrics/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.gateway.properties.metrics.type,parentSchema:schema31.properties.gateway.properties.metrics,data:data67};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(coerced34 !== undefined){
data67 = coerced34;
if(data25 !== undefined){
data25["metrics"] = coerced34;
}
}
}
}
if(data25.traces !== undefined){
let data68 = data25.traces;
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
if(data68.endpoint === undefined){
const err176 = {instancePath:instancePath+"/gateway/traces",schemaPath:"#/properties/gateway/properties/traces/required",keyword:"required",params:{missingProperty: "endpoint"},message:"must have required property '"+"endpoint"+"'",schema:schema31.properties.gateway.properties.traces.required,parentSchema:schema31.properties.gateway.properties.traces,data:data68};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
for(let key23 in data68){
if(!((((key23 === "endpoint") || (key23 === "headers")) || (key23 === "service_name")) || (key23 === "sample_ratio"))){
const err177 = {instancePath:instancePath+"/gateway/traces",schemaPath:"#/properties/gateway/properties/traces/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.traces,data:data68};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
if(data68.endpoint !== undefined){
let data69 = data68.endpoint;
if(typeof data69 !== "string"){
let dataType35 = typeof data69;
let coerced35 = undefined;
if(!(coerced35 !== undefined)){
if(dataType35 == "number" || dataType35 == "boolean"){
coerced35 = "" + data69;
}
else if(data69 === null){
coerced35 = "";
}
else {
const err178 = {instancePath:instancePath+"/gateway/traces/endpoint",schemaPath:"#/properties/gateway/properties/traces/properties/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.traces.properties.endpoint.type,parentSchema:schema31.properties.gateway.properties.traces.properties.endpoint,data:data69};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
if(coerced35 !== undefined){
data69 = coerced35;
if(data68 !== undefined){
data68["endpoint"] = coerced35;
}
}
}
if(typeof data69 === "string"){
if(func2(data69) > 2048){
const err179 = {instancePath:instancePath+"/gateway/traces/endpoint",schemaPath:"#/properties/gateway/properties/traces/properties/endpoint/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema31.properties.gateway.properties.traces.properties.endpoint,data:data69};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
if(!pattern14.test(data69)){
const err180 = {instancePath:instancePath+"/gateway/traces/endpoint",schemaPath:"#/properties/gateway/properties/traces/properties/endpoint/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema31.properties.gateway.properties.traces.properties.endpoint,data:data69};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
}
}
if(data68.headers !== undefined){
let data70 = data68.headers;
if(data70 && typeof data70 == "object" && !Array.isArray(data70)){
for(let key24 in data70){
const _errs172 = errors;
if(typeof key24 === "string"){
if(!pattern13.test(key24)){
const err181 = {instancePath:instancePath+"/gateway/traces/headers",schemaPath:"#/properties/gateway/properties/traces/properties/headers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",schema:"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",parentSchema:schema31.properties.gateway.properties.traces.properties.headers.propertyNames,data:key24,propertyName:key24};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
}
var valid59 = _errs172 === errors;
if(!valid59){
const err182 = {instancePath:instancePath+"/gateway/traces/headers",schemaPath:"#/properties/gateway/properties/traces/properties/headers/propertyNames",keyword:"propertyNames",params:{propertyName: key24},message:"property name must be valid",schema:schema31.properties.gateway.properties.traces.properties.headers.propertyNames,parentSchema:schema31.properties.gateway.properties.traces.properties.headers,data:data70};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
for(let key25 in data70){
let data71 = data70[key25];
if(typeof data71 !== "string"){
let dataType36 = typeof data71;
let coerced36 = undefined;
if(!(coerced36 !== undefined)){
if(dataType36 == "number" || dataType36 == "boolean"){
coerced36 = "" + data71;
}
else if(data71 === null){
coerced36 = "";
}
else {
const err183 = {instancePath:instancePath+"/gateway/traces/headers/" + key25.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/gateway/properties/traces/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.traces.properties.headers.additionalProperties.type,parentSchema:schema31.properties.gateway.properties.traces.properties.headers.additionalProperties,data:data71};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
if(coerced36 !== undefined){
data71 = coerced36;
if(data70 !== undefined){
data70[key25] = coerced36;
}
}
}
}
}
else {
const err184 = {instancePath:instancePath+"/gateway/traces/headers",schemaPath:"#/properties/gateway/properties/traces/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.traces.properties.headers.type,parentSchema:schema31.properties.gateway.properties.traces.properties.headers,data:data70};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
if(data68.service_name !== undefined){
let data72 = data68.service_name;
if(typeof data72 !== "string"){
let dataType37 = typeof data72;
let coerced37 = undefined;
if(!(coerced37 !== undefined)){
if(dataType37 == "number" || dataType37 == "boolean"){
coerced37 = "" + data72;
}
else if(data72 === null){
coerced37 = "";
}
else {
const err185 = {instancePath:instancePath+"/gateway/traces/service_name",schemaPath:"#/properties/gateway/properties/traces/properties/service_name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.traces.properties.service_name.type,parentSchema:schema31.properties.gateway.properties.traces.properties.service_name,data:data72};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
if(coerced37 !== undefined){
data72 = coerced37;
if(data68 !== undefined){
data68["service_name"] = coerced37;
}
}
}
if(typeof data72 === "string"){
if(func2(data72) > 128){
const err186 = {instancePath:instancePath+"/gateway/traces/service_name",schemaPath:"#/properties/gateway/properties/traces/properties/service_name/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema31.properties.gateway.properties.traces.properties.service_name,data:data72};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
if(func2(data72) < 1){
const err187 = {instancePath:instancePath+"/gateway/traces/service_name",schemaPath:"#/properties/gateway/properties/traces/properties/service_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.traces.properties.service_name,data:data72};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
}
}
if(data68.sample_ratio !== undefined){
let data73 = data68.sample_ratio;
if(!((typeof data73 == "number") && (isFinite(data73)))){
let dataType38 = typeof data73;
let coerced38 = undefined;
if(!(coerced38 !== undefined)){
if(dataType38 == "boolean" || data73 === null
              || (dataType38 == "string" && data73 && data73 == +data73)){
coerced38 = +data73;
}
else {
const err188 = {instancePath:instancePath+"/gateway/traces/sample_ratio",schemaPath:"#/properties/gateway/properties/traces/properties/sample_ratio/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema31.properties.gateway.properties.traces.properties.sample_ratio.type,parentSchema:schema31.properties.gateway.properties.traces.properties.sample_ratio,data:data73};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
if(coerced38 !== undefined){
data73 = coerced38;
if(data68 !== undefined){
data68["sample_ratio"] = coerced38;
}
}
}
if((typeof data73 == "number") && (isFinite(data73))){
if(data73 > 1 || isNaN(data73)){
const err189 = {instancePath:instancePath+"/gateway/traces/sample_ratio",schemaPath:"#/properties/gateway/properties/traces/properties/sample_ratio/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema31.properties.gateway.properties.traces.properties.sample_ratio,data:data73};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
if(data73 < 0 || isNaN(data73)){
const err190 = {instancePath:instancePath+"/gateway/traces/sample_ratio",schemaPath:"#/properties/gateway/properties/traces/properties/sample_ratio/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.gateway.properties.traces.properties.sample_ratio,data:data73};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
}
}
else {
const err191 = {instancePath:instancePath+"/gateway/traces",schemaPath:"#/properties/gateway/properties/traces/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.traces.type,parentSchema:schema31.properties.gateway.properties.traces,data:data68};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
if(data25.control !== undefined){
let data74 = data25.control;
if(!((((data74 === false) || (data74 === true)) || (data74 === "propose")) || (data74 === "apply"))){
const err192 = {instancePath:instancePath+"/gateway/control",schemaPath:"#/properties/gateway/properties/control/enum",keyword:"enum",params:{allowedValues: schema31.properties.gateway.properties.control.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.gateway.properties.control.enum,parentSchema:schema31.properties.gateway.properties.control,data:data74};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
if(data25.allowed_hosts !== undefined){
let data75 = data25.allowed_hosts;
if(Array.isArray(data75)){
const len13 = data75.length;
for(let i16=0; i16<len13; i16++){
let data76 = data75[i16];
if(typeof data76 !== "string"){
let dataType39 = typeof data76;
let coerced39 = undefined;
if(!(coerced39 !== undefined)){
if(dataType39 == "number" || dataType39 == "boolean"){
coerced39 = "" + data76;
}
else if(data76 === null){
coerced39 = "";
}
else {
const err193 = {instancePath:instancePath+"/gateway/allowed_hosts/" + i16,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data76};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
if(coerced39 !== undefined){
data76 = coerced39;
if(data75 !== undefined){
data75[i16] = coerced39;
}
}
}
}
}
else {
const err194 = {instancePath:instancePath+"/gateway/allowed_hosts",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data75};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
if(data25.session_idle !== undefined){
let data77 = data25.session_idle;
if((typeof data77 !== "string") && (!(((typeof data77 == "number") && (!(data77 % 1) && !isNaN(data77))) && (isFinite(data77))))){
let dataType40 = typeof data77;
let coerced40 = undefined;
if(!(coerced40 !== undefined)){
if(dataType40 == "number" || dataType40 == "boolean"){
coerced40 = "" + data77;
}
else if(data77 === null){
coerced40 = "";
}
else if(dataType40 === "boolean" || data77 === null
              || (dataType40 === "string" && data77 && data77 == +data77 && !(data77 % 1))){
coerced40 = +data77;
}
else {
const err195 = {instancePath:instancePath+"/gateway/session_idle",schemaPath:"#/properties/gateway/properties/session_idle/type",keyword:"type",params:{type: schema31.properties.gateway.properties.session_idle.type},message:"must be string,integer",schema:schema31.properties.gateway.properties.session_idle.type,parentSchema:schema31.properties.gateway.properties.session_idle,data:data77};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
if(coerced40 !== undefined){
data77 = coerced40;
if(data25 !== undefined){
data25["session_idle"] = coerced40;
}
}
}
if((typeof data77 == "number") && (isFinite(data77))){
if(data77 < 1 || isNaN(data77)){
const err196 = {instancePath:instancePath+"/gateway/session_idle",schemaPath:"#/properties/gateway/properties/session_idle/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.gateway.properties.session_idle,data:data77};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
}
}
if(data25.servers !== undefined){
let data78 = data25.servers;
if(data78 && typeof data78 == "object" && !Array.isArray(data78)){
for(let key26 in data78){
const _errs190 = errors;
if(typeof key26 !== "string"){
let dataType41 = typeof key26;
let coerced41 = undefined;
if(!(coerced41 !== undefined)){
if(dataType41 == "number" || dataType41 == "boolean"){
coerced41 = "" + key26;
}
else if(key26 === null){
coerced41 = "";
}
else {
const err197 = {instancePath:instancePath+"/gateway/servers",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:key26,propertyName:key26};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
}
if(coerced41 !== undefined){
key26 = coerced41;
if(data78 !== undefined){
data78["servers"] = coerced41;
}
}
}
if(typeof key26 === "string"){
if(func2(key26) > 63){
const err198 = {instancePath:instancePath+"/gateway/servers",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:key26,propertyName:key26};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
if(!pattern5.test(key26)){
const err199 = {instancePath:instancePath+"/gateway/servers",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:key26,propertyName:key26};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
var valid64 = _errs190 === errors;
if(!valid64){
const err200 = {instancePath:instancePath+"/gateway/servers",schemaPath:"#/properties/gateway/properties/servers/propertyNames",keyword:"propertyNames",params:{propertyName: key26},message:"property name must be valid",schema:schema31.properties.gateway.properties.servers.propertyNames,parentSchema:schema31.properties.gateway.properties.servers,data:data78};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
}
for(let key27 in data78){
let data79 = data78[key27];
if(data79 && typeof data79 == "object" && !Array.isArray(data79)){
for(let key28 in data79){
if(!(((((key28 === "expose") || (key28 === "sessions")) || (key28 === "warm")) || (key28 === "max_sessions")) || (key28 === "tools"))){
const err201 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/gateway/properties/servers/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key28},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties,data:data79};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
}
if(data79.expose !== undefined){
let data80 = data79.expose;
if(typeof data80 !== "boolean"){
let coerced42 = undefined;
if(!(coerced42 !== undefined)){
if(data80 === "false" || data80 === 0 || data80 === null){
coerced42 = false;
}
else if(data80 === "true" || data80 === 1){
coerced42 = true;
}
else {
const err202 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/expose",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/expose/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.gateway.properties.servers.additionalProperties.properties.expose.type,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.expose,data:data80};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
}
if(coerced42 !== undefined){
data80 = coerced42;
if(data79 !== undefined){
data79["expose"] = coerced42;
}
}
}
}
if(data79.sessions !== undefined){
let data81 = data79.sessions;
if(!(((data81 === "shared") || (data81 === "per_client")) || (data81 === "per_user"))){
const err203 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/sessions",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/sessions/enum",keyword:"enum",params:{allowedValues: schema31.properties.gateway.properties.servers.additionalProperties.properties.sessions.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.gateway.properties.servers.additionalProperties.properties.sessions.enum,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.sessions,data:data81};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
}
}
if(data79.warm !== undefined){
let data82 = data79.warm;
if(!(((typeof data82 == "number") && (!(data82 % 1) && !isNaN(data82))) && (isFinite(data82)))){
let dataType43 = typeof data82;
let coerced43 = undefined;
if(!(coerced43 !== undefined)){
if(dataType43 === "boolean" || data82 === null
              || (dataType43 === "string" && data82 && data82 == +data82 && !(data82 % 1))){
coerced43 = +data82;
}
else {
const err204 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/warm",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/warm/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.gateway.properties.servers.additionalProperties.properties.warm.type,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.warm,data:data82};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
}
if(coerced43 !== undefined){
data82 = coerced43;
if(data79 !== undefined){
data79["warm"] = coerced43;
}
}
}
if((typeof data82 == "number") && (isFinite(data82))){
if(data82 > 100 || isNaN(data82)){
const err205 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/warm",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/warm/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.warm,data:data82};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
if(data82 < 0 || isNaN(data82)){
const err206 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/warm",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/warm/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.warm,data:data82};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
}
}
if(data79.max_sessions !== undefined){
let data83 = data79.max_sessions;
if(!(((typeof data83 == "number") && (!(data83 % 1) && !isNaN(data83))) && (isFinite(data83)))){
let dataType44 = typeof data83;
let coerced44 = undefined;
if(!(coerced44 !== undefined)){
if(dataType44 === "boolean" || data83 === null
              || (dataType44 === "string" && data83 && data83 == +data83 && !(data83 % 1))){
coerced44 = +data83;
}
else {
const err207 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/max_sessions",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/max_sessions/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.gateway.properties.servers.additionalProperties.properties.max_sessions.type,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.max_sessions,data:data83};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
}
if(coerced44 !== undefined){
data83 = coerced44;
if(data79 !== undefined){
data79["max_sessions"] = coerced44;
}
}
}
if((typeof data83 == "number") && (isFinite(data83))){
if(data83 > 1000 || isNaN(data83)){
const err208 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/max_sessions",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/max_sessions/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.max_sessions,data:data83};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
if(data83 < 1 || isNaN(data83)){
const err209 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/max_sessions",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/max_sessions/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.max_sessions,data:data83};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
}
}
if(data79.tools !== undefined){
let data84 = data79.tools;
if(data84 && typeof data84 == "object" && !Array.isArray(data84)){
for(let key29 in data84){
if(!((key29 === "allow") || (key29 === "deny"))){
const err210 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/tools/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key29},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.tools,data:data84};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
}
if(data84.allow !== undefined){
let data85 = data84.allow;
if(Array.isArray(data85)){
const len14 = data85.length;
for(let i17=0; i17<len14; i17++){
let data86 = data85[i17];
if(typeof data86 !== "string"){
let dataType45 = typeof data86;
let coerced45 = undefined;
if(!(coerced45 !== undefined)){
if(dataType45 == "number" || dataType45 == "boolean"){
coerced45 = "" + data86;
}
else if(data86 === null){
coerced45 = "";
}
else {
const err211 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools/allow/" + i17,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data86};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
}
if(coerced45 !== undefined){
data86 = coerced45;
if(data85 !== undefined){
data85[i17] = coerced45;
}
}
}
}
}
else {
const err212 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools/allow",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data85};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
}
if(data84.deny !== undefined){
let data87 = data84.deny;
if(Array.isArray(data87)){
const len15 = data87.length;
for(let i18=0; i18<len15; i18++){
let data88 = data87[i18];
if(typeof data88 !== "string"){
let dataType46 = typeof data88;
let coerced46 = undefined;
if(!(coerced46 !== undefined)){
if(dataType46 == "number" || dataType46 == "boolean"){
coerced46 = "" + data88;
}
else if(data88 === null){
coerced46 = "";
}
else {
const err213 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools/deny/" + i18,schemaPath:"#/$defs/stringList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data88};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
}
if(coerced46 !== undefined){
data88 = coerced46;
if(data87 !== undefined){
data87[i18] = coerced46;
}
}
}
}
}
else {
const err214 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools/deny",schemaPath:"#/$defs/stringList/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data87};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
}
}
else {
const err215 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1")+"/tools",schemaPath:"#/properties/gateway/properties/servers/additionalProperties/properties/tools/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.servers.additionalProperties.properties.tools.type,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties.properties.tools,data:data84};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
}
else {
const err216 = {instancePath:instancePath+"/gateway/servers/" + key27.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/gateway/properties/servers/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.servers.additionalProperties.type,parentSchema:schema31.properties.gateway.properties.servers.additionalProperties,data:data79};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
}
}
else {
const err217 = {instancePath:instancePath+"/gateway/servers",schemaPath:"#/properties/gateway/properties/servers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.servers.type,parentSchema:schema31.properties.gateway.properties.servers,data:data78};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
}
if(data25.service !== undefined){
let data89 = data25.service;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
if(data89.image === undefined){
const err218 = {instancePath:instancePath+"/gateway/service",schemaPath:"#/properties/gateway/properties/service/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema31.properties.gateway.properties.service.required,parentSchema:schema31.properties.gateway.properties.service,data:data89};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
for(let key30 in data89){
if(!(((((key30 === "image") || (key30 === "token_secret")) || (key30 === "port")) || (key30 === "replicas")) || (key30 === "placement"))){
const err219 = {instancePath:instancePath+"/gateway/service",schemaPath:"#/properties/gateway/properties/service/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key30},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.gateway.properties.service,data:data89};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
}
if(data89.image !== undefined){
let data90 = data89.image;
if(typeof data90 !== "string"){
let dataType47 = typeof data90;
let coerced47 = undefined;
if(!(coerced47 !== undefined)){
if(dataType47 == "number" || dataType47 == "boolean"){
coerced47 = "" + data90;
}
else if(data90 === null){
coerced47 = "";
}
else {
const err220 = {instancePath:instancePath+"/gateway/service/image",schemaPath:"#/properties/gateway/properties/service/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.gateway.properties.service.properties.image.type,parentSchema:schema31.properties.gateway.properties.service.properties.image,data:data90};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
}
if(coerced47 !== undefined){
data90 = coerced47;
if(data89 !== undefined){
data89["image"] = coerced47;
}
}
}
if(typeof data90 === "string"){
if(func2(data90) < 1){
const err221 = {instancePath:instancePath+"/gateway/service/image",schemaPath:"#/properties/gateway/properties/service/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.gateway.properties.service.properties.image,data:data90};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
}
}
if(data89.token_secret !== undefined){
let data91 = data89.token_secret;
if(typeof data91 !== "string"){
let dataType48 = typeof data91;
let coerced48 = undefined;
if(!(coerced48 !== undefined)){
if(dataType48 == "number" || dataType48 == "boolean"){
coerced48 = "" + data91;
}
else if(data91 === null){
coerced48 = "";
}
else {
const err222 = {instancePath:instancePath+"/gateway/service/token_secret",schemaPath:"#/$defs/objectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:data91};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
}
if(coerced48 !== undefined){
data91 = coerced48;
if(data89 !== undefined){
data89["token_secret"] = coerced48;
}
}
}
if(typeof data91 === "string"){
if(func2(data91) > 63){
const err223 = {instancePath:instancePath+"/gateway/service/token_secret",schemaPath:"#/$defs/objectName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema42,data:data91};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
if(!pattern5.test(data91)){
const err224 = {instancePath:instancePath+"/gateway/service/token_secret",schemaPath:"#/$defs/objectName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema42,data:data91};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
}
}
if(data89.port !== undefined){
let data92 = data89.port;
if(!(((typeof data92 == "number") && (!(data92 % 1) && !isNaN(data92))) && (isFinite(data92)))){
let dataType49 = typeof data92;
let coerced49 = undefined;
if(!(coerced49 !== undefined)){
if(dataType49 === "boolean" || data92 === null
              || (dataType49 === "string" && data92 && data92 == +data92 && !(data92 % 1))){
coerced49 = +data92;
}
else {
const err225 = {instancePath:instancePath+"/gateway/service/port",schemaPath:"#/properties/gateway/properties/service/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.gateway.properties.service.properties.port.type,parentSchema:schema31.properties.gateway.properties.service.properties.port,data:data92};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
}
if(coerced49 !== undefined){
data92 = coerced49;
if(data89 !== undefined){
data89["port"] = coerced49;
}
}
}
if((typeof data92 == "number") && (isFinite(data92))){
if(data92 > 65535 || isNaN(data92)){
const err226 = {instancePath:instancePath+"/gateway/service/port",schemaPath:"#/properties/gateway/properties/service/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema31.properties.gateway.properties.service.properties.port,data:data92};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
if(data92 < 1 || isNaN(data92)){
const err227 = {instancePath:instancePath+"/gateway/service/port",schemaPath:"#/properties/gateway/properties/service/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.gateway.properties.service.properties.port,data:data92};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
}
}
if(data89.replicas !== undefined){
let data93 = data89.replicas;
if(!(((typeof data93 == "number") && (!(data93 % 1) && !isNaN(data93))) && (isFinite(data93)))){
let dataType50 = typeof data93;
let coerced50 = undefined;
if(!(coerced50 !== undefined)){
if(dataType50 === "boolean" || data93 === null
              || (dataType50 === "string" && data93 && data93 == +data93 && !(data93 % 1))){
coerced50 = +data93;
}
else {
const err228 = {instancePath:instancePath+"/gateway/service/replicas",schemaPath:"#/properties/gateway/properties/service/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.gateway.properties.service.properties.replicas.type,parentSchema:schema31.properties.gateway.properties.service.properties.replicas,data:data93};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
}
if(coerced50 !== undefined){
data93 = coerced50;
if(data89 !== undefined){
data89["replicas"] = coerced50;
}
}
}
if((typeof data93 == "number") && (isFinite(data93))){
if(data93 > 100 || isNaN(data93)){
const err229 = {instancePath:instancePath+"/gateway/service/replicas",schemaPath:"#/properties/gateway/properties/service/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema31.properties.gateway.properties.service.properties.replicas,data:data93};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
if(data93 < 1 || isNaN(data93)){
const err230 = {instancePath:instancePath+"/gateway/service/replicas",schemaPath:"#/properties/gateway/properties/service/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.gateway.properties.service.properties.replicas,data:data93};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
}
}
if(data89.placement !== undefined){
let data94 = data89.placement;
if(data94 && typeof data94 == "object" && !Array.isArray(data94)){
for(let key31 in data94){
if(!((key31 === "constraints") || (key31 === "preferences"))){
const err231 = {instancePath:instancePath+"/gateway/service/placement",schemaPath:"#/$defs/placement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key31},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data:data94};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
}
if(data94.constraints !== undefined){
let data95 = data94.constraints;
if(Array.isArray(data95)){
const len16 = data95.length;
for(let i19=0; i19<len16; i19++){
let data96 = data95[i19];
if(typeof data96 !== "string"){
let dataType51 = typeof data96;
let coerced51 = undefined;
if(!(coerced51 !== undefined)){
if(dataType51 == "number" || dataType51 == "boolean"){
coerced51 = "" + data96;
}
else if(data96 === null){
coerced51 = "";
}
else {
const err232 = {instancePath:instancePath+"/gateway/service/placement/constraints/" + i19,schemaPath:"#/$defs/placement/properties/constraints/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.constraints.items.type,parentSchema:schema37.properties.constraints.items,data:data96};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
}
if(coerced51 !== undefined){
data96 = coerced51;
if(data95 !== undefined){
data95[i19] = coerced51;
}
}
}
if(typeof data96 === "string"){
if(func2(data96) < 1){
const err233 = {instancePath:instancePath+"/gateway/service/placement/constraints/" + i19,schemaPath:"#/$defs/placement/properties/constraints/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.properties.constraints.items,data:data96};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
if(!pattern10.test(data96)){
const err234 = {instancePath:instancePath+"/gateway/service/placement/constraints/" + i19,schemaPath:"#/$defs/placement/properties/constraints/items/pattern",keyword:"pattern",params:{pattern: "^[^=!]+(==|!=)[^=!]+$"},message:"must match pattern \""+"^[^=!]+(==|!=)[^=!]+$"+"\"",schema:"^[^=!]+(==|!=)[^=!]+$",parentSchema:schema37.properties.constraints.items,data:data96};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
}
}
}
else {
const err235 = {instancePath:instancePath+"/gateway/service/placement/constraints",schemaPath:"#/$defs/placement/properties/constraints/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.constraints.type,parentSchema:schema37.properties.constraints,data:data95};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
}
if(data94.preferences !== undefined){
let data97 = data94.preferences;
if(Array.isArray(data97)){
const len17 = data97.length;
for(let i20=0; i20<len17; i20++){
let data98 = data97[i20];
if(data98 && typeof data98 == "object" && !Array.isArray(data98)){
if(data98.spread === undefined){
const err236 = {instancePath:instancePath+"/gateway/service/placement/preferences/" + i20,schemaPath:"#/$defs/placement/properties/preferences/items/required",keyword:"required",params:{missingProperty: "spread"},message:"must have required property '"+"spread"+"'",schema:schema37.properties.preferences.items.required,parentSchema:schema37.properties.preferences.items,data:data98};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
for(let key32 in data98){
if(!(key32 === "spread")){
const err237 = {instancePath:instancePath+"/gateway/service/placement/preferences/" + i20,schemaPath:"#/$defs/placement/properties/preferences/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key32},message:"must NOT have additional properties",schema:false,parentSchema:schema37.properties.preferences.items,data:data98};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
}
if(data98.spread !== undefined){
let data99 = data98.spread;
if(typeof data99 !== "string"){
let dataType52 = typeof data99;
let coerced52 = undefined;
if(!(coerced52 !== undefined)){
if(dataType52 == "number" || dataType52 == "boolean"){
coerced52 = "" + data99;
}
else if(data99 === null){
coerced52 = "";
}
else {
const err238 = {instancePath:instancePath+"/gateway/service/placement/preferences/" + i20+"/spread",schemaPath:"#/$defs/placement/properties/preferences/items/properties/spread/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.preferences.items.properties.spread.type,parentSchema:schema37.properties.preferences.items.properties.spread,data:data99};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
}
if(coerced52 !== undefined){
data99 = coerced52;
if(data98 !== undefined){
data98["spread"] = coerced52;
}
}
}
if(typeof data99 === "string"){
if(func2(data99) < 1){
const err239 = {instancePath:instancePath+"/gateway/service/placement/preferences/" + i20+"/spread",schemaPath:"#/$defs/placement/properties/preferences/items/properties/spread/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37.properties.preferences.items.properties.spread,data:data99};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
}
}
}
else {
const err240 = {instancePath:instancePath+"/gateway/service/placement/preferences/" + i20,schemaPath:"#/$defs/placement/properties/preferences/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.preferences.items.type,parentSchema:schema37.properties.preferences.items,data:data98};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
}
}
else {
const err241 = {instancePath:instancePath+"/gateway/service/placement/preferences",schemaPath:"#/$defs/placement/properties/preferences/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.preferences.type,parentSchema:schema37.properties.preferences,data:data97};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
}
else {
const err242 = {instancePath:instancePath+"/gateway/service/placement",schemaPath:"#/$defs/placement/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data:data94};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
}
else {
const err243 = {instancePath:instancePath+"/gateway/service",schemaPath:"#/properties/gateway/properties/service/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.properties.service.type,parentSchema:schema31.properties.gateway.properties.service,data:data89};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
}
}
else {
const err244 = {instancePath:instancePath+"/gateway",schemaPath:"#/properties/gateway/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.gateway.type,parentSchema:schema31.properties.gateway,data:data25};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
}
}
else {
const err245 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

