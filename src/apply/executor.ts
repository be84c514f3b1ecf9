import { PassThrough } from 'node:stream';
import type { Engine } from '../docker/engine';
import type { Transport } from '../stack-file/stack-spec';
import type { DesiredContainer } from '../core/desired-state';
import type { ToolLock } from '../core/lockfile';
import { subjectOf, type Action, type Plan } from '../core/plan';
import { errorMessage } from '../errors';

export type ActionStatus = 'done' | 'failed' | 'skipped';

export interface ActionResult {
  readonly action: Action;
  readonly status: ActionStatus;
  /** The engine's message for a failure; the failed prerequisite for a skip. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface ExecuteOptions {
  /** How many actions may run at once. */
  readonly parallel: number;
  /** Called as each action finishes, for progress output. */
  readonly onResult?: (result: ActionResult) => void;
  readonly now?: () => number;
  /**
   * Told of each server container after it is created and before it starts. `serve` attaches to a
   * stdio server's streams here, so that nothing the server writes is lost. Its failure does not
   * fail the action.
   */
  readonly beforeStart?: BeforeStart;
  /**
   * Whether a replacement container is ready (the MCP handshake, or running). With it, a recreate
   * waits for the replacement before the old container goes, and rolls back when it is not ready;
   * without it, a recreate does not wait.
   */
  readonly ready?: ReadyCheck;
}

export type ReadyCheck = (replacement: { readonly server: string; readonly containerId: string; readonly container: DesiredContainer }) => Promise<ReadyVerdict>;

/** Ready, with the tools it listed when it was asked as an MCP server; or why not. */
export type ReadyVerdict = { ok: true; tools?: Readonly<Record<string, ToolLock>> } | { ok: false; reason: string };

/** A recreate whose replacement was not ready: removed, and the old container serves on. */
export class RolledBackError extends Error {
  constructor(server: string, reason: string, stderrTail: string) {
    super(`rolled back: ${server}: ${reason}${stderrTail === '' ? '' : `\n${stderrTail}`}`);
  }
}

export type BeforeStart = (starting: { readonly server: string; readonly containerId: string; readonly name?: string; readonly transport?: Transport }) => Promise<void>;

/**
 * Runs a plan against the engine. It decides nothing: each action kind has a fixed recipe of
 * engine calls, an action starts once everything in its `after` is done, and an action whose
 * prerequisite failed is skipped. Failures do not stop independent actions.
 */
export async function executePlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ActionResult[]> {
  const now = options.now ?? Date.now;
  const results = new Map<string, ActionResult>();
  const pending = plan.actions.filter((a) => a.kind !== 'noop');
  const running = new Set<Promise<void>>();

  const record = (result: ActionResult): void => {
    results.set(result.action.id, result);
    options.onResult?.(result);
  };

  while (pending.length > 0 || running.size > 0) {
    let progressed = false;
    for (let i = 0; i < pending.length && running.size < Math.max(1, options.parallel); ) {
      const action = pending[i];
      if (action === undefined) break;
      const blocker = action.after.map((id) => results.get(id)).find((r) => r !== undefined && r.status !== 'done');
      const waiting = action.after.some((id) => !results.has(id) && plan.actions.some((a) => a.id === id && a.kind !== 'noop'));
      if (blocker) {
        pending.splice(i, 1);
        record({ action, status: 'skipped', error: `${subjectOf(blocker.action)} ${blocker.status === 'failed' ? 'failed' : 'was skipped'}: ${(blocker.error ?? '').split('\n')[0] ?? ''}`, durationMs: 0 });
        progressed = true;
        continue;
      }
      if (waiting) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      progressed = true;
      const started = now();
      const task: Promise<void> = runAction(action, engine, options).then(
        () => record({ action, status: 'done', durationMs: now() - started }),
        (err: unknown) => record({ action, status: 'failed', error: errorMessage(err), durationMs: now() - started }),
      );
      const tracked = task.finally(() => running.delete(tracked));
      running.add(tracked);
    }
    if (running.size > 0) await Promise.race(running);
    else if (!progressed && pending.length > 0) {
      // Unreachable for plans from computePlan (their `after` lists form no cycle); fail loudly rather than spin.
      for (const action of pending.splice(0)) record({ action, status: 'skipped', error: 'waits on an action that never runs', durationMs: 0 });
    }
  }
  return plan.actions.filter((a) => a.kind !== 'noop').map((a) => results.get(a.id)).filter((r): r is ActionResult => r !== undefined);
}

