import * as path from 'node:path';
import type { ReadyCheck } from '../apply/executor';
import { lockDrift, lockfilePath, toolDrift, type Drift, type LoadedLockfile, type ToolLock } from '../core/lockfile';
import type { DesiredContainer, DesiredState } from '../core/desired-state';
import type { Engine } from '../docker/engine';
import { errorMessage, OrchestratorError, type SourceLocation } from '../errors';
import type { StackSpec } from '../stack-file/stack-spec';
import { readinessCheck } from './readiness';
import { prepareImages, reconcileOnce, type ReconcileOptions, type ReconcileOutcome } from './reconciler';
import { nextLock, readLockfile, resolutionsNow, writeLockfile } from './stack-lock';
import type { WaitResult } from './wait';

export interface ApplyStackOptions extends Omit<ReconcileOptions, 'ready'> {
  /** Wait until every server is up (apply --wait), at most this long. */
  readonly waitTimeoutMs?: number;
  /** What the orchestrator's MCP client calls itself (readiness checks, --wait). */
  readonly clientVersion: string;
  /** CI's mode: roll out no server whose resolution or tools differ from the lockfile, and leave the lockfile as it is. */
  readonly locked?: boolean;
  /** false: no lockfile is read or written (a stack written in code has no file to put one beside). */
  readonly lockfile?: boolean;
}

export interface LockReport {
  readonly file: string;
  /** Whether the lockfile was written (never under --locked or a dry run). */
  readonly written: boolean;
  /** Why it could not be written (a read-only checkout): the apply itself stands. */
  readonly writeError?: string;
  /** How the lockfile changed. */
  readonly changes: readonly Drift[];
  /** Servers --locked refused to roll out, each with a located message. */
  readonly refused: readonly { readonly server: string; readonly message: string }[];
  /** MCP servers whose tools the lockfile does not have: started before anything asked them (`lock` does). */
  readonly toolsUnknown: readonly string[];
  /** MCP servers this apply started and asked for their tools, that did not answer: why. */
  readonly unanswered: readonly { readonly server: string; readonly reason: string }[];
}

type Tools = Readonly<Record<string, ToolLock>>;

/**
 * `apply` (the command and the library's): one reconcile whose rollouts are gated on readiness,
 * the lockfile written with what each server resolved to, then, when asked, a wait until every
 * server is up. Under `locked`, images are made first and a server whose image, package version or
 * tools differ from the lockfile is not rolled out. `ok` when every action was done, nothing was
 * refused and every server waited for is up.
 */
