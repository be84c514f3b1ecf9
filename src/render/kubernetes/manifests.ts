import type { IContainer } from 'kubernetes-models/v1/Container' with { 'resolution-mode': 'import' };
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap' with { 'resolution-mode': 'import' };
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar' with { 'resolution-mode': 'import' };
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim' with { 'resolution-mode': 'import' };
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext' with { 'resolution-mode': 'import' };
import type { IVolume } from 'kubernetes-models/v1/Volume' with { 'resolution-mode': 'import' };
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount' with { 'resolution-mode': 'import' };
import * as path from 'node:path';
import type { Diagnostic } from '../../errors';
import type { ServerSpec, StackSpec } from '../../stack-file/stack-spec';
import { BRIDGE_HOME, BRIDGE_TOKEN_FILE, bridgeArgs, bridgeEntrypoint, httpEndpointOf, serverCommand } from '../../recipes/bridged-image';
import { CA_MOUNT_PATH, imageSourceFor } from '../../core/desired-state';
import { ORCHESTRATOR_COMMAND } from '../../recipes/gateway-command';
import { GATEWAY_INTROSPECTION_SECRET_ENV, gatewayTracesHeaderEnv } from '../../recipes/gateway-stack';
import { envKeyHint, literal, renderedValues, shellDoubleQuoted } from './variables';
import { Label } from '../../core/labels';
import { packageEntrypoint } from '../../recipes/package-image';
import { gatewayObjects } from './gateway';
import { networkPolicy } from './network-policy';
import {
  dirOf,
  K8S_BRIDGE_TOKEN_SECRET,
  K8S_GATEWAY_NAME,
  K8S_GATEWAY_INTROSPECTION_SECRET,
  K8S_GATEWAY_TRACES_SECRET,
  K8S_GATEWAY_TOKEN_SECRET,
  protocolOf,
  restricted,
  serviceNames,
  type KubernetesObject,
} from './objects';
import { resourceRequirements, scheduling } from './scheduling';

/** The size a named volume's claim asks for: the stack file has no size, and Docker volumes have none. */
export const K8S_VOLUME_SIZE = '1Gi';
const NETWORK_LABEL_PREFIX = 'network.mcp-orchestrator.io/';
const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface KubernetesOptions {
  /** The namespace every object goes in; the project's name by default. */
  readonly namespace?: string;
  /** The orchestrator's image: the gateway, and the init container that brings stdio servers their bridge. */
  readonly orchestratorImage: string;
  /** What a stdio server's image runs (read from the engine), for servers whose file does not say. */
  readonly imageCommands?: ReadonlyMap<string, { readonly entrypoint: readonly string[]; readonly cmd: readonly string[] }>;
  /** Why that could not be read, per server, for the error. */
  readonly imageCommandProblems?: ReadonlyMap<string, string>;
  /** Per server, the image to run instead of the file's (a built image pushed and pinned by digest: render --push). */
  readonly images?: ReadonlyMap<string, string>;
}

/** A Secret the manifests name: the user creates it, from the files or values named here. */
export interface SecretToCreate {
  readonly name: string;
  /** key -> where its value comes from, as a kubectl create secret argument. */
  readonly keys: Readonly<Record<string, string>>;
}