/** Waits for every call to finish (none is left running behind a failure), then fails with the first error. */
async function allSettled(calls: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(calls)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The fixed recipe of engine calls for each kind of action. */
async function runAction(action: Action, engine: Engine, { beforeStart, ready }: Pick<ExecuteOptions, 'beforeStart' | 'ready'>): Promise<void> {
  const start = (server: string, containerId: string, transport?: Transport, name?: string): Promise<void> =>
    beforeStart === undefined
      ? engine.startContainer(containerId)
      : beforeStart({ server, containerId, ...(name !== undefined && { name }), ...(transport !== undefined && { transport }) })
          .catch(() => undefined)
          .then(() => engine.startContainer(containerId));
  switch (action.kind) {
    case 'create-network':
      return engine.createNetwork(action.network);
    case 'create-volume':
      return engine.createVolume(action.volume);
    case 'pull-image':
      return engine.pullImage(action.ref);
    case 'build-image':
      return engine.buildImage(action.source);
    case 'create': {
      const id = await engine.createContainer(action.container.name, action.container.spec, action.container.labels);
      return start(action.server, id, action.container.transport, action.container.name);
    }
    case 'recreate': {
      if (engine.inPlace !== undefined) {
        // A Swarm service: the engine replaces its tasks (in the rollout order, rolling back itself
        // when a task does not stay up); then the same readiness gate as for containers, and the
        // engine's own rollback when the replacement is not ready.
        const { id } = action.old;
        await engine.inPlace.update(id, action.container.spec, action.container.labels, action.container.rollout.order);
        if (ready === undefined) return;
        const verdict = await ready({ server: action.server, containerId: id, container: action.container }).catch((err: unknown) => ({ ok: false as const, reason: errorMessage(err) }));
        if (verdict.ok) return;
        const tail = await stderrTail(engine, id, action.container);
        await engine.inPlace.rollback(id);
        throw new RolledBackError(action.server, verdict.reason, tail);
      }
      // The replacement exists before the old container stops, and starts as soon as it has: the
      // server is down for stop + start only. Removing the old container and giving the new one its
      // name happen meanwhile (peers reach a server by its network alias, which the replacement has
      // from the start). A crash in between leaves containers that the next plan recognises by
      // label and cleans up.
      const id = await engine.createContainer(action.tempName, action.container.spec, action.container.labels);
      if (ready === undefined) {
        await engine.stopContainer(action.old.id);
        return allSettled([start(action.server, id, action.container.transport), engine.removeContainer(action.old.id).then(() => engine.renameContainer(id, action.container.name))]);
      }
      // Gated on readiness: stop-first stops the old container first (one instance at a time);
      // start-first lets it serve until the replacement is ready. Not ready: the replacement goes
      // and the old container serves on (started again if it was stopped).
      const stopFirst = action.container.rollout.order === 'stop-first';
      if (stopFirst) await engine.stopContainer(action.old.id);
      const verdict = await start(action.server, id, action.container.transport)
        .then(() => ready({ server: action.server, containerId: id, container: action.container }))
        .catch((err: unknown) => ({ ok: false as const, reason: errorMessage(err) }));
      if (!verdict.ok) {
        const tail = await stderrTail(engine, id, action.container);
        await engine.stopContainer(id).catch(() => undefined);
        await engine.removeContainer(id);
        if (stopFirst) await engine.startContainer(action.old.id);
        throw new RolledBackError(action.server, verdict.reason, tail);
      }
      if (!stopFirst) await engine.stopContainer(action.old.id);
      await engine.removeContainer(action.old.id);
      return engine.renameContainer(id, action.container.name);
    }
    case 'start':
      return start(action.server, action.containerId);
    case 'remove':
      await engine.stopContainer(action.containerId);
      return engine.removeContainer(action.containerId);
    case 'remove-network':
      return engine.removeNetwork(action.name);
    case 'remove-volume':
      return engine.removeVolume(action.name);
    case 'fail':
      throw new Error(action.reason);
    case 'noop':
      return;
  }
}

/**
 * The last lines the replacement wrote to stderr (never stdout: a stdio server's stdout is MCP
 * traffic), with the values of its environment masked.
 */
async function stderrTail(engine: Engine, id: string, container: DesiredContainer): Promise<string> {
  let text = '';
  const sink = new PassThrough().on('data', (c: Buffer) => (text += c.toString('utf8')));
  await engine.containerLogs(id, { follow: false, tail: 15 }, new PassThrough().resume(), sink).catch(() => undefined);
  const values = container.spec.env.map((kv) => kv.slice(kv.indexOf('=') + 1)).filter((v) => v.length >= 4);
  for (const v of values.sort((a, b) => b.length - a.length)) text = text.split(v).join('***');
  return text
    .trimEnd()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `  | ${l}`)
    .join('\n');
}