export async function applyStack(
  spec: StackSpec,
  engine: Engine,
  options: ApplyStackOptions,
): Promise<{ outcome: ReconcileOutcome; waited: WaitResult[]; ok: boolean; lock?: LockReport | undefined; remotes?: RemoteCheck[] }> {
  const { waitTimeoutMs, clientVersion, locked, lockfile = true, ...reconcile } = options;
  const previous = lockfile ? readLockfile(spec.file) : undefined;
  const lockName = path.basename(lockfilePath(spec.file));
  if (locked && previous === undefined) {
    throw new OrchestratorError('USAGE', `${spec.file}: --locked: there is no ${lockName} beside it: run apply without --locked (or lock) and commit ${lockName}`);
  }
  const refused = new Map<string, string>();
  const refuse = (server: string, why: string): void => {
    const where = spec.servers.find((s) => s.name === server)?.where ?? previous?.entryAt(server);
    refused.set(server, `${located(where ?? { file: spec.file, line: 1, col: 1 })}server ${server} ${why}; ${lockName} says otherwise (apply without --locked, or lock, updates it)`);
  };
  if (locked && previous !== undefined && !reconcile.dryRun) {
    const { desired } = await prepareImages(spec, engine, reconcile);
    for (const d of lockDrift(previous.lock, await resolutionsNow(spec, desired, engine))) refuse(d.server, d.message);
  }

  const captured = new Map<string, Tools>();
  const unanswered = new Map<string, string>();
  /** Keeps the tools a server listed; under --locked, says how they differ from the lock (and refuses the server). */
  const learn = (server: string, tools: Tools): string | undefined => {
    captured.set(server, tools);
    const changed = locked ? toolDrift(server, previous?.lock.servers[server]?.tools, tools)[0]?.message : undefined;
    if (changed !== undefined) refuse(server, changed);
    return changed;
  };
  const base = readinessCheck(engine, clientVersion);
  const ready: ReadyCheck = async (replacement) => {
    const verdict = await base(replacement);
    const changed = verdict.ok && verdict.tools !== undefined ? learn(replacement.server, verdict.tools) : undefined;
    return changed === undefined ? verdict : { ok: false, reason: `${changed} (${lockName} has them otherwise)` };
  };
  const outcome = await reconcileOnce(spec, engine, {
    ...reconcile,
    ...(locked && { rebuild: undefined }),
    defer: new Set([...(reconcile.defer ?? []), ...refused.keys()]),
    ready,
  });
  if (reconcile.dryRun) return { outcome, waited: [], ok: true };

  // A created server was not gated: it is asked for its tools now, on the container just started,
  // as many at once as apply runs actions. Only --locked waits its whole ready timeout for them.
  const created = readinessCheck(engine, clientVersion, 'the container');
  await inBatches(await createdMcpServers(engine, outcome), reconcile.parallel, async ({ server, container, containerId }) => {
    const ready = { ...container.rollout.ready, timeoutSeconds: locked ? container.rollout.ready.timeoutSeconds : Math.min(20, container.rollout.ready.timeoutSeconds) };
    const verdict = await created({ server, containerId, container: { ...container, rollout: { ...container.rollout, ready } } });
    if (!verdict.ok) unanswered.set(server, verdict.reason);
    if (!verdict.ok || verdict.tools === undefined || learn(server, verdict.tools) === undefined) return;
    await engine.stopContainer(containerId).catch(() => undefined);
    await engine.removeContainer(containerId);
  });

  // Remote servers: nothing was rolled out, so their check is now; under --locked their tools must be the locked ones.
  const remotes = await checkRemotes(spec, clientVersion, learn);
  for (const r of remotes) if (!r.ok && !refused.has(r.server)) unanswered.set(r.server, r.detail);
  const lock = !lockfile ? undefined : locked ? lockReport(lockName, false, [], refused, [], unanswered) : await updateLock(spec, engine, outcome, previous, captured, unanswered, lockName);
  // Loaded only for --wait: it brings the MCP SDK, which a plain apply has no use for.
  const waited =
    waitTimeoutMs !== undefined
      ? await (require('./wait') as typeof import('./wait')).waitForServers(engine, outcome.desired, { settleMs: 2000, timeoutMs: waitTimeoutMs, clientVersion, started: startedServers(outcome) })
      : [];
  const ok = outcome.results.every((r) => r.status === 'done') && waited.every((w) => w.ok) && refused.size === 0 && remotes.every((r) => r.ok);
  return { outcome, waited, ok, lock, remotes };
}

/** What apply found of a remote server (url:): nothing is created for it, so it is checked to answer. */
export interface RemoteCheck {
  readonly server: string;
  readonly ok: boolean;
  /** It answered (ok, or refused for what it answered: its tools differ from the lock). */
  readonly answered: boolean;
  readonly detail: string;
}

