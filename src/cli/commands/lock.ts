import { desiredState } from '../../core/desired-state';
import { lockDrift, lockfilePath, type ToolLock } from '../../core/lockfile';
import { nextLock, readLockfile, resolutionsNow, writeLockfile } from '../../runtime/stack-lock';
import { smokeTestRemote } from '../../mcp/remote-probe';
import { probeServers } from '../../runtime/server-probe';
import { engineFor, hostPathsFor, loadSpecOrThrow, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface LockOptions extends CommonOptions {
  readonly json?: boolean;
  /** Compare with the lockfile and write nothing: exit 1 on any difference. */
  readonly check?: boolean;
  /** Seconds each server gets to answer. */
  readonly timeout: number;
}

/**
 * `lock`: asks every MCP server of the file for its tools (as `test` does: a stdio server in a
 * throwaway container of its exact spec) and writes the lockfile with what each resolves to; with
 * --check, says how the lockfile differs instead.
 */
export async function runLock(opts: LockOptions, env: NodeJS.ProcessEnv, io: Output, version: string): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const previous = readLockfile(spec.file);
  const file = lockfilePath(spec.file);
  const engine = engineFor(opts, env, spec);
  const desired = desiredState(spec, { hostPath: await hostPathsFor(engine, spec, opts) });
  const mcp = desired.containers.filter((c) => c.rollout.ready.check === 'mcp');
  const remotes = spec.remotes ?? [];
  const probes = [
    ...(await probeServers(engine, desired, mcp, opts.timeout * 1000, version)),
    // A remote server's tools are what the lock pins of it: a rug pull there is a changed line here.
    ...(await Promise.all(remotes.map((r) => smokeTestRemote(r, version, spec.tls?.caPem)))),
  ];
  const tools = new Map<string, Readonly<Record<string, ToolLock>>>(probes.flatMap((p) => (p.ok && p.toolLocks ? [[p.server, p.toolLocks] as const] : [])));
  const failed = probes.filter((p) => !p.ok);
  const failures = failed.map((p) => ({ server: p.server, error: p.error }));
  const now = await resolutionsNow(spec, desired, engine, tools);

  if (opts.check) {
    const drift = previous === undefined ? [] : lockDrift(previous.lock, now);
    if (opts.json) {
      io.out(JSON.stringify({ project: spec.project, file, exists: previous !== undefined, drift, failed: failures }, null, 2));
    } else {
      if (previous === undefined) io.out(`${file} does not exist: \`mcp-orchestrator lock\` writes it`);
      for (const d of drift) io.out(`${file}: server ${d.server} ${d.message}`);
      for (const p of failed) io.err(`server ${p.server}: tools not checked: ${p.error ?? 'no answer'}`);
      if (previous !== undefined && drift.length === 0) io.out(`${file} matches what every server resolves to.`);
    }
    return previous !== undefined && drift.length === 0 && failed.length === 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  const next = nextLock(spec.project, now, previous?.lock, new Set(), new Set([...mcp.map((c) => c.server), ...remotes.map((r) => r.name)]));
  const changes = previous === undefined ? [] : lockDrift(previous.lock, next.servers);
  const written = writeLockfile(spec.file, next);
  if (opts.json) {
    io.out(JSON.stringify({ project: spec.project, file, written, changes, failed: failures }, null, 2));
  } else {
    for (const c of changes) io.out(`${file}: server ${c.server} ${c.message}`);
    for (const p of failed) io.err(`server ${p.server}: tools not recorded: ${p.error ?? 'no answer'}`);
    if (failed.length > 0) {
      // Exit 1: the last word says why, never "up to date".
      io.out(`${file} ${written ? 'written' : 'unchanged'}, but without the tools of ${failed.map((p) => p.server).join(', ')}, which did not answer: not up to date`);
    } else {
      io.out(written ? `wrote ${file} (${Object.keys(next.servers).length} servers)` : `${file} is up to date`);
    }
  }
  return failed.length === 0 ? ExitCode.OK : ExitCode.FAILED;
}
