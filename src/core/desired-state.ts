import { GATEWAY_SERVICE_NAME, type ReadySpec, type SecretSpec, type ServerSpec, type StackSpec, type Transport } from '../stack-file/stack-spec';
import type { ContainerSpec, SwarmSecret } from './container-spec';
import { canonicalJson, hashValue, sha256 } from '../util/hash';
import { HASH_VERSION, Label } from './labels';
import { buildTag, containerName, networkName, normaliseImageRef, secretName, sessionContainerName, volumeName } from './naming';
import { packageImage, type PackageImage, type PackageSource } from '../recipes/package-image';
import { withUserValues } from '../stack-file/user-references';

export type { ContainerSpec, SwarmSecret } from './container-spec';

export type ImageSource =
  | { readonly kind: 'pull'; readonly ref: string }
  | {
      readonly kind: 'build';
      readonly tag: string;
      readonly context: string;
      readonly dockerfile: string;
      readonly args: Readonly<Record<string, string>>;
      readonly target?: string;
      /** Put on the built image, so the project's images can be found by label. */
      readonly labels: Readonly<Record<string, string>>;
      /** Pushed after the build (its tag names the stack's registry), so every Swarm node can pull it. */
      readonly push?: boolean;
    }
  /** An npx:/uvx: package image: a generated build context on a runtime image, pulled first when missing. */
  | {
      readonly kind: 'generated';
      readonly tag: string;
      readonly files: Readonly<Record<string, string>>;
      /** What the files must not contain as text: the package spec, passed as build arguments. */
      readonly args: Readonly<Record<string, string>>;
      readonly baseImage: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly push?: boolean;
    };

export type BuildSource = Extract<ImageSource, { kind: 'build' | 'generated' }>;

/** Where image: and build: servers find the stack's extra CA certificates. */
export const CA_MOUNT_PATH = '/usr/local/share/mcp-orchestrator/ca.crt';

export interface DesiredContainer {
  readonly server: string;
  readonly name: string;
  readonly spec: ContainerSpec;
  readonly imageSource: ImageSource;
  readonly configHash: string;
  /** Digest per setting (env per key), stored as a label so a plan can name what changed. */
  readonly fieldDigests: Readonly<Record<string, string>>;
  /** spec.labels plus the hash labels: what the container is created with. */
  readonly labels: Readonly<Record<string, string>>;
  readonly dependsOn: readonly string[];
  /** How clients speak MCP to it (the smoke test and apply --wait use it). */
  readonly transport: Transport;
  /** How a recreate replaces it: when the replacement is ready, and whether both run at once. Not in the hash: changing it changes no container. */
  readonly rollout: { readonly ready: ReadySpec; readonly order: 'stop-first' | 'start-first' };
  /** Why this server cannot be created as the file says (a bind source with no host path); the planner fails it alone. */
  readonly problem?: string;
}

export interface DesiredOptions {
  /**
   * The engine resolves bind sources on its own host. When the orchestrator runs in a container,
   * its paths differ from the host's: this maps one to the other, undefined when no mount covers it.
   */
  readonly hostPath?: (path: string) => string | undefined;
  /** The per-client sessions a serve's gateway holds (it owns their containers): a container each. */
  readonly sessions?: SessionClaims;
}

/** Who holds per-client sessions (`<host>/<pid>`), and of which servers, numbered. */
export interface SessionClaims {
  readonly owner: string;
  /** `values`: a per-user session's own values of the server's `${user:NAME}` references (never in a label or the hash). */
  readonly claims: readonly { readonly server: string; readonly n: number; readonly values?: Readonly<Record<string, string>> }[];
}

