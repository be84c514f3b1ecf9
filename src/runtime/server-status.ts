import { VERSION } from '../version';
import { desiredState } from '../core/desired-state';
import type { ObservedContainer } from '../core/observed-state';
import { computePlan } from '../core/planner';
import type { Engine } from '../docker/engine';
import type { StackSpec } from '../stack-file/stack-spec';
import { imageRefs } from './reconciler';
import { withProbeOwners } from '../mcp/probes';

export type Sync = 'in sync' | 'drifted' | 'stopped' | 'missing' | 'orphan' | 'unknown' | 'remote' | 'session';

export interface PsRow {
  readonly server: string;
  readonly container: string;
  readonly id: string;
  readonly state: string;
  readonly status: string;
  readonly image: string;
  readonly sync: Sync;
  readonly reason: string;
  /** How often the engine has started the container again after it exited (its restart policy). */
  readonly restarts: number;
}

/** A container the engine restarted within this long is shown as restarting: it is in a loop, or just out of one. */
const RECENT_RESTART_MS = 60_000;

/** Each server of the project: its container and whether it matches the stack (when one is given). */
export async function serverRows(engine: Engine, project: string, spec: StackSpec | undefined, hostPath: ((p: string) => string | undefined) | undefined): Promise<PsRow[]> {
  const desired = spec ? desiredState(spec, hostPath ? { hostPath } : {}) : undefined;
  const all = withProbeOwners(await engine.observe(project, desired ? imageRefs(desired) : []));
  // The throwaway containers of `test` are no servers.
  const observed = { ...all, containers: all.containers.filter((c) => c.probe === undefined) };
  const restarts = new Map(
    await Promise.all(
      observed.containers
        .filter((c) => c.state === 'running' || c.state === 'restarting')
        .map(async (c) => [c.id, await engine.inspectContainer(c.id).catch(() => undefined)] as const),
    ),
  );
  const rows: PsRow[] = [];
  const row = (server: string, c: ObservedContainer | undefined, sync: Sync, reason: string): PsRow => {
    const status = c && restarts.get(c.id);
    const count = status?.restartCount ?? 0;
    const recent = status !== undefined && Date.now() - Date.parse(status.startedAt) < RECENT_RESTART_MS;
    const state = c === undefined ? 'absent' : count > 0 && (c.state === 'restarting' || recent) ? `restarting (${count})` : c.state;
    return { server, container: c?.name ?? '', id: c?.id.slice(0, 12) ?? '', state, status: c?.status ?? '', image: c?.image ?? '', sync, reason, restarts: count };
  };
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
    for (const o of observed.containers) {
      if (o.session !== undefined) rows.push(row(o.server ?? '?', o, 'session', o.session.live === true ? `a client session's (serve ${o.session.owner})` : 'left by a serve that is gone: the next serve or apply removes it'));
      else if (!names.has(o.name)) rows.push(row(o.server ?? '?', o, 'orphan', 'not in stack file'));
    }
  } else {
    for (const o of observed.containers) rows.push(row(o.server ?? '?', o, 'unknown', 'no stack file given'));
  }
  rows.push(...(await remoteRows(spec)));
  return rows;
}

/** A remote server has no container: its row says whether it answers now (a quick handshake), where it is. */
const REMOTE_CHECK_SECONDS = 5;

async function remoteRows(spec: StackSpec | undefined): Promise<PsRow[]> {
  const remotes = spec?.remotes ?? [];
  if (remotes.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { smokeTestRemote } = require('../mcp/remote-probe') as typeof import('../mcp/remote-probe');
  const checked = await Promise.all(remotes.map((r) => smokeTestRemote({ ...r, timeoutSeconds: Math.min(REMOTE_CHECK_SECONDS, r.timeoutSeconds) }, VERSION, spec?.tls?.caPem)));
  return checked.map((c, i) => ({
    server: c.server,
    container: '',
    id: '',
    state: 'remote',
    status: c.ok
      ? `reachable (${c.protocolVersion ?? 'protocol unknown'}, ${c.tools.length} tools${c.oauth === true ? ', OAuth' : ''})`
      : c.needsLogin === true
        ? `needs a login: mcp-orchestrator auth login ${c.server}`
        : `unreachable: ${c.error ?? 'no answer'}`,
    image: remotes[i]?.url ?? '',
    sync: 'remote' as const,
    reason: '',
    restarts: 0,
  }));
}
