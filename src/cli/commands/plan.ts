import { formatPlan, changes } from '../../core/plan';
import { lockDrift } from '../../core/lockfile';
import { reconcileOnce } from '../../runtime/reconciler';
import { registryVersions, withRegistry } from '../../runtime/images/registry-resolution';
import { readLockfile, resolutionsNow } from '../../runtime/stack-lock';
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
  const engine = engineFor(opts, env, spec);
  const lock = readLockfile(spec.file);
  const { plan, desired } = await reconcileOnce(spec, engine, { prune: opts.prune, parallel: 1, dryRun: true, hostPath: await hostPathsFor(engine, spec, opts) });
  // What can be known without starting anything: the local images and what unpinned specs resolve to on their registry. Tools are compared when a server rolls out (or by lock --check).
  const { now, unasked } = lock === undefined ? { now: {}, unasked: [] } : withRegistry(await resolutionsNow(spec, desired, engine), await registryVersions(spec));
  const drift = lock === undefined ? [] : lockDrift(lock.lock, now);
  for (const note of unasked) io.err(`note: ${note}`);
  // A remote server has nothing to create: the plan names it, and apply checks it answers.
  const remotes = (spec.remotes ?? []).map((r) => ({ server: r.name, url: r.url, transport: r.transport }));
  if (opts.json) {
    io.out(JSON.stringify({ ...planJson(plan), ...(remotes.length > 0 && { remotes }), ...(lock && { lockDrift: drift }) }, null, 2));
  } else {
    io.out(formatPlan(plan));
    for (const r of remotes) io.out(`= remote         server ${r.server}: ${r.url}${r.transport === 'sse' ? ' (HTTP+SSE)' : ''}, nothing to create; apply checks it answers`);
    if (drift.length > 0) io.out([`Differs from ${lock?.file ?? 'the lockfile'}:`, ...drift.map((d) => `  ! server ${d.server} ${d.message}`)].join('\n'));
  }
  return opts.detailedExitcode && (changes(plan).length > 0 || drift.length > 0) ? ExitCode.CHANGES_PENDING : ExitCode.OK;
}
