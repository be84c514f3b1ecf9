import * as path from 'node:path';
import type { ActionResult, BeforeStart, ReadyCheck } from '../../apply/executor';
import type { SessionClaims } from '../../core/desired-state';
import { changes, subjectOf } from '../../core/plan';
import { EngineUnreachableError } from '../../docker/connection';
import type { Engine } from '../../docker/engine';
import { errorMessage, formatDiagnostic } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { ParseResult } from '../../stack-file/parse-stack';
import type { StackSpec } from '../../stack-file/stack-spec';
import type { Timers } from '../../util/clock';
import { DevelopWatcher, MAX_WATCHED_ENTRIES, SpecFileWatcher } from './file-watcher';
import { reconcileOnce } from '../reconciler';
import { ServerBackoff } from './server-backoff';
import { WorkQueue, type RunResult } from './work-queue';

export interface ControllerOptions {
  readonly debounceMs: number;
  /** The safety net for missed events. */
  readonly resyncMs: number;
  readonly parallel: number;
  readonly prune: boolean;
  readonly timers: Timers;
  /**
   * false: change nothing; each run only reads the file and tells onReconciled (serve --no-apply:
   * a gateway that follows what another process or CI applies, and never undoes its down).
   */
  readonly apply?: boolean;
}

/** What one reconcile did, for the gateway's metrics. */
export interface ReconcileSummary {
  readonly durationMs: number;
  /** Servers recreated (a rollout each) and of those rolled back. */
  readonly rollouts: number;
  readonly rollbacks: number;
  readonly failed: number;
}

export interface ControllerDeps {
  readonly stackFile: string;
  readonly loadSpec: () => ParseResult;
  readonly engine: Engine;
  readonly logger: Logger;
  /** Takes the project's lock for one reconcile; resolves with its release. */
  readonly lock: (project: string) => Promise<() => void>;
  /** In-container path -> host path for a stack in `dir` (the orchestrator in a container). */
  readonly hostPaths: (dir: string) => Promise<(p: string) => string | undefined>;
  /** Told after each reconcile that reached the engine (serve: the gateway follows the servers' containers, and counts it). */
  readonly onReconciled?: (spec: StackSpec, summary: ReconcileSummary) => void;
  /** Told of each server container before it starts (serve: the gateway attaches to stdio servers first). */
  readonly beforeStart?: BeforeStart;
  /** Readiness of a replacement: a recreate waits for it and rolls back without it. */
  readonly ready?: ReadyCheck;
  /** The per-client sessions serve's gateway holds now: their containers are desired state too. */
  readonly sessions?: () => SessionClaims;
}

/**
 * `watch`: keeps the engine converged to the stack file, level-triggered. Every trigger (the file,
 * .env and env_files, the project's engine events, develop.watch paths, the periodic resync) only
 * asks the work queue for a run; every run re-reads the file and the engine and reconciles.
 */
export class Controller {
  private readonly queue: WorkQueue;
  private readonly specWatcher: SpecFileWatcher;
  private readonly developWatcher: DevelopWatcher;
  private readonly backoff = new ServerBackoff({ initialMs: 1000, maxMs: 60_000, windowMs: 10_000 });
  private lastGood: StackSpec | undefined;
  private lastErrors = '';
  private readonly rebuild = new Set<string>();
  private readonly restart = new Set<string>();
  private closeEvents: (() => void) | undefined;
  private eventsProject: string | undefined;
  private eventsAttempt = 0;
  private resyncTimer: unknown;
  private eventsTimer: unknown;
  private stopped = false;
  private runs = 0;
  /** Servers whose rollout was rolled back, with the definition (config hash) that was: held back until it changes. */
  private readonly rolledBack = new Map<string, string>();

  /** Servers whose last rollout was rolled back, and the definition (config hash) they are held at. */
  get heldBack(): ReadonlyMap<string, string> {
    return this.rolledBack;
  }

  constructor(
    private readonly deps: ControllerDeps,
    private readonly options: ControllerOptions,
  ) {
    this.queue = new WorkQueue(() => this.reconcile(), {
      debounceMs: options.debounceMs,
      backoffInitialMs: 500,
      backoffMaxMs: 30_000,
      timers: options.timers,
      onRetry: (attempt, delayMs, error) => deps.logger.warn('reconcile failed; retrying', { attempt, retry_in_ms: delayMs, error }),
    });
    this.specWatcher = new SpecFileWatcher(() => this.queue.trigger());
    this.developWatcher = new DevelopWatcher(
      (server, action) => {
        (action === 'rebuild' ? this.rebuild : this.restart).add(server);
        this.queue.trigger();
      },
      (server, watched) =>
        deps.logger.error('develop.watch path not watched: more entries than the limit; add what need not be watched to ignore:', { server, path: watched, limit: MAX_WATCHED_ENTRIES }),
    );
  }

