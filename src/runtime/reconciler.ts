import { executePlan, type ActionResult, type BeforeStart, type ReadyCheck } from '../apply/executor';
import { desiredState, type DesiredState, type SessionClaims } from '../core/desired-state';
import type { ObservedState } from '../core/observed-state';
import { withoutServers, type Action, type Plan } from '../core/plan';
import { computePlan } from '../core/planner';
import type { Engine } from '../docker/engine';
import type { StackSpec } from '../stack-file/stack-spec';
import { withProbeOwners } from '../mcp/probes';

export interface ReconcileOptions {
  readonly prune: boolean;
  readonly parallel: number;
  /** Compute the plan and stop. */
  readonly dryRun: boolean;
  /** Servers whose build: image is rebuilt before planning ('all' for apply --build), so a changed image shows as a recreate. */
  readonly rebuild?: 'all' | ReadonlySet<string>;
  /** Servers left alone this time (backing off), with whatever waits on them. */
  readonly defer?: ReadonlySet<string>;
  /** Servers left alone while their definition hashes to this (their last rollout was rolled back). */
  readonly holdBack?: ReadonlyMap<string, string>;
  readonly onResult?: (result: ActionResult) => void;
  /** Told before each image build. */
  readonly onBuild?: (server: string) => void;
  readonly now?: () => number;
  /** In-container path -> host path (the orchestrator in a container); identity by default. */
  readonly hostPath?: (p: string) => string | undefined;
  readonly beforeStart?: BeforeStart;
  readonly ready?: ReadyCheck;
  /** The per-client sessions this process holds (serve's gateway): their containers are desired too. */
  readonly sessions?: SessionClaims;
}

export interface ReconcileOutcome {
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  /** The plan executed (deferred actions taken out). */
  readonly plan: Plan;
  readonly deferred: readonly Action[];
  /** Empty on a dry run. */
  readonly results: readonly ActionResult[];
}

/** The image references the desired state needs (what servers run, what package images build on), for one filtered image list call. */
export function imageRefs(desired: DesiredState): string[] {
  const refs = desired.containers.flatMap((c) => [c.spec.image, ...(c.imageSource.kind === 'generated' ? [c.imageSource.baseImage] : [])]);
  return [...new Set(refs)].sort();
}

/**
 * One level-triggered pass: read everything (the spec given, the engine's state), plan, then write.
 * `apply` runs it once; `watch` runs it whenever something may have changed.
 */
export async function reconcileOnce(spec: StackSpec, engine: Engine, options: ReconcileOptions): Promise<ReconcileOutcome> {
  const desired = desiredState(spec, { ...(options.hostPath && { hostPath: options.hostPath }), ...(options.sessions && { sessions: options.sessions }) });
  if (!options.dryRun) await rebuild(desired, engine, options);
  const observed = withProbeOwners(await engine.observe(desired.project, imageRefs(desired)));
  const held = desired.containers.filter((c) => options.holdBack?.get(c.server) === c.configHash).map((c) => c.server);
  const { plan, deferred } = withoutServers(computePlan(desired, observed, { prune: options.prune }), new Set([...(options.defer ?? []), ...held]));
  if (options.dryRun) return { desired, observed, plan, deferred, results: [] };
  const results = await executePlan(plan, engine, {
    parallel: options.parallel,
    ...(options.onResult && { onResult: options.onResult }),
    ...(options.now && { now: options.now }),
    ...(options.beforeStart && { beforeStart: options.beforeStart }),
    ...(options.ready && { ready: options.ready }),
  });
  return { desired, observed, plan, deferred, results };
}

async function rebuild(desired: DesiredState, engine: Engine, options: Pick<ReconcileOptions, 'rebuild' | 'onBuild'>): Promise<void> {
  if (options.rebuild === undefined) return;
  for (const c of desired.containers) {
    if (c.imageSource.kind === 'pull' || (options.rebuild !== 'all' && !options.rebuild.has(c.server))) continue;
    options.onBuild?.(c.server);
    await engine.buildImage(c.imageSource);
  }
}

/**
 * Only the images of a reconcile: rebuilt when asked, pulled and built when missing. `apply
 * --locked` checks what they resolved to before any server is touched.
 */
export async function prepareImages(spec: StackSpec, engine: Engine, options: Pick<ReconcileOptions, 'rebuild' | 'onBuild' | 'onResult' | 'hostPath' | 'parallel'>): Promise<{ desired: DesiredState; results: readonly ActionResult[] }> {
  const desired = desiredState(spec, options.hostPath ? { hostPath: options.hostPath } : {});
  await rebuild(desired, engine, options);
  const plan = computePlan(desired, withProbeOwners(await engine.observe(desired.project, imageRefs(desired))), { prune: false });
  const images = { ...plan, actions: plan.actions.filter((a) => a.kind === 'pull-image' || a.kind === 'build-image') };
  const results = await executePlan(images, engine, { parallel: options.parallel, ...(options.onResult && { onResult: options.onResult }) });
  return { desired, results };
}