export interface DesiredNetwork {
  readonly logicalName: string;
  readonly name: string;
  readonly driver: string;
  readonly internal: boolean;
  /** Swarm overlays: the orchestrator's own container (its gateway) and probes may join them. */
  readonly attachable?: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface DesiredVolume {
  readonly logicalName: string;
  readonly name: string;
  readonly driver: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface DesiredState {
  readonly project: string;
  /** Sorted by server name. */
  readonly containers: readonly DesiredContainer[];
  /**
   * Per-client sessions' containers of the owner planning (none for apply, which holds no
   * sessions): each a copy of its server's container under its own name. Created and removed,
   * never recreated: a session keeps the definition it started with until it ends.
   */
  readonly sessions?: { readonly owner: string; readonly containers: readonly DesiredContainer[] };
  readonly networks: readonly DesiredNetwork[];
  readonly volumes: readonly DesiredVolume[];
}

/** The image a server runs and where it comes from; one the orchestrator builds is named in `registry` when there is one. */
export function imageSourceFor(stack: StackSpec, s: ServerSpec, registry: string | undefined): ImageSource {
  const pkg = (source: PackageSource): PackageImage =>
    packageImage(source, source.kind === 'npx' ? stack.runtimes.node : stack.runtimes.python, stack.tls?.caPem);
  return inRegistry(imageSourceOf(stack.project, s, pkg), registry);
}

export function desiredState(stack: StackSpec, options: DesiredOptions = {}): DesiredState {
  const hostPath = options.hostPath ?? ((p: string): string | undefined => p);
  const project = stack.project;
  const declared = new Map(stack.networks.map((n) => [n.name, n]));
  const usedNetworks = new Set(stack.servers.flatMap((s) => s.networks));
  const networks = [...new Set([...declared.keys(), ...usedNetworks])].sort().map((logical): DesiredNetwork => {
    const n = declared.get(logical);
    return {
      logicalName: logical,
      name: networkName(project, logical),
      driver: n?.driver ?? (stack.backend === 'swarm' ? 'overlay' : 'bridge'),
      internal: n?.internal ?? false,
      ...(stack.backend === 'swarm' && { attachable: true }),
      labels: { ...n?.labels, [Label.project]: project, [Label.network]: logical },
    };
  });
  const containers = [
    ...stack.servers.map((s) => {
      const swarm = stack.backend === 'swarm';
      return desiredContainer(project, s, imageSourceFor(stack, s, swarm ? stack.registry : undefined), stack.tls, hostPath, stack.secrets, swarm, swarm ? stack.registry : undefined);
    }),
    ...gatewayService(stack),
  ].sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0));
  return {
    project,
    containers,
    ...(options.sessions !== undefined && { sessions: { owner: options.sessions.owner, containers: sessionContainers(stack, containers, options.sessions) } }),
    networks,
    volumes: stack.volumes.map((v) => ({
      logicalName: v.name,
      name: volumeName(project, v.name),
      driver: v.driver,
      labels: { ...v.labels, [Label.project]: project, [Label.volume]: v.name },
    })),
  };
}

/**
 * A container per claimed session of a per-client server: its server's, under the session's name
 * and network alias (other servers reaching the server by name reach the shared one), labelled
 * with its owner and number. A claim of a server no longer per-client (or gone) has none.
 */
function sessionContainers(stack: StackSpec, containers: readonly DesiredContainer[], sessions: SessionClaims): DesiredContainer[] {
  const perClient = new Set(stack.gateway.servers.filter((g) => g.perClient !== undefined).map((g) => g.name));
  return sessions.claims.flatMap(({ server, n, values }) => {
    const base = containers.find((c) => c.server === server);
    if (base === undefined || !perClient.has(server) || base.spec.bridge !== undefined || base.problem !== undefined) return [];
    const name = sessionContainerName(stack.project, server, n);
    // The labels (and hash) stay the server's: a user's values are in the container's env only.
    const env = values !== undefined ? withUserValues(base.spec.env, values) : base.spec.env;
    return [{ ...base, name, spec: { ...base.spec, alias: name, env }, labels: { ...base.labels, [Label.session]: `${sessions.owner}/${n}` } }];
  });
}

/** backend: swarm with gateway.service: the gateway's service, beside the servers' (its name is no server's). */
function gatewayService(stack: StackSpec): DesiredContainer[] {
  const service = stack.gateway.service;
  const token = stack.secrets.find((x) => x.name === service?.tokenSecret);
  if (stack.backend !== 'swarm' || service === undefined || (token === undefined && stack.gateway.auth === undefined)) return [];
  // Loaded for a swarm stack with gateway.service only: a local apply starts without it.
  const { GATEWAY_SERVICE_ROLLOUT, gatewayServiceSpec } = require('./gateway-service') as typeof import('./gateway-service');
  const spec = gatewayServiceSpec(stack, service, token !== undefined ? swarmSecretOf(stack.project, token) : undefined);
  return [hashed(stack.project, GATEWAY_SERVICE_NAME, spec, { kind: 'pull', ref: spec.image }, { dependsOn: [], transport: { type: 'http', port: service.port, path: '/mcp' }, rollout: GATEWAY_SERVICE_ROLLOUT })];
}

