import { formatPlan, changes } from '../../core/plan';
import { reconcileOnce } from '../../runtime/reconciler';
import { engineFor, hostPathsFor, loadSpecOrThrow, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { planJson } from '../render';

export interface PlanOptions extends CommonOptions {
  readonly json?: boolean;
  readonly detailedExitcode?: boolean;
  readonly prune: boolean;
}

export async function runPlan(opts: PlanOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const engine = engineFor(opts, env);
  const { plan } = await reconcileOnce(spec, engine, { prune: opts.prune, parallel: 1, dryRun: true, hostPath: await hostPathsFor(engine, spec, opts) });
  io.out(opts.json ? JSON.stringify(planJson(plan), null, 2) : formatPlan(plan));
  return opts.detailedExitcode && changes(plan).length > 0 ? ExitCode.CHANGES_PENDING : ExitCode.OK;
}
