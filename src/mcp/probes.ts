import * as os from 'node:os';
import type { ObservedState } from '../core/observed-state';
import { processAlive } from '../util/process-alive';

/** This process as a probe's owner: `<host>/<pid>`. */
export function probeOwner(): string {
  return `${os.hostname()}/${process.pid}`;
}

/**
 * Observed state with each probe's (and per-client session container's) owner judged: live while its process runs on this host. A probe
 * of another host cannot be judged from here and is treated as live until it is an hour old, so a
 * `test` running elsewhere is left alone and a killed one's leftover still goes.
 */
export function withProbeOwners(observed: ObservedState, nowSeconds: number = Date.now() / 1000): ObservedState {
  const host = os.hostname();
  // Of another host, a probe is judged by its age; a session's container is left to its own host
  // (a serve there may run for days; its next serve or apply there removes what a killed one left).
  const live = (owner: string, created: number, elsewhere: boolean): boolean => {
    const [h = '', pid = ''] = owner.split('/');
    return h === host ? processAlive(Number(pid)) : elsewhere || nowSeconds - created < 3600;
  };
  return {
    ...observed,
    containers: observed.containers.map((c) => {
      // A per-client session's container is a probe's kind of leftover when its serve is gone.
      if (c.session !== undefined) return { ...c, session: { ...c.session, live: live(c.session.owner, c.created, true) } };
      if (c.probe === undefined) return c;
      return { ...c, probe: { ...c.probe, live: live(c.probe.owner, c.created, false) } };
    }),
  };
}