function desiredContainer(
  project: string,
  s: ServerSpec,
  imageSource: ImageSource,
  tls: StackSpec['tls'],
  hostPath: (path: string) => string | undefined,
  secrets: StackSpec['secrets'],
  swarm: boolean,
  registry: string | undefined,
): DesiredContainer {
  const mySecrets = secrets.filter((x) => s.secrets.includes(x.name));
  const unmapped: string[] = [];
  const onHost = (p: string): string => {
    const h = hostPath(p);
    if (h === undefined) unmapped.push(p);
    return h ?? p;
  };
  const image = imageSource.kind === 'pull' ? imageSource.ref : imageSource.tag;
  // Package images have the CA built in; the others get it mounted.
  const mountCa = tls !== undefined && (imageSource.kind === 'pull' || imageSource.kind === 'build');
  const env = { ...(mountCa && { NODE_EXTRA_CA_CERTS: CA_MOUNT_PATH }), ...s.env };
  const exposed = new Set(s.ports.map((p) => `${p.containerPort}/${p.protocol}`));
  if (s.transport.type === 'http') exposed.add(`${s.transport.port}/tcp`);
  const spec: ContainerSpec = {
    image,
    ...(s.command !== undefined && { command: [...s.command, ...s.args] }),
    ...(s.command === undefined && s.args.length > 0 && { command: [...s.args] }),
    ...(s.entrypoint !== undefined && { entrypoint: s.entrypoint }),
    env: Object.entries(env)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`),
    ...(s.user !== undefined && { user: s.user }),
    ...(s.workingDir !== undefined && { workingDir: s.workingDir }),
    labels: { ...s.labels, [Label.project]: project, [Label.server]: s.name },
    // A bridged or hosted server's stdin is the bridge's or the host's pipe, not the container's.
    stdinOpen: false,
    ...(s.transport.type === 'stdio' && !swarm && { stdioHost: true as const }),
    ...(s.stopTimeoutSeconds !== undefined && { stopTimeoutSeconds: s.stopTimeoutSeconds }),
    exposedPorts: [...exposed].sort(),
    init: s.init,
    restart: s.restart,
    ...(s.resources.memoryBytes !== undefined && { memoryBytes: s.resources.memoryBytes }),
    ...(s.resources.nanoCpus !== undefined && { nanoCpus: s.resources.nanoCpus }),
    ...(s.resources.pids !== undefined && { pidsLimit: s.resources.pids }),
    readOnlyRootfs: s.readOnly,
    logConfig: { type: s.logging.driver, config: s.logging.options },
    privileged: s.privileged,
    noNewPrivileges: s.noNewPrivileges,
    capAdd: s.capAdd,
    capDrop: s.capDrop,
    binds: [
      ...s.mounts.map((m) => {
        const source = m.type === 'volume' ? volumeName(project, m.source) : onHost(m.source);
        return `${source}:${m.target}${m.readOnly ? ':ro' : ''}`;
      }),
      ...(mountCa && tls ? [`${onHost(tls.caFile)}:${CA_MOUNT_PATH}:ro`] : []),
      // Swarm hands secrets to the task on whatever node it runs: no host file is bound.
      ...(swarm ? [] : mySecrets.map((x) => `${onHost(x.file)}:/run/secrets/${x.name}:ro`)),
    ],
    portBindings: s.ports.map((p) => ({
      containerPort: `${p.containerPort}/${p.protocol}`,
      ...(p.hostIp !== undefined && { hostIp: p.hostIp }),
      ...(p.hostPort !== undefined && { hostPort: String(p.hostPort) }),
    })),
    networks: s.networks.map((n) => networkName(project, n)),
    ...(s.networkMode !== undefined && { networkMode: s.networkMode }),
    ...(s.pidMode !== undefined && { pidMode: s.pidMode }),
    devices: s.devices,
    alias: s.name,
    fileDigests: {
      ...(mountCa && tls && { [CA_MOUNT_PATH]: sha256(tls.caPem).slice(0, 16) }),
      ...Object.fromEntries(mySecrets.map((x) => [`/run/secrets/${x.name}`, x.digest.slice(0, 16)])),
    },
    ...(swarm && {
      ...(s.transport.type === 'stdio' && { bridge: registry === undefined ? {} : { registry } }),
      replicas: s.replicas,
      ...(s.placement !== undefined && { placement: s.placement }),
      ...(s.resources.reservations !== undefined && { reservations: s.resources.reservations }),
      swarmSecrets: mySecrets.map((x) => swarmSecretOf(project, x)),
    }),
  };
  return hashed(project, s.name, spec, imageSource, {
    dependsOn: s.dependsOn,
    transport: s.transport,
    rollout: { ready: s.ready, order: s.rollout },
    ...(unmapped.length > 0 && {
      problem: `bind source ${unmapped.join(', ')} is not under any mount of the orchestrator's container, so the host engine cannot see it: mount it into the orchestrator, or pass --host-project-dir`,
    }),
  });
}