export type KubernetesRender =
  | { readonly ok: true; readonly namespace: string; readonly objects: readonly KubernetesObject[]; readonly secrets: readonly SecretToCreate[]; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/**
 * The stack as Kubernetes manifests: a namespace per project; per server a Deployment, a ClusterIP
 * Service named as the server (so servers reach each other by the names they use under Docker) and
 * a NetworkPolicy that keeps Docker's network isolation; named volumes as claims; the CA as a
 * ConfigMap; the gateway as a Deployment and Service. Stdio servers run behind the bridge, which an
 * init container copies from the orchestrator's image. No value that may be secret is written:
 * secrets, env values from outside the file and tokens are Secrets referred to by name.
 * Pure: the same stack and options give byte-identical manifests.
 */
export function kubernetesManifests(stack: StackSpec, options: KubernetesOptions): KubernetesRender {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const at = (s: Pick<ServerSpec, 'where'> | undefined) => s?.where ?? { file: stack.file, line: 1, col: 1 };
  const fail = (s: ServerSpec | undefined, message: string): void => void errors.push({ severity: 'error', message, location: at(s) });
  const warn = (s: Pick<ServerSpec, 'where'> | undefined, message: string): void => void warnings.push({ severity: 'warning', message, location: at(s) });
  for (const r of stack.remotes ?? []) warn(r, `server "${r.name}" is a remote server (url:): the rendered gateway does not front remote servers yet, so it is left out`);

  const namespace = options.namespace ?? stack.project;
  if (!DNS_LABEL.test(namespace)) fail(undefined, `namespace "${namespace}" is not a Kubernetes name (lowercase letters, digits and "-", starting with a letter, at most 63): pass --namespace`);
  const names = new Map<string, string>();
  for (const s of stack.servers) {
    const name = s.name.replace(/_/g, '-');
    if (!DNS_LABEL.test(name)) fail(s, `server "${s.name}" cannot be a Kubernetes Service name ("${name}": lowercase letters, digits and "-", starting with a letter, at most 63): rename it`);
    else if ([...names.values()].includes(name) || name === K8S_GATEWAY_NAME) fail(s, `server "${s.name}" would be named "${name}" in Kubernetes, as ${name === K8S_GATEWAY_NAME ? 'the gateway is' : 'another server is'}: rename it`);
    else if (name !== s.name) warn(s, `server "${s.name}" is named "${name}" in Kubernetes (no "_" there): servers that reach it by name must use that name`);
    names.set(s.name, name);
  }
  const k8sName = (server: string): string => names.get(server) ?? server;
  const base = { namespace, labels: { 'app.kubernetes.io/part-of': stack.project, 'app.kubernetes.io/managed-by': 'mcp-orchestrator', [Label.project]: stack.project } };
  const selectorOf = (server: string): Record<string, string> => ({ [Label.project]: stack.project, [Label.server]: server });
  const networkLabel = (network: string): string => `${NETWORK_LABEL_PREFIX}${network}`;
  for (const n of stack.networks) if (n.name.length > 63) fail(undefined, `network "${n.name}" is longer than a Kubernetes label name may be (63)`);

  // Named volumes: one claim each, shared as Docker shares them.
  const volumeUsers = new Map<string, ServerSpec[]>();
  for (const s of stack.servers) for (const m of s.mounts) if (m.type === 'volume') volumeUsers.set(m.source, [...(volumeUsers.get(m.source) ?? []), s]);
  const claims: IPersistentVolumeClaim[] = stack.volumes
    .filter((v) => volumeUsers.has(v.name))
    .map((v) => {
      const users = volumeUsers.get(v.name) ?? [];
      const shared = users.length > 1 || users.some((u) => u.replicas > 1);
      if (shared) warn(users[0], `volume "${v.name}" is used by ${users.length > 1 ? 'several servers' : 'several replicas'}: its claim asks for ReadWriteMany, which not every storage class offers`);
      if (v.driver !== 'local') warn(users[0], `volume "${v.name}" uses Docker volume driver "${v.driver}": the claim gets the cluster's default storage class`);
      return {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claimName(v.name), ...base, labels: { ...base.labels, [Label.volume]: v.name } },
        spec: { accessModes: [shared ? 'ReadWriteMany' : 'ReadWriteOnce'], resources: { requests: { storage: K8S_VOLUME_SIZE } } },
      };
    });

  const secrets = new Map<string, SecretToCreate>();
  const bridged = stack.servers.some((s) => s.transport.type === 'stdio');
  if (bridged) secrets.set(K8S_BRIDGE_TOKEN_SECRET, { name: K8S_BRIDGE_TOKEN_SECRET, keys: { token: '--from-literal=token="$(openssl rand -base64 32)"' } });
  for (const x of stack.secrets) {
    if (!stack.servers.some((s) => s.secrets.includes(x.name))) continue;
    // The file as named from the stack file's directory: the rendering is the same in every checkout.
    const rel = path.relative(stack.dir, x.file);
    const file = rel.startsWith('..') || path.isAbsolute(rel) ? x.file : rel;
    secrets.set(secretObjectName(x.name), { name: secretObjectName(x.name), keys: { [x.name]: `--from-file=${x.name}=${file}` } });
  }

  const objects: KubernetesObject[] = [];
  const caMap: IConfigMap | undefined =
    stack.tls === undefined ? undefined : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mcp-orchestrator-ca', ...base }, data: { 'ca.crt': stack.tls.caPem } };

  for (const s of stack.servers) {
    const name = k8sName(s.name);
    const selector = selectorOf(s.name);
    const source = imageSourceFor(stack, s, stack.registry);
    const pinned = options.images?.get(s.name);
    if (source.kind !== 'pull' && stack.registry === undefined) {
      fail(s, `server "${s.name}" runs an image the orchestrator builds (${s.source.kind}:): a cluster pulls it from a registry, so the file needs registry: (where the image is pushed)`);
      continue;
    }
    const image = pinned ?? (source.kind === 'pull' ? source.ref : source.tag);
    const stdio = s.transport.type === 'stdio';
    const endpoint = httpEndpointOf(s.transport, true);
    const volumes: IVolume[] = [];
    const mounts: IVolumeMount[] = [];

    const envSecret = `${name}-env`;
    const values = renderedValues(s, envSecret);
    for (const e of values.errors) fail(s, e);
    for (const w of values.warnings) warn(s, w);
    let command: string[] | undefined = values.entrypoint;
    let args: string[] | undefined = values.command !== undefined ? [...values.command, ...values.args] : values.args.length > 0 ? values.args : undefined;
    const initContainers: IContainer[] = [];
    if (stdio) {
      const fromImage = options.imageCommands?.get(s.name);
      const imageDefaults =
        s.source.kind === 'npx' || s.source.kind === 'uvx'
          ? { entrypoint: packageEntrypoint(s.source).map(literal), cmd: [] }
          : fromImage && { entrypoint: fromImage.entrypoint.map(literal), cmd: fromImage.cmd.map(literal) };
      const original = command !== undefined ? serverCommand({ entrypoint: command, command: args }, { entrypoint: [], cmd: [] }) : imageDefaults && serverCommand({ command: args }, imageDefaults);
      if (original === undefined) {
        const why = options.imageCommandProblems?.get(s.name);
        fail(s, `server "${s.name}" is a stdio server, which runs behind the bridge, so what it runs must be known: the file sets no entrypoint:, and what image ${image} runs could not be read${why !== undefined ? ` (${why})` : ''}; set entrypoint: (and command:) in the file`);
        continue;
      }
      command = bridgeEntrypoint();
      // The gateway reaches the bridge by its Service's name: a Host it must answer to.
      args = [...serviceNames(name, namespace).flatMap((h) => ['--allowed-host', h]), ...bridgeArgs(s.name, original)];
      volumes.push({ name: 'mcp-orchestrator-bridge', emptyDir: {} }, { name: 'mcp-orchestrator-bridge-token', secret: { secretName: K8S_BRIDGE_TOKEN_SECRET, items: [{ key: 'token', path: 'bridge-token' }] } });
      mounts.push({ name: 'mcp-orchestrator-bridge', mountPath: BRIDGE_HOME, subPath: 'mcp-orchestrator', readOnly: true }, { name: 'mcp-orchestrator-bridge-token', mountPath: dirOf(BRIDGE_TOKEN_FILE), readOnly: true });
      initContainers.push({
        name: 'bridge-runtime',
        image: options.orchestratorImage,
        command: [...ORCHESTRATOR_COMMAND, 'bridge-runtime', '/bridge'],
        volumeMounts: [{ name: 'mcp-orchestrator-bridge', mountPath: '/bridge' }],
        securityContext: restricted(),
      });
    }

    // Package images have the CA built in; the others get it mounted, as under Docker.
    const mountCa = caMap !== undefined && (source.kind === 'pull' || source.kind === 'build');
    if (mountCa) {
      volumes.push({ name: 'mcp-orchestrator-ca', configMap: { name: 'mcp-orchestrator-ca' } });
      mounts.push({ name: 'mcp-orchestrator-ca', mountPath: CA_MOUNT_PATH, subPath: 'ca.crt', readOnly: true });
    }
    for (const [i, m] of s.mounts.entries()) {
      const volumeName = `${m.type === 'volume' ? 'volume' : 'host'}-${i}`;
      if (m.type === 'volume') volumes.push({ name: volumeName, persistentVolumeClaim: { claimName: claimName(m.source) } });
      else {
        warn(s, `server "${s.name}" mounts ${m.source} from the host: in Kubernetes that is a path on whichever node runs the pod (hostPath), which clusters often forbid`);
        volumes.push({ name: volumeName, hostPath: { path: m.source } });
      }
      mounts.push({ name: volumeName, mountPath: m.target, ...(m.readOnly && { readOnly: true }) });
    }
    if (s.secrets.length > 0) {
      volumes.push({ name: 'secrets', projected: { sources: s.secrets.map((x) => ({ secret: { name: secretObjectName(x), items: [{ key: x, path: x }] } })) } });
      mounts.push({ name: 'secrets', mountPath: '/run/secrets', readOnly: true });
    }

    const outside = new Set(s.envFromOutside);
    const env: IEnvVar[] = Object.entries({ ...(mountCa && { NODE_EXTRA_CA_CERTS: CA_MOUNT_PATH }), ...s.env }).map(([key, value]) => {
      if (!outside.has(key)) return { name: key, value: literal(value) };
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) fail(s, `server "${s.name}": env ${key} comes from outside the file, so it is read from Secret ${envSecret}, whose keys may hold only letters, digits, "-", "_" and "."`);
      return { name: key, valueFrom: { secretKeyRef: { name: envSecret, key } } };
    });
    env.push(...values.env);
    const fromOutside = s.envFromOutside.filter((k) => Object.hasOwn(s.env, k));
    const keys = { ...Object.fromEntries(fromOutside.map((k) => [k, envKeyHint(s, k)])), ...values.keys };
    if (Object.keys(keys).length > 0) secrets.set(envSecret, { name: envSecret, keys });

    if (s.devices.length > 0) warn(s, `server "${s.name}": devices are not rendered (Kubernetes gives devices through device plugins)`);
    if (s.restart === 'no' || s.restart === 'on-failure') warn(s, `server "${s.name}": restart: ${s.restart} is not rendered: a Deployment's pods are always restarted`);
    const place = scheduling(s.placement, selector);
    for (const c of place.unmapped) warn(s, `server "${s.name}": placement constraint "${c}" has no Kubernetes counterpart and is not rendered`);
    const user = runAs(s.user);
    if (s.user !== undefined && user === undefined) warn(s, `server "${s.name}": user "${s.user}" is not numeric: Kubernetes takes a uid, so the image's user applies`);
    const ports = [
      ...(endpoint !== undefined ? [{ name: 'mcp', containerPort: endpoint.port, protocol: 'TCP' as const }] : []),
      ...s.ports.filter((p) => p.containerPort !== endpoint?.port).map((p) => ({ name: portName(p.containerPort, p.protocol), containerPort: p.containerPort, protocol: protocolOf(p.protocol) })),
    ];
    const container: IContainer = {
      name: 'server',
      image,
      ...(command !== undefined && { command }),
      ...(args !== undefined && { args }),
      ...(env.length > 0 && { env }),
      ...(s.workingDir !== undefined && { workingDir: s.workingDir }),
      ...(ports.length > 0 && { ports }),
      ...(endpoint !== undefined && { readinessProbe: { tcpSocket: { port: endpoint.port }, periodSeconds: 5 } }),
      ...(mounts.length > 0 && { volumeMounts: mounts }),
      ...(resourceRequirements(s.resources) !== undefined && { resources: resourceRequirements(s.resources) }),
      securityContext: securityContext(s, user),
    };
    const podLabels = { ...base.labels, ...selector, ...Object.fromEntries(s.networks.map((n) => [networkLabel(n), 'true'])) };
    const annotations = Object.keys(values.annotations).length > 0 ? { annotations: values.annotations } : {};
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, ...base, labels: { ...base.labels, ...selector }, ...annotations },
      spec: {
        replicas: s.replicas,
        selector: { matchLabels: selector },
        // stop-first: the old pod goes before the new one starts (one process at a time, as under Docker).
        strategy: s.rollout === 'start-first' ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } : { type: 'Recreate' },
        template: {
          metadata: { labels: podLabels, ...annotations },
          spec: {
            ...(initContainers.length > 0 && { initContainers }),
            containers: [container],
            ...(volumes.length > 0 && { volumes }),
            ...(s.stopTimeoutSeconds !== undefined && { terminationGracePeriodSeconds: s.stopTimeoutSeconds }),
            ...(s.networkMode === 'host' && { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }),
            ...(s.pidMode === 'host' && { hostPID: true }),
            ...(place.affinity !== undefined && { affinity: place.affinity }),
            ...(place.topologySpreadConstraints !== undefined && { topologySpreadConstraints: place.topologySpreadConstraints }),
            automountServiceAccountToken: false,
          },
        },
      },
    });
    if (ports.length > 0 && s.networkMode !== 'none') {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, ...base, labels: { ...base.labels, ...selector } },
        // One gateway is one client address: affinity keeps each MCP session on the replica holding it.
        spec: { type: 'ClusterIP', selector, sessionAffinity: 'ClientIP', ports: ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort, protocol: p.protocol })) },
      });
    }
    if (s.networkMode !== 'host') objects.push(networkPolicy(s, name, base, selector, stack, networkLabel));
  }

  const gateway = gatewayObjects(stack, options.orchestratorImage, base, k8sName, warn);
  if (gateway.length > 0 && stack.gateway.auth === undefined) secrets.set(K8S_GATEWAY_TOKEN_SECRET, { name: K8S_GATEWAY_TOKEN_SECRET, keys: { token: '--from-literal=token="$(openssl rand -base64 32)"' } });
  const introspection = stack.gateway.auth?.introspection;
  if (gateway.length > 0 && introspection !== undefined) {
    // Its value is the file's variable's: the hint reads it from the one the gateway's stack names.
    secrets.set(K8S_GATEWAY_INTROSPECTION_SECRET, { name: K8S_GATEWAY_INTROSPECTION_SECRET, keys: { 'client-secret': `--from-literal=client-secret=${shellDoubleQuoted(`\${${GATEWAY_INTROSPECTION_SECRET_ENV}}`)}` } });
  }
  const traceHeaders = Object.keys(stack.gateway.traces?.headers ?? {});
  if (gateway.length > 0 && traceHeaders.length > 0) {
    const keys = Object.fromEntries(traceHeaders.map((h) => [h.toLowerCase(), `--from-literal=${h.toLowerCase()}=${shellDoubleQuoted(`\${${gatewayTracesHeaderEnv(h)}}`)}`]));
    secrets.set(K8S_GATEWAY_TRACES_SECRET, { name: K8S_GATEWAY_TRACES_SECRET, keys });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    namespace,
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: base.labels } }, ...(caMap ? [caMap] : []), ...claims, ...objects, ...gateway],
    secrets: [...secrets.values()].sort((a, b) => a.name.localeCompare(b.name)),
    warnings,
  };
}

