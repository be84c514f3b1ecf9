import { executePlan, type ActionResult } from '../apply/executor';
import { desiredState, type DesiredState } from '../core/desired-state';
import type { ObservedState } from '../core/observed-state';
import type { Plan } from '../core/plan';
import { computePlan } from '../core/planner';
import type { Engine } from '../docker/engine';
import type { StackSpec } from '../spec/stack-spec';

export interface ReconcileOptions {
  readonly prune: boolean;
  readonly parallel: number;
  /** Compute the plan and stop. */
  readonly dryRun: boolean;
  /** Rebuild every build: image before planning, so a changed image shows up as a recreate. */
  readonly build: boolean;
  readonly onResult?: (result: ActionResult) => void;
}

export interface ReconcileOutcome {
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  readonly plan: Plan;
  /** Empty on a dry run. */
  readonly results: readonly ActionResult[];
}

/** The image references the desired state runs, for one filtered image list call. */
export function imageRefs(desired: DesiredState): string[] {
  return [...new Set(desired.containers.map((c) => c.spec.image).filter((r) => r !== ''))].sort();
}

/**
 * One level-triggered pass: read everything (the spec given, the engine's state), plan, then write.
 * `apply` runs it once; `watch` runs it whenever something may have changed.
 */
export async function reconcileOnce(spec: StackSpec, engine: Engine, options: ReconcileOptions): Promise<ReconcileOutcome> {
  const desired = desiredState(spec);
  if (options.build && !options.dryRun) {
    for (const c of desired.containers) {
      if (c.imageSource.kind === 'build') await engine.buildImage(c.imageSource);
    }
  }
  const observed = await engine.observe(desired.project, imageRefs(desired));
  const plan = computePlan(desired, observed, { prune: options.prune });
  if (options.dryRun) return { desired, observed, plan, results: [] };
  const results = await executePlan(plan, engine, { parallel: options.parallel, ...(options.onResult && { onResult: options.onResult }) });
  return { desired, observed, plan, results };
}
