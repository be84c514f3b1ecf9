import type { DesiredContainer, DesiredState } from './desired-state';
import { HASH_VERSION } from './labels';
import { replacementName } from './naming';
import type { ForeignObject, ObservedContainer, ObservedState } from './observed-state';
import type { Action, Plan } from './plan';
import { sessionActions } from './session-plan';

export interface PlanOptions {
  /** Remove containers and networks of the project that the file no longer names. Default true. */
  readonly prune?: boolean;
}

/**
 * The one place that decides what happens: desired vs observed -> actions. Pure: no I/O, no clock,
 * no randomness; the same inputs give the same plan, action for action, in the same order.
 */
export function computePlan(desired: DesiredState, observed: ObservedState, options: PlanOptions = {}): Plan {
  const prune = options.prune ?? true;
  const actions: Action[] = [];

  const conflictOf = conflicts(observed);
  const haveNetworks = new Set(observed.networks.map((n) => n.logicalName));
  const networkActions = new Map<string, string>();
  for (const n of desired.networks) {
    if (haveNetworks.has(n.logicalName) || conflictOf('network', n.name) !== undefined) continue;
    const id = `network:${n.name}`;
    networkActions.set(n.name, id);
    actions.push({ kind: 'create-network', id, after: [], network: n, reason: 'not present' });
  }

  const haveVolumes = new Set(observed.volumes.map((v) => v.logicalName));
  const volumeActions = new Map<string, string>();
  for (const v of desired.volumes) {
    if (haveVolumes.has(v.logicalName) || conflictOf('volume', v.name) !== undefined) continue;
    const id = `volume:${v.name}`;
    volumeActions.set(v.name, id);
    actions.push({ kind: 'create-volume', id, after: [], volume: v, reason: 'not present' });
  }

  const imageActions = new Map<string, string>();
  const pull = (ref: string, servers: readonly string[], reason: string): string | undefined => {
    if (observed.images[ref] !== undefined) return undefined;
    const existing = imageActions.get(ref);
    if (existing) return existing;
    const id = `image:${ref}`;
    imageActions.set(ref, id);
    actions.push({ kind: 'pull-image', id, after: [], ref, servers, reason });
    return id;
  };
  for (const [ref, users] of groupBy(desired.containers, (c) => (c.imageSource.kind === 'pull' ? c.imageSource.ref : undefined))) {
    pull(ref, users.map((u) => u.server), 'not present locally');
  }
  for (const c of desired.containers) {
    const source = c.imageSource;
    if (source.kind === 'pull' || observed.images[source.tag] !== undefined || imageActions.has(source.tag)) continue;
    const servers = desired.containers.filter((d) => d.imageSource.kind !== 'pull' && d.imageSource.tag === source.tag).map((d) => d.server);
    // A package image is built on its runtime image, which must be there first.
    const base = source.kind === 'generated' ? pull(source.baseImage, servers, `runtime of ${servers.join(', ')}, not present locally`) : undefined;
    const id = `image:${source.tag}`;
    imageActions.set(source.tag, id);
    actions.push({ kind: 'build-image', id, after: base ? [base] : [], source, servers, reason: source.kind === 'generated' ? 'package image not built yet' : 'not built yet' });
  }

  // A probe whose `test` no longer runs is a leftover (a killed run): it goes, whatever prune says.
  for (const o of sortBy(observed.containers.filter((c) => c.probe !== undefined && c.probe.live !== true), (c) => c.name)) {
    actions.push({ kind: 'remove', id: `remove-probe:${o.name}`, after: [], containerId: o.id, name: o.name, reason: 'leftover probe of an interrupted `test`' });
  }
  const byServer = groupBy(observed.containers.filter((c) => c.probe === undefined && c.session === undefined), (c) => c.server);
  const serverActions = new Map<string, Action>();
  // A leftover may hold the name a recreate creates its replacement under: it goes first.
  const cleanups = new Map<string, string[]>();
  for (const c of desired.containers) {
    const mine = byServer.get(c.server) ?? [];
    const canonical = mine.find((o) => o.name === c.name);
    for (const extra of mine.filter((o) => o !== canonical)) {
      const leftover = extra.name.startsWith(`${c.name}.next-`);
      cleanups.set(c.server, [...(cleanups.get(c.server) ?? []), `remove:${extra.name}`]);
      actions.push({
        kind: 'remove',
        id: `remove:${extra.name}`,
        after: [],
        server: c.server,
        containerId: extra.id,
        name: extra.name,
        reason: leftover ? 'leftover of an interrupted recreate' : 'duplicate container for this server',
      });
    }
    const clash = [conflictOf('container', c.name), ...c.spec.networks.map((n) => conflictOf('network', n)), ...c.spec.binds.map((b) => conflictOf('volume', b.split(':')[0] ?? ''))].find(
      (x) => x !== undefined,
    );
    const action: Action = clash !== undefined ? { kind: 'fail', id: `server:${c.server}`, after: [], server: c.server, reason: clash } : serverAction(c, canonical, observed);
    serverActions.set(c.server, action);
  }
  // Dependencies are known once every server's action is: wait for what must exist first.
  for (const c of desired.containers) {
    const action = serverActions.get(c.server);
    if (!action) continue;
    if (action.kind === 'create' || action.kind === 'recreate' || action.kind === 'start') {
      const after = [
        ...c.spec.networks.map((n) => networkActions.get(n)),
        ...c.spec.binds.map((b) => volumeActions.get(b.split(':')[0] ?? '')),
        imageActions.get(c.spec.image),
        ...(cleanups.get(c.server) ?? []),
        ...c.dependsOn.map((d) => {
          const dep = serverActions.get(d);
          return dep && dep.kind !== 'noop' ? dep.id : undefined;
        }),
      ].filter((id): id is string => id !== undefined);
      actions.push({ ...action, after: [...new Set(after)].sort() });
    } else {
      actions.push(action);
    }
  }

  actions.push(...sessionActions(desired, observed, { networks: networkActions, volumes: volumeActions, images: imageActions }));

  const desiredServers = new Set(desired.containers.map((c) => c.server));
  const removals: string[] = [];
  if (prune) {
    for (const o of sortBy(observed.containers, (o) => o.name)) {
      if ((o.server !== undefined && desiredServers.has(o.server)) || o.probe !== undefined || o.session !== undefined) continue;
      const id = `remove:${o.name}`;
      removals.push(id);
      actions.push({
        kind: 'remove',
        id,
        after: [],
        ...(o.server !== undefined && { server: o.server }),
        containerId: o.id,
        name: o.name,
        reason: 'not in stack file',
      });
    }
    const desiredNetworks = new Set(desired.networks.map((n) => n.logicalName));
    for (const n of sortBy(observed.networks, (n) => n.name)) {
      if (n.logicalName !== undefined && desiredNetworks.has(n.logicalName)) continue;
      actions.push({ kind: 'remove-network', id: `remove-network:${n.name}`, after: removals, name: n.name, reason: 'not in stack file' });
    }
  }
  return { project: desired.project, actions };
}

