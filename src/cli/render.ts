import type { ActionResult } from '../apply/executor';
import { subjectOf, type Action, type Plan } from '../core/plan';

/** JSON shapes of plans and results: stable, documented in the README, and free of env values. */
export interface ActionJson {
  readonly id: string;
  readonly kind: Action['kind'];
  readonly subject: string;
  readonly reason: string;
  readonly after: readonly string[];
}

export interface ResultJson extends ActionJson {
  readonly status: ActionResult['status'];
  readonly error?: string;
  readonly duration_ms: number;
}

export function actionJson(a: Action): ActionJson {
  return { id: a.id, kind: a.kind, subject: subjectOf(a), reason: a.reason, after: a.after };
}

export function planJson(plan: Plan): { project: string; changes: number; actions: ActionJson[] } {
  const actions = plan.actions.map(actionJson);
  return { project: plan.project, changes: actions.filter((a) => a.kind !== 'noop').length, actions };
}

export function resultJson(r: ActionResult): ResultJson {
  return { ...actionJson(r.action), status: r.status, ...(r.error !== undefined && { error: r.error }), duration_ms: r.durationMs };
}

const MARK = { done: '✓', failed: '✗', skipped: '-' } as const;

export function resultLine(r: ActionResult): string {
  const base = `${MARK[r.status]} ${r.action.kind} ${subjectOf(r.action)}`;
  if (r.status === 'done') return `${base} (${formatDuration(r.durationMs)})`;
  return `${base}: ${r.status === 'skipped' ? 'skipped, ' : ''}${r.error ?? ''}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function resultSummary(project: string, results: readonly ActionResult[]): string {
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const done = results.length - failed - skipped;
  const tail = failed + skipped > 0 ? `, ${failed} failed, ${skipped} skipped` : '';
  return `${failed + skipped > 0 ? 'Apply finished with failures' : 'Applied'}: project ${project}, ${done} action${done === 1 ? '' : 's'} done${tail}.`;
}