/** The remote servers' handshake and tools/list, all at once (the SDK is loaded only when there are any). */
async function checkRemotes(spec: StackSpec, clientVersion: string, learn: (server: string, tools: Tools) => string | undefined): Promise<RemoteCheck[]> {
  const remotes = spec.remotes ?? [];
  if (remotes.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { smokeTestRemote } = require('../mcp/remote-probe') as typeof import('../mcp/remote-probe');
  const results = await Promise.all(remotes.map((r) => smokeTestRemote(r, clientVersion, spec.tls?.caPem)));
  return results.map((r) => {
    const changed = r.ok && r.toolLocks !== undefined ? learn(r.server, r.toolLocks) : undefined;
    return {
      server: r.server,
      ok: r.ok && changed === undefined,
      answered: r.ok,
      detail: !r.ok ? (r.error ?? 'no answer') : changed !== undefined ? `answers, but ${changed}` : `answers (${r.protocolVersion ?? 'protocol unknown'}, ${r.tools.length} tools)`,
    };
  });
}

function located(where: SourceLocation): string {
  return `${where.file}:${where.line}:${where.col}: `;
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += Math.max(1, size)) await Promise.all(items.slice(i, i + Math.max(1, size)).map(fn));
}

/** Servers whose container this apply created, replaced or started. */
function startedServers(outcome: ReconcileOutcome): Set<string> {
  const kinds = new Set(['create', 'recreate', 'start']);
  return new Set(outcome.results.flatMap((r) => (r.status === 'done' && kinds.has(r.action.kind) && 'server' in r.action && r.action.server !== undefined ? [r.action.server] : [])));
}

const mcpServer = (c: DesiredContainer): boolean => c.rollout.ready.check === 'mcp';

async function createdMcpServers(engine: Engine, outcome: ReconcileOutcome): Promise<{ server: string; container: DesiredContainer; containerId: string }[]> {
  const created = new Set(outcome.results.filter((r) => r.status === 'done' && r.action.kind === 'create').map((r) => ('server' in r.action ? r.action.server : undefined)));
  const wanted = outcome.desired.containers.filter((c) => created.has(c.server) && mcpServer(c));
  if (wanted.length === 0) return [];
  const live = (await engine.observe(outcome.desired.project, [])).containers;
  return wanted.flatMap((container) => {
    const id = live.find((o) => o.name === container.name && o.state === 'running')?.id;
    return id === undefined ? [] : [{ server: container.server, container, containerId: id }];
  });
}

/** The lockfile after an apply: servers rolled out or unchanged as they resolve now; the others as they were. */
async function updateLock(
  spec: StackSpec,
  engine: Engine,
  outcome: ReconcileOutcome,
  previous: LoadedLockfile | undefined,
  captured: ReadonlyMap<string, Tools>,
  unanswered: ReadonlyMap<string, string>,
  lockName: string,
): Promise<LockReport> {
  const notRolledOut = new Set(
    [...outcome.results.filter((r) => r.status !== 'done'), ...outcome.deferred.map((action) => ({ action }))].flatMap((r) => ('server' in r.action && r.action.server !== undefined ? [r.action.server] : [])),
  );
  const mcp = mcpNames(outcome.desired, spec);
  const next = nextLock(spec.project, await resolutionsNow(spec, outcome.desired, engine, captured), previous?.lock, notRolledOut, mcp);
  const changes = previous === undefined ? [] : lockDrift(previous.lock, next.servers);
  const unknown = [...mcp].filter((s) => next.servers[s]?.tools === undefined && !unanswered.has(s)).sort();
  try {
    return lockReport(lockName, writeLockfile(spec.file, next), changes, new Map(), unknown, unanswered);
  } catch (err) {
    return { ...lockReport(lockName, false, changes, new Map(), unknown, unanswered), writeError: errorMessage(err) };
  }
}

function mcpNames(desired: DesiredState, spec: StackSpec): Set<string> {
  return new Set([...desired.containers.filter(mcpServer).map((c) => c.server), ...(spec.remotes ?? []).map((r) => r.name)]);
}

function lockReport(
  file: string,
  written: boolean,
  changes: readonly Drift[],
  refused: ReadonlyMap<string, string>,
  toolsUnknown: readonly string[],
  unanswered: ReadonlyMap<string, string>,
): LockReport {
  return {
    file,
    written,
    changes,
    refused: [...refused].map(([server, message]) => ({ server, message })),
    toolsUnknown,
    unanswered: [...unanswered].sort(([a], [b]) => a.localeCompare(b)).map(([server, reason]) => ({ server, reason })),
  };
}