  /** Starts watching: the first reconcile runs at once. */
  async start(): Promise<void> {
    this.specWatcher.setFiles([this.deps.stackFile, path.join(path.dirname(path.resolve(this.deps.stackFile)), '.env')]);
    await this.specWatcher.ready();
    this.queue.requestWithin(0);
    this.scheduleResync();
  }

  /** Finishes the reconcile in progress (or gives up on it after `graceMs`) and releases every watch. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    const t = this.options.timers;
    if (this.resyncTimer !== undefined) t.clearTimeout(this.resyncTimer);
    if (this.eventsTimer !== undefined) t.clearTimeout(this.eventsTimer);
    this.closeEvents?.();
    await Promise.all([this.specWatcher.close(), this.developWatcher.close()]);
    await Promise.race([this.queue.stop(), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  /** A reconcile as soon as may be (a client session needs its container, or ended). */
  requestSoon(): void {
    if (!this.stopped) this.queue.requestWithin(0);
  }

  /** The project of the last good stack file, for --down-on-exit. */
  get project(): string | undefined {
    return this.lastGood?.project;
  }

  get reconciles(): number {
    return this.runs;
  }

  private scheduleResync(): void {
    if (this.stopped) return;
    this.resyncTimer = this.options.timers.setTimeout(() => {
      this.queue.trigger();
      this.scheduleResync();
    }, this.options.resyncMs);
  }

  private async reconcile(): Promise<RunResult> {
    const started = this.options.timers.now();
    const log = this.deps.logger.child({ reconcile: ++this.runs });
    const spec = this.currentSpec(log);
    if (!spec) return { kind: 'terminal' };
    this.watchInputs(spec);

    let release: (() => void) | undefined;
    const rebuild = new Set(this.rebuild);
    const restart = new Set(this.restart);
    this.rebuild.clear();
    this.restart.clear();
    try {
      await this.ensureEvents(spec.project, log);
      if (this.options.apply === false) {
        this.deps.onReconciled?.(spec, { durationMs: this.options.timers.now() - started, rollouts: 0, rollbacks: 0, failed: 0 });
        return { kind: 'ok' };
      }
      release = await this.deps.lock(spec.project);
      const now = (): number => this.options.timers.now();
      const blocked = this.backoff.blocked(now());
      const { plan, deferred, results, desired } = await reconcileOnce(spec, this.deps.engine, {
        hostPath: await this.deps.hostPaths(spec.dir),
        prune: this.options.prune,
        parallel: this.options.parallel,
        dryRun: false,
        rebuild,
        defer: new Set(blocked.keys()),
        holdBack: this.rolledBack,
        now,
        onBuild: (server) => log.info('rebuilding image', { project: spec.project, server, action: 'build-image', reason: 'develop.watch' }),
        onResult: (r) => logResult(log, spec.project, r),
        ...(this.deps.beforeStart && { beforeStart: this.deps.beforeStart }),
        ...(this.deps.ready && { ready: this.deps.ready }),
        ...(this.deps.sessions && { sessions: this.deps.sessions() }),
      });
      // A rolled-back server waits for a change of its definition: retrying the same one would roll back again.
      for (const r of results) {
        const server = 'server' in r.action ? r.action.server : undefined;
        if (server === undefined) continue;
        if (r.status === 'failed' && (r.error ?? '').startsWith('rolled back:')) this.rolledBack.set(server, desired.containers.find((c) => c.server === server)?.configHash ?? '');
        else if (r.status === 'done') this.rolledBack.delete(server);
      }
      for (const a of deferred) {
        const server = 'server' in a ? a.server : undefined;
        if (server !== undefined && this.rolledBack.has(server) && !blocked.has(server)) {
          log.warn('deferred: its last rollout was rolled back; waiting for a change of its definition', { project: spec.project, server, action: a.kind });
          continue;
        }
        const until = server !== undefined ? blocked.get(server) : undefined;
        log.warn('deferred: server is backing off', { project: spec.project, server, action: a.kind, reason: a.reason, retry_in_ms: until !== undefined ? until - now() : undefined });
      }
      this.backoff.record(results, now());
      for (const server of restart) {
        const action = plan.actions.find((a) => a.id === `server:${server}`);
        if (action?.kind === 'noop') {
          log.info('restarting container', { project: spec.project, server, action: 'restart', reason: 'develop.watch' });
          await this.deps.engine.restartContainer(action.containerId);
        }
      }
      const changed = changes(plan).length;
      const duration = this.options.timers.now() - started;
      if (changed > 0 || deferred.length > 0) log.info('reconciled', { project: spec.project, changes: changed, failed: results.filter((r) => r.status !== 'done').length, duration_ms: duration });
      else log.debug('reconciled', { project: spec.project, changes: 0, duration_ms: duration });
      const rollbacks = results.filter((r) => r.status === 'failed' && (r.error ?? '').startsWith('rolled back:')).length;
      const rollouts = results.filter((r) => r.action.kind === 'recreate').length;
      this.deps.onReconciled?.(spec, { durationMs: duration, rollouts, rollbacks, failed: results.filter((r) => r.status !== 'done').length });
      const next = Math.min(...[...this.backoff.blocked(this.options.timers.now()).values()]);
      if (Number.isFinite(next)) this.queue.requestWithin(Math.max(0, next - this.options.timers.now()));
      return { kind: 'ok' };
    } catch (err) {
      // What was asked of this run is asked of the next one.
      rebuild.forEach((x) => this.rebuild.add(x));
      restart.forEach((x) => this.restart.add(x));
      if (err instanceof EngineUnreachableError) this.dropEvents();
      return { kind: 'retry', error: errorMessage(err) };
    } finally {
      release?.();
    }
  }

