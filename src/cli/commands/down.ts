import { computeDownPlan } from '../../core/planner';
import { executePlan } from '../../apply/executor';
import { engineFor, lockProject, projectOf, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { resultJson, resultLine } from '../render';

export interface DownOptions extends CommonOptions {
  readonly project?: string;
  readonly volumes?: boolean;
  readonly json?: boolean;
  readonly parallel: number;
  readonly lockTimeout: number;
}

export async function runDown(opts: DownOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const { project, spec } = projectOf(opts, env, io);
  const engine = engineFor(opts, env, spec);
  const release = await lockProject(project, 'mcp-orchestrator down', opts.lockTimeout, env, io);
  let results;
  try {
    const plan = computeDownPlan(await engine.observe(project, []), { volumes: opts.volumes ?? false });
    results = await executePlan(plan, engine, { parallel: opts.parallel, ...(!opts.json && { onResult: (r) => io.out(resultLine(r)) }) });
  } finally {
    release();
  }
  const ok = results.every((r) => r.status === 'done');
  if (opts.json) io.out(JSON.stringify({ project, ok, results: results.map(resultJson) }, null, 2));
  else if (results.length === 0) io.out(`Nothing to remove: project ${project} has no containers or networks${opts.volumes ? ' or volumes' : ''}.`);
  else io.out(`${ok ? 'Removed' : 'Down finished with failures'}: project ${project}${opts.volumes ? '' : ' (volumes kept; --volumes removes them)'}.`);
  return ok ? ExitCode.OK : ExitCode.FAILED;
}
