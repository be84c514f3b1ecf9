import { desiredState } from '../core/desired-state';
import type { ObservedContainer } from '../core/observed-state';
import { computePlan } from '../core/planner';
import type { Engine } from '../docker/engine';
import type { StackSpec } from '../stack-file/stack-spec';
import { imageRefs } from './reconciler';

export type Sync = 'in sync' | 'drifted' | 'stopped' | 'missing' | 'orphan' | 'unknown';

export interface PsRow {
  readonly server: string;
  readonly container: string;
  readonly id: string;
  readonly state: string;
  readonly status: string;
  readonly image: string;
  readonly sync: Sync;
  readonly reason: string;
}

/** Each server of the project: its container and whether it matches the stack (when one is given). */
export async function serverRows(engine: Engine, project: string, spec: StackSpec | undefined, hostPath: ((p: string) => string | undefined) | undefined): Promise<PsRow[]> {
  const desired = spec ? desiredState(spec, hostPath ? { hostPath } : {}) : undefined;
  const all = await engine.observe(project, desired ? imageRefs(desired) : []);
  // The throwaway containers of `test` are no servers.
  const observed = { ...all, containers: all.containers.filter((c) => c.probe === undefined) };
  const rows: PsRow[] = [];
  const row = (server: string, c: ObservedContainer | undefined, sync: Sync, reason: string): PsRow => ({
    server,
    container: c?.name ?? '',
    id: c?.id.slice(0, 12) ?? '',
    state: c?.state ?? 'absent',
    status: c?.status ?? '',
    image: c?.image ?? '',
    sync,
    reason,
  });
  if (desired) {
    const plan = computePlan(desired, observed);
    const names = new Set(desired.containers.map((d) => d.name));
    for (const d of desired.containers) {
      const action = plan.actions.find((a) => a.id === `server:${d.server}`);
      const c = observed.containers.find((o) => o.name === d.name);
      const sync: Sync =
        action?.kind === 'noop' ? 'in sync' : action?.kind === 'start' ? 'stopped' : action?.kind === 'create' ? 'missing' : action?.kind === 'recreate' ? 'drifted' : 'unknown';
      rows.push(row(d.server, c, sync, action?.reason ?? ''));
    }
    for (const o of observed.containers) if (!names.has(o.name)) rows.push(row(o.server ?? '?', o, 'orphan', 'not in stack file'));
  } else {
    for (const o of observed.containers) rows.push(row(o.server ?? '?', o, 'unknown', 'no stack file given'));
  }
  return rows;
}