export interface DownOptions {
  /** Also remove the project's volumes (their data is lost). */
  readonly volumes?: boolean;
}

/** Everything the project owns, removed: containers first, then the networks and volumes they used. */
export function computeDownPlan(observed: ObservedState, options: DownOptions = {}): Plan {
  const containers: Action[] = sortBy(observed.containers, (c) => c.name).map((c) => ({
    kind: 'remove',
    id: `remove:${c.name}`,
    after: [],
    ...(c.server !== undefined && { server: c.server }),
    containerId: c.id,
    name: c.name,
    reason: 'down',
  }));
  const after = containers.map((a) => a.id);
  const networks: Action[] = sortBy(observed.networks, (n) => n.name).map((n) => ({
    kind: 'remove-network',
    id: `remove-network:${n.name}`,
    after,
    name: n.name,
    reason: 'down',
  }));
  const volumes: Action[] = options.volumes
    ? sortBy(observed.volumes, (v) => v.name).map((v) => ({ kind: 'remove-volume', id: `remove-volume:${v.name}`, after, name: v.name, reason: 'down --volumes' }))
    : [];
  return { project: observed.project, actions: [...containers, ...networks, ...volumes] };
}

/**
 * Names are `<project>-<name>`, so two projects can want one name (`a-b` + `c`, `a` + `b-c`). An
 * object with the name but not this project's label is never adopted: a volume would share (and
 * overwrite) another project's data. The servers that need it cannot be made, and the plan says why.
 */
