import type { DesiredState } from './desired-state';
import type { ObservedState } from './observed-state';
import type { Action } from './plan';

/**
 * Per-client sessions' containers: the planning owner's are made for each session it holds and
 * removed when the session is gone (or made again when one stopped); never recreated in place, so
 * a session keeps the definition it started with until it ends. Another owner's are left alone
 * while that serve runs, and removed when it is gone (a killed serve's leftovers), prune or not.
 */
export function sessionActions(desired: DesiredState, observed: ObservedState, made: { networks: ReadonlyMap<string, string>; volumes: ReadonlyMap<string, string>; images: ReadonlyMap<string, string> }): Action[] {
  const actions: Action[] = [];
  const owner = desired.sessions?.owner;
  const wanted = new Map((desired.sessions?.containers ?? []).map((c) => [c.name, c]));
  const removed = new Map<string, string>();
  for (const o of [...observed.containers].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    if (o.session === undefined) continue;
    const mine = o.session.owner === owner;
    if (!mine && o.session.live === true) continue;
    const want = mine ? wanted.get(o.name) : undefined;
    if (want !== undefined && o.state === 'running') {
      wanted.delete(o.name);
      continue;
    }
    const id = `remove:${o.name}`;
    removed.set(o.name, id);
    const reason = !mine ? 'left by a serve that is gone (its client session with it)' : want !== undefined ? `its client session's container is ${o.state}` : 'its client session ended';
    actions.push({ kind: 'remove', id, after: [], ...(o.server !== undefined && { server: o.server }), containerId: o.id, name: o.name, reason });
  }
  for (const c of wanted.values()) {
    const after = [
      ...c.spec.networks.map((n) => made.networks.get(n)),
      ...c.spec.binds.map((b) => made.volumes.get(b.split(':')[0] ?? '')),
      made.images.get(c.spec.image),
      removed.get(c.name),
    ].filter((id): id is string => id !== undefined);
    actions.push({ kind: 'create', id: `session:${c.name}`, after: [...new Set(after)].sort(), server: c.server, container: c, reason: 'a client session needs it' });
  }
  return actions;
}