function securityContext(s: ServerSpec, user: { uid: number; gid?: number } | undefined): ISecurityContext {
  const caps = {
    ...(s.capAdd.length > 0 && { add: [...s.capAdd] }),
    ...(s.capDrop.length > 0 && { drop: [...s.capDrop] }),
  };
  return {
    ...(s.privileged && { privileged: true }),
    ...(s.noNewPrivileges && !s.privileged && { allowPrivilegeEscalation: false }),
    ...(s.readOnly && { readOnlyRootFilesystem: true }),
    ...(user !== undefined && { runAsUser: user.uid, ...(user.gid !== undefined && { runAsGroup: user.gid }) }),
    ...(Object.keys(caps).length > 0 && { capabilities: caps }),
  };
}

/** `1000` or `1000:1000`; a user name has no uid until the image says. */
function runAs(user: string | undefined): { uid: number; gid?: number } | undefined {
  const m = user === undefined ? null : /^(\d+)(?::(\d+))?$/.exec(user);
  if (m === null) return undefined;
  return { uid: Number(m[1]), ...(m[2] !== undefined && { gid: Number(m[2]) }) };
}

function claimName(volume: string): string {
  return `volume-${volume.replace(/_/g, '-')}`;
}

function secretObjectName(secret: string): string {
  return `secret-${secret.replace(/_/g, '-')}`;
}

function portName(port: number, protocol: string): string {
  return `${protocol}-${port}`;
}

