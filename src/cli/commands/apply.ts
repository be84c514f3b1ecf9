import { changes, formatPlan, summaryLine } from '../../core/plan';
import { applyStack } from '../../runtime/apply-stack';
import type { StackSpec } from '../../stack-file/stack-spec';
import { engineFor, hostPathsFor, loadSpecOrThrow, lockProject, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { planJson, resultJson, resultLine, resultSummary } from '../render';

export interface ApplyOptions extends CommonOptions {
  readonly json?: boolean;
  readonly dryRun?: boolean;
  readonly parallel: number;
  readonly prune: boolean;
  readonly build?: boolean;
  /** Seconds to wait for another apply or watch to finish with the project. */
  readonly lockTimeout: number;
  /** Wait until every server is up (apply --wait), at most waitTimeout seconds. */
  readonly wait?: boolean;
  readonly waitTimeout: number;
  readonly version: string;
  /** Roll out only what matches the lockfile, and leave it as it is (CI). */
  readonly locked?: boolean;
}

export async function runApply(opts: ApplyOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const release = opts.dryRun ? () => undefined : await lockProject(spec.project, 'mcp-orchestrator apply', opts.lockTimeout, env, io);
  try {
    return await applyLocked(spec, opts, env, io);
  } finally {
    release();
  }
}

async function applyLocked(spec: StackSpec, opts: ApplyOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const engine = engineFor(opts, env, spec);
  const { outcome, waited, ok, lock, remotes = [] } = await applyStack(spec, engine, {
    hostPath: await hostPathsFor(engine, spec, opts),
    prune: opts.prune,
    parallel: opts.parallel,
    dryRun: opts.dryRun ?? false,
    ...(opts.build && { rebuild: 'all' as const }),
    ...(!opts.json && { onResult: (r) => io.out(resultLine(r)) }),
    ...(opts.wait && { waitTimeoutMs: opts.waitTimeout * 1000 }),
    clientVersion: opts.version,
    ...(opts.locked && { locked: true }),
  });
  const { plan, results } = outcome;
  if (opts.json) {
    io.out(JSON.stringify(opts.dryRun ? planJson(plan) : { project: plan.project, ok, results: results.map(resultJson), ...(opts.wait && { wait: waited }), ...(remotes.length > 0 && { remotes }), ...(lock && { lock }) }, null, 2));
  } else if (opts.dryRun) {
    io.out(formatPlan(plan));
  } else if (changes(plan).length === 0) {
    io.out(summaryLine(plan));
  } else {
    io.out(resultSummary(plan.project, results));
  }
  if (!opts.json) for (const w of waited) io.out(`${w.ok ? '✓' : '✗'} server ${w.server} ${w.ok ? 'is up' : 'is not up'}: ${w.detail}`);
  if (!opts.json) for (const r of remotes) io.out(`${r.ok ? '✓' : '✗'} remote server ${r.server} ${r.answered ? r.detail : `does not answer: ${r.detail}`}`);
  if (lock && !opts.json) {
    for (const c of lock.changes) io.out(`${lock.file}: server ${c.server} ${c.message}`);
    for (const u of lock.unanswered) io.out(`${lock.file} has no tools of ${u.server}: it did not answer when asked (${u.reason}); \`mcp-orchestrator test ${u.server}\` shows why`);
    if (lock.toolsUnknown.length > 0) io.out(`${lock.file} has no tools of ${lock.toolsUnknown.join(', ')} (started before anything asked them): \`mcp-orchestrator lock\` asks them`);
    if (lock.writeError !== undefined) io.err(`warning: ${lock.file} not written: ${lock.writeError}`);
    for (const r of lock.refused) io.err(r.message);
    if (lock.refused.length > 0) io.out(`Not rolled out (--locked: they differ from ${lock.file}): ${lock.refused.map((r) => r.server).join(', ')}.`);
  }
  return ok ? ExitCode.OK : ExitCode.FAILED;
}