  /**
   * The stack file now, or the last good one while the file is invalid (its errors logged once). A
   * file whose allow: grants more than when this process started is not applied: what a server may
   * do grows only by an operator's own act (a restart of watch or serve, or an apply run by hand),
   * never by an edit that anything with write access to the file could make.
   */
  private allowedAtStart: Set<string> | undefined;

  private currentSpec(log: Logger): StackSpec | undefined {
    const result = this.deps.loadSpec();
    if (result.ok) {
      this.allowedAtStart ??= new Set(result.spec.allow);
      const grown = result.spec.allow.filter((a) => !this.allowedAtStart?.has(a));
      if (grown.length > 0) {
        const text = `allow: ${grown.join(',')}`;
        if (text !== this.lastErrors) {
          log.error('stack file grants more than when this process started; not applied: restart watch/serve, or run apply by hand, to accept it', { file: this.deps.stackFile, added: grown });
          this.lastErrors = text;
        }
        return this.lastGood;
      }
      if (this.lastErrors) log.info('stack file is valid again', { file: this.deps.stackFile });
      this.lastErrors = '';
      for (const w of result.warnings) log.warn(formatDiagnostic(w));
      this.lastGood = result.spec;
      return result.spec;
    }
    const text = result.diagnostics.map(formatDiagnostic).join('\n');
    if (text !== this.lastErrors) {
      for (const d of result.diagnostics) log.log(d.severity === 'error' ? 'error' : 'warn', formatDiagnostic(d));
      log.error(this.lastGood ? 'stack file is invalid; keeping the last good state until it is fixed' : 'stack file is invalid; waiting for a fix', { file: this.deps.stackFile });
      this.lastErrors = text;
    }
    return this.lastGood;
  }

  private watchInputs(spec: StackSpec): void {
    const envFiles = spec.servers.flatMap((s) => s.envFiles);
    this.specWatcher.setFiles([this.deps.stackFile, path.join(spec.dir, '.env'), ...envFiles]);
    void this.developWatcher.setRules(spec.servers.flatMap((s) => s.develop.map((rule) => ({ server: s.name, rule }))));
  }

  /** Subscribes to the project's container events; a lost stream reconnects with backoff, then resyncs. */
  private async ensureEvents(project: string, log: Logger): Promise<void> {
    if (this.stopped || (this.closeEvents && this.eventsProject === project)) return;
    this.dropEvents();
    try {
      const close = await this.deps.engine.watchEvents(
        project,
        () => this.queue.trigger(),
        (err) => {
          if (this.stopped) return;
          log.warn('engine event stream ended; reconnecting', { project, error: err ? errorMessage(err) : 'closed' });
          this.dropEvents();
          this.reconnectEvents(project, log);
        },
      );
      // stop() may have run while the subscription was being made: nothing may outlive it.
      if (this.stopped) {
        close();
        return;
      }
      this.closeEvents = close;
      this.eventsProject = project;
      this.eventsAttempt = 0;
    } catch (err) {
      this.reconnectEvents(project, log);
      throw err;
    }
  }

  private reconnectEvents(project: string, log: Logger): void {
    if (this.stopped || this.eventsTimer !== undefined) return;
    const delay = Math.min(10_000, 250 * 2 ** this.eventsAttempt++);
    this.eventsTimer = this.options.timers.setTimeout(() => {
      this.eventsTimer = undefined;
      this.ensureEvents(project, log).then(
        () => this.queue.trigger(),
        () => undefined,
      );
    }, delay);
  }

  private dropEvents(): void {
    this.closeEvents?.();
    this.closeEvents = undefined;
    this.eventsProject = undefined;
  }
}

function logResult(log: Logger, project: string, r: ActionResult): void {
  const server = 'server' in r.action ? r.action.server : undefined;
  const meta = { project, ...(server !== undefined && { server }), action: r.action.kind, subject: subjectOf(r.action), reason: r.action.reason, duration_ms: r.durationMs };
  if (r.status === 'done') log.info('applied', meta);
  else log.error(r.status === 'failed' ? 'action failed' : 'action skipped', { ...meta, error: r.error });
}
