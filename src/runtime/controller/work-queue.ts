import type { Timers } from '../../util/clock';

/** What a run reports: converged, failed in a way worth retrying, or failed until something changes. */
export type RunResult = { readonly kind: 'ok' } | { readonly kind: 'retry'; readonly error: string } | { readonly kind: 'terminal' };

export interface QueueOptions {
  /** Quiet time after a trigger before running: coalesces bursts (an editor's save, a burst of events). */
  readonly debounceMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  readonly timers: Timers;
  /** Told when a retry is scheduled, for the log. */
  readonly onRetry?: (attempt: number, delayMs: number, error: string) => void;
}

/**
 * Level-triggered, single-flight work queue: a trigger carries nothing, it only asks for a run.
 * One run at a time; triggers during a run cause exactly one follow-up run; a retryable failure
 * runs again after a capped exponential backoff; a terminal one waits for the next trigger.
 */
export class WorkQueue {
  private running: Promise<void> | undefined;
  private dirty = false;
  private timer: unknown;
  private dueAt: number | undefined;
  private attempt = 0;
  private stopped = false;
  private lastTriggerAt = 0;
  /** A requestWithin() that arrived during a run, honoured when it ends. */
  private pendingRequest: number | undefined;

  constructor(
    private readonly run: () => Promise<RunResult>,
    private readonly options: QueueOptions,
  ) {}

  trigger(): void {
    if (this.stopped) return;
    this.lastTriggerAt = this.options.timers.now();
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.schedule(this.options.debounceMs, true);
  }

  /** Asks for a run no later than `delayMs` from now (a server's backoff ending, the periodic resync). */
  requestWithin(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      // The follow-up run would come sooner than asked only if dirty; otherwise remember the deadline.
      if (!this.dirty) this.pendingRequest = Math.min(this.pendingRequest ?? Infinity, delayMs);
      return;
    }
    this.schedule(delayMs, false);
  }

  /** Stops scheduling and waits for a run in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    await this.running;
  }

  get idle(): boolean {
    return this.running === undefined && this.timer === undefined;
  }

  /** `reset`: a trigger postpones a pending debounce; a request never postpones an earlier run. */
  private schedule(delayMs: number, reset: boolean): void {
    const due = this.options.timers.now() + delayMs;
    if (this.dueAt !== undefined && !reset && this.dueAt <= due) return;
    this.clear();
    this.dueAt = due;
    this.timer = this.options.timers.setTimeout(() => this.start(), delayMs);
  }

  private clear(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = undefined;
  }

  private start(): void {
    this.timer = undefined;
    this.dueAt = undefined;
    this.dirty = false;
    this.pendingRequest = undefined;
    this.running = this.run().then(
      (r) => this.finish(r),
      (err: unknown) => this.finish({ kind: 'retry', error: err instanceof Error ? err.message : String(err) }),
    );
  }

  private finish(result: RunResult): void {
    this.running = undefined;
    if (this.stopped) return;
    if (result.kind === 'retry') {
      this.attempt++;
      const delay = Math.min(this.options.backoffMaxMs, this.options.backoffInitialMs * 2 ** (this.attempt - 1));
      this.options.onRetry?.(this.attempt, delay, result.error);
      this.schedule(delay, true);
      return;
    }
    this.attempt = 0;
    // The debounce counts from the last trigger, which may lie well before the end of a long run.
    if (this.dirty) this.schedule(Math.max(0, this.lastTriggerAt + this.options.debounceMs - this.options.timers.now()), true);
    else if (this.pendingRequest !== undefined) this.schedule(this.pendingRequest, false);
  }
}