function swarmSecretOf(project: string, x: SecretSpec): SwarmSecret {
  return {
    // Salted with where it is used, so the name is no plain digest of the content to look up.
    name: secretName(project, x.name, sha256(`${project}\0${x.name}\0${x.digest}`)),
    secret: x.name,
    file: x.file,
    labels: { [Label.project]: project, [Label.secret]: x.name },
  };
}

/** A container as the planner sees it: its spec, named, hashed and labelled with the hash. */
function hashed(
  project: string,
  server: string,
  spec: ContainerSpec,
  imageSource: ImageSource,
  rest: Pick<DesiredContainer, 'dependsOn' | 'transport' | 'rollout' | 'problem'>,
): DesiredContainer {
  const configHash = configHashOf(spec);
  const fieldDigests = fieldDigestsOf(spec);
  return {
    server,
    name: containerName(project, server),
    spec,
    imageSource,
    configHash,
    fieldDigests,
    labels: {
      ...spec.labels,
      [Label.configHash]: configHash,
      [Label.hashVersion]: HASH_VERSION,
      [Label.configFields]: canonicalJson(fieldDigests),
    },
    ...rest,
  };
}

function imageSourceOf(project: string, s: ServerSpec, pkg: (source: PackageSource) => PackageImage): ImageSource {
  switch (s.source.kind) {
    case 'image':
      return { kind: 'pull', ref: normaliseImageRef(s.source.image) };
    case 'build':
      return {
        kind: 'build',
        tag: normaliseImageRef(s.source.tag ?? buildTag(project, s.name)),
        context: s.source.context,
        dockerfile: s.source.dockerfile,
        args: s.source.args,
        ...(s.source.target !== undefined && { target: s.source.target }),
        labels: { [Label.project]: project, [Label.server]: s.name },
      };
    case 'npx':
    case 'uvx': {
      const p = pkg(s.source);
      const labels = { [Label.package]: `${s.source.kind}:${s.source.package}` };
      return { kind: 'generated', tag: p.tag, files: p.files, args: p.buildArgs, baseImage: normaliseImageRef(p.baseImage), labels };
    }
  }
}

/** An image the orchestrator builds, named in the stack's registry and pushed there; pulled images stay as they are. */
function inRegistry(source: ImageSource, registry: string | undefined): ImageSource {
  if (registry === undefined || source.kind === 'pull') return source;
  return { ...source, tag: normaliseImageRef(`${registry}/${source.tag}`), push: true };
}

/** Hash scheme 1: SHA-256 of the canonical JSON of the create spec. */
export function configHashOf(spec: ContainerSpec): string {
  return hashValue(hashedView(spec));
}

/**
 * A Swarm secret's file (or content) is only where the adapter reads its content from (the
 * content is in the secret's name): the same stack checked out elsewhere is the same service, and
 * no secret's content is in a hash of what it changes.
 */
function hashedView(spec: ContainerSpec): ContainerSpec {
  if (spec.swarmSecrets === undefined) return spec;
  return { ...spec, swarmSecrets: spec.swarmSecrets.map(({ content: _content, ...x }) => ({ ...x, file: '' })) };
}

/** env and labels per key, everything else per field: 12 hex digits are plenty to tell a change. */
export function fieldDigestsOf(spec: ContainerSpec): Record<string, string> {
  const digest = (v: unknown): string => sha256(canonicalJson(v)).slice(0, 12);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hashedView(spec))) {
    if (k === 'env' || k === 'labels') continue;
    out[k] = digest(v);
  }
  for (const kv of spec.env) {
    const i = kv.indexOf('=');
    out[`env.${kv.slice(0, i)}`] = digest(kv.slice(i + 1));
  }
  for (const [k, v] of Object.entries(spec.labels)) out[`label.${k}`] = digest(v);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
