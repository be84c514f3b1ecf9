import type { BuildSource, DesiredContainer, DesiredNetwork, DesiredVolume } from './desired-state';

/**
 * A plan is a value: printed, rendered as JSON, golden-tested, then executed. Each action names
 * the actions it must wait for (`after`); the executor runs them in that order and decides nothing.
 * `reason` is for people only: the executor never reads it.
 */
export type Action =
  | { readonly kind: 'create-network'; readonly id: string; readonly after: readonly string[]; readonly network: DesiredNetwork; readonly reason: string }
  | { readonly kind: 'create-volume'; readonly id: string; readonly after: readonly string[]; readonly volume: DesiredVolume; readonly reason: string }
  | { readonly kind: 'pull-image'; readonly id: string; readonly after: readonly string[]; readonly ref: string; readonly servers: readonly string[]; readonly reason: string }
  | {
      readonly kind: 'build-image';
      readonly id: string;
      readonly after: readonly string[];
      readonly source: BuildSource;
      readonly servers: readonly string[];
      readonly reason: string;
    }
  | { readonly kind: 'create'; readonly id: string; readonly after: readonly string[]; readonly server: string; readonly container: DesiredContainer; readonly reason: string }
  | {
      readonly kind: 'recreate';
      readonly id: string;
      readonly after: readonly string[];
      readonly server: string;
      readonly container: DesiredContainer;
      readonly old: { readonly id: string; readonly name: string };
      /** Created under this name while the old container still holds the real one. */
      readonly tempName: string;
      readonly reason: string;
    }
  | { readonly kind: 'start'; readonly id: string; readonly after: readonly string[]; readonly server: string; readonly containerId: string; readonly reason: string }
  | {
      readonly kind: 'remove';
      readonly id: string;
      readonly after: readonly string[];
      readonly server?: string;
      readonly containerId: string;
      readonly name: string;
      readonly reason: string;
    }
  | { readonly kind: 'remove-network'; readonly id: string; readonly after: readonly string[]; readonly name: string; readonly reason: string }
  | { readonly kind: 'remove-volume'; readonly id: string; readonly after: readonly string[]; readonly name: string; readonly reason: string }
  /** A server that cannot be made as the file says; executing it reports the reason as that server's failure. */
  | { readonly kind: 'fail'; readonly id: string; readonly after: readonly string[]; readonly server: string; readonly reason: string }
  | { readonly kind: 'noop'; readonly id: string; readonly after: readonly string[]; readonly server: string; readonly containerId: string; readonly reason: string };

export type ActionKind = Action['kind'];

export interface Plan {
  readonly project: string;
  readonly actions: readonly Action[];
}

/** Actions that change the engine; noop does not. */
export function changes(plan: Plan): Action[] {
  return plan.actions.filter((a) => a.kind !== 'noop');
}

const SYMBOL: Record<ActionKind, string> = {
  'create-network': '+',
  'create-volume': '+',
  'pull-image': '↓',
  'build-image': '⚙',
  create: '+',
  recreate: '~',
  start: '>',
  remove: '-',
  'remove-network': '-',
  'remove-volume': '-',
  fail: '!',
  noop: '=',
};

export function subjectOf(a: Action): string {
  switch (a.kind) {
    case 'create-network':
      return `network ${a.network.name}`;
    case 'create-volume':
      return `volume ${a.volume.name}`;
    case 'pull-image':
      return `image ${a.ref}`;
    case 'build-image':
      return `image ${a.source.tag}`;
    case 'remove':
      return a.server !== undefined ? `server ${a.server} (${a.name})` : `container ${a.name}`;
    case 'remove-network':
      return `network ${a.name}`;
    case 'remove-volume':
      return `volume ${a.name}`;
    case 'create':
      // A per-client session's container is one of several of its server.
      return a.id.startsWith('session:') ? `server ${a.server} (${a.container.name})` : `server ${a.server}`;
    default:
      return `server ${a.server}`;
  }
}

/** The plan as people read it: one line per action, like terraform plan, then a summary. */
export function formatPlan(plan: Plan, opts: { showNoop?: boolean } = {}): string {
  const lines = plan.actions
    .filter((a) => opts.showNoop || a.kind !== 'noop')
    .map((a) => `${SYMBOL[a.kind]} ${a.kind.padEnd(14)} ${subjectOf(a)}: ${a.reason}`);
  return [...lines, summaryLine(plan)].join('\n');
}

export function summaryLine(plan: Plan): string {
  const count = (...kinds: ActionKind[]): number => plan.actions.filter((a) => kinds.includes(a.kind)).length;
  const n = changes(plan).length;
  if (n === 0) return `No changes: project ${plan.project} matches the stack file (${count('noop')} servers up to date).`;
  const parts = [
    `${count('create')} to create`,
    `${count('recreate')} to recreate`,
    `${count('start')} to start`,
    `${count('remove')} to remove`,
    `${count('noop')} unchanged`,
  ];
  const failing = count('fail');
  return `Plan for project ${plan.project}: ${parts.join(', ')}${failing ? `, ${failing} cannot be made` : ''}.`;
}

/**
 * The plan without the actions of `servers`, and without anything that waits on them (transitively):
 * a server in backoff is left as it is this time, and so are the servers that depend on it.
 */
export function withoutServers(plan: Plan, servers: ReadonlySet<string>): { plan: Plan; deferred: Action[] } {
  const dropped = new Set<string>();
  for (const a of plan.actions) {
    if ('server' in a && a.server !== undefined && servers.has(a.server) && a.kind !== 'noop') dropped.add(a.id);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of plan.actions) {
      if (!dropped.has(a.id) && a.after.some((id) => dropped.has(id))) {
        dropped.add(a.id);
        grew = true;
      }
    }
  }
  return {
    plan: { ...plan, actions: plan.actions.filter((a) => !dropped.has(a.id)) },
    deferred: plan.actions.filter((a) => dropped.has(a.id)),
  };
}

/**
 * What `servers` need before a container of theirs can run (networks, volumes, images), without
 * touching any server's container, and the removal of leftover probes: `test` runs a throwaway
 * probe of a server, also before the first apply.
 */
export function prerequisitesOf(plan: Plan, servers: ReadonlySet<string>): Plan {
  const kept = plan.actions.filter((a) => {
    switch (a.kind) {
      case 'create-network':
      case 'create-volume':
        return true;
      case 'pull-image':
      case 'build-image':
        return a.servers.some((s) => servers.has(s));
      case 'remove':
        return a.id.startsWith('remove-probe:');
      default:
        return false;
    }
  });
  const ids = new Set(kept.map((a) => a.id));
  return { ...plan, actions: kept.map((a) => ({ ...a, after: a.after.filter((id) => ids.has(id)) })) };
}
