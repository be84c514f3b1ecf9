import type { Engine } from '../docker/engine';
import type { StackSpec } from '../stack-file/stack-spec';
import { readinessCheck } from './readiness';
import { reconcileOnce, type ReconcileOptions, type ReconcileOutcome } from './reconciler';
import type { WaitResult } from './wait';

export interface ApplyStackOptions extends Omit<ReconcileOptions, 'ready'> {
  /** Wait until every server is up (apply --wait), at most this long. */
  readonly waitTimeoutMs?: number;
  /** What the orchestrator's MCP client calls itself (readiness checks, --wait). */
  readonly clientVersion: string;
}

/**
 * `apply` (the command and the library's): one reconcile whose recreates are gated on readiness,
 * then, when asked, a wait until every server is up. `ok` when every action was done and every
 * server waited for is up.
 */
export async function applyStack(spec: StackSpec, engine: Engine, options: ApplyStackOptions): Promise<{ outcome: ReconcileOutcome; waited: WaitResult[]; ok: boolean }> {
  const { waitTimeoutMs, clientVersion, ...reconcile } = options;
  const outcome = await reconcileOnce(spec, engine, { ...reconcile, ready: readinessCheck(engine, clientVersion) });
  // Loaded only for --wait: it brings the MCP SDK, which a plain apply has no use for.
  const waited =
    waitTimeoutMs !== undefined && !options.dryRun
      ? await (require('./wait') as typeof import('./wait')).waitForServers(engine, outcome.desired, { settleMs: 2000, timeoutMs: waitTimeoutMs, clientVersion })
      : [];
  return { outcome, waited, ok: outcome.results.every((r) => r.status === 'done') && waited.every((w) => w.ok) };
}
