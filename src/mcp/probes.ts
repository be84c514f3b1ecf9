import * as os from 'node:os';
import type { ObservedState } from '../core/observed-state';
import { processAlive } from '../util/process-alive';

/** This process as a probe's owner: `<host>/<pid>`. */
export function probeOwner(): string {
  return `${os.hostname()}/${process.pid}`;
}

/**
 * Observed state with each probe's owner judged: live while its process runs on this host. A probe
 * of another host cannot be judged from here and is treated as live until it is an hour old, so a
 * `test` running elsewhere is left alone and a killed one's leftover still goes.
 */
export function withProbeOwners(observed: ObservedState, nowSeconds: number = Date.now() / 1000): ObservedState {
  const host = os.hostname();
  return {
    ...observed,
    containers: observed.containers.map((c) => {
      if (c.probe === undefined) return c;
      const [owner = '', pid = ''] = c.probe.owner.split('/');
      const live = owner === host ? processAlive(Number(pid)) : nowSeconds - c.created < 3600;
      return { ...c, probe: { ...c.probe, live } };
    }),
  };
}