function conflicts(observed: ObservedState): (kind: ForeignObject['kind'], name: string) => string | undefined {
  const byName = new Map((observed.foreign ?? []).map((f) => [`${f.kind}:${f.name}`, f]));
  return (kind, name) => {
    const f = byName.get(`${kind}:${name}`);
    if (f === undefined) return undefined;
    const owner = f.project !== undefined ? `project ${f.project}` : 'no project of mcp-orchestrator';
    return `${kind} ${name} already exists and belongs to ${owner}, not ${observed.project}: the names collide, and it is never adopted; rename the project or the ${kind === 'container' ? 'server' : kind}, or remove that ${kind}`;
  };
}

function serverAction(c: DesiredContainer, current: ObservedContainer | undefined, observed: ObservedState): Action {
  const base = { id: `server:${c.server}`, after: [], server: c.server };
  if (c.problem !== undefined) return { ...base, kind: 'fail', reason: c.problem };
  if (!current) return { ...base, kind: 'create', container: c, reason: 'no container' };

  const recreate = (reason: string): Action => ({
    ...base,
    kind: 'recreate',
    container: c,
    old: { id: current.id, name: current.name },
    tempName: replacementName(observed.project, c.server, c.configHash),
    reason,
  });
  if (current.hashVersion !== HASH_VERSION) {
    return recreate(`created under hash scheme ${current.hashVersion ?? 'none'}, now ${HASH_VERSION}`);
  }
  if (current.configHash !== c.configHash) return recreate(describeChanges(current.fieldDigests, c.fieldDigests));
  const imageId = observed.images[c.spec.image];
  if (imageId !== undefined && imageId !== current.imageId) {
    const verb = c.imageSource.kind === 'pull' ? 'updated' : 'rebuilt';
    return recreate(`image ${c.spec.image} ${verb} (${shortId(current.imageId)} -> ${shortId(imageId)})`);
  }
  if (current.state === 'dead' || current.state === 'removing') return recreate(`container is ${current.state}`);
  if (current.state === 'exited' || current.state === 'created') {
    return { ...base, kind: 'start', containerId: current.id, reason: `stopped (${current.status || current.state})` };
  }
  return { ...base, kind: 'noop', containerId: current.id, reason: current.state === 'running' ? 'up to date' : `up to date (${current.state})` };
}

/** Names of the stack file's settings, for the container spec fields they end up in. */
const FIELD_NAMES: Record<string, string> = {
  image: 'image',
  command: 'command/args',
  entrypoint: 'entrypoint',
  user: 'user',
  workingDir: 'working_dir',
  stdinOpen: 'transport',
  stdioHost: 'transport',
  stopTimeoutSeconds: 'stop_timeout',
  exposedPorts: 'ports',
  init: 'init',
  restart: 'restart',
  memoryBytes: 'resources.memory',
  nanoCpus: 'resources.cpus',
  pidsLimit: 'resources.pids',
  readOnlyRootfs: 'read_only',
  logConfig: 'logging',
  privileged: 'privileged',
  noNewPrivileges: 'no_new_privileges',
  capAdd: 'cap_add',
  capDrop: 'cap_drop',
  binds: 'volumes',
  portBindings: 'ports',
  networks: 'networks',
  alias: 'name',
  fileDigests: 'contents of secrets or tls.ca_file',
  networkMode: 'network_mode',
  pidMode: 'pid',
  devices: 'devices',
  replicas: 'replicas',
  placement: 'placement',
  reservations: 'resources.reservations',
  swarmSecrets: 'secrets',
};

/** "env MEMORY_FILE_PATH changed, volumes changed": which settings differ, never their values. */
export function describeChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const k of keys) {
    const b = Object.hasOwn(before, k) ? before[k] : undefined;
    const a = Object.hasOwn(after, k) ? after[k] : undefined;
    if (a === b) continue;
    const keyed = /^(env|label)\.(.*)$/.exec(k);
    if (keyed) {
      out.push(`${keyed[1]} ${keyed[2]} ${b === undefined ? 'added' : a === undefined ? 'removed' : 'changed'}`);
    } else {
      out.push(`${FIELD_NAMES[k] ?? k} changed`);
    }
  }
  const unique = [...new Set(out)];
  if (unique.length === 0) return 'configuration changed';
  return unique.length > 4 ? `${unique.slice(0, 4).join(', ')} and ${unique.length - 4} more` : unique.join(', ');
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

function sortBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
