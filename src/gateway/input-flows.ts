import { randomUUID } from 'node:crypto';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import type { Caller } from './upstream';

/** A parked flow the client does not come back for is given up after this long (the SDK's round timeout). */
export const FLOW_IDLE_MS = 10 * 60_000;
/** Flows parked at once, waiting for their clients' answers; beyond it a server's request is refused. */
export const MAX_PARKED_FLOWS = 1000;

/** What the client's current round can carry while the flow runs: progress and log messages, and its cancellation. */
export interface Leg {
  readonly signal: AbortSignal;
  /** What the client declared it can answer. */
  readonly capabilities?: ClientCapabilities;
  progress(p: { progress: number; total?: number; message?: string }): void;
  log(params: { level: string; data?: unknown; logger?: string }): void;
}

/** A round's answer: the upstream result, or the server's requests the client must answer first. */
export type Round<T> = T | { resultType: 'input_required'; inputRequests: Record<string, { method: string; params?: Record<string, unknown> }>; requestState: string };

interface Asked {
  readonly request: { method: string; params?: Record<string, unknown> };
  readonly resolve: (result: unknown) => void;
  readonly reject: (err: Error) => void;
}

/**
 * One client request (tools/call, prompts/get, resources/read) forwarded upstream, whose server
 * may ask the client something (sampling, elicitation) before it answers. The protocol's own
 * shape for that is the multi-round-trip `input_required` result: the flow answers the client's
 * round with the server's questions and parks; the client's next round carries the answers, which
 * go upstream, and waits for what the server does next. 2026-07-28 clients do the rounds
 * themselves; on 2025-era sessions the SDK's legacy shim turns each into a server-to-client
 * request, so one code path serves both eras.
 */
class Flow<T> {
  readonly id = randomUUID();
  readonly abort = new AbortController();
  private leg: Leg | undefined;
  private readonly asked = new Map<string, Asked>();
  private asks = 0;
  private outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly purpose: string,
    private readonly parkedCount: () => number,
    private readonly forget: () => void,
    capabilities: ClientCapabilities | undefined,
  ) {
    if (capabilities !== undefined) this.caller = { ...this.caller, capabilities };
  }

  /** The upstream request's side: its progress and log messages reach the current round; its questions park the flow. */
  readonly caller: Caller = {
    ask: (request) => {
      // This question would park the flow: refused when too many wait already.
      if (this.leg !== undefined && this.asked.size === 0 && this.parkedCount() >= MAX_PARKED_FLOWS) {
        return Promise.reject(new ProtocolError(ProtocolErrorCode.InternalError, `the gateway holds ${MAX_PARKED_FLOWS} requests waiting for their clients; try again later`));
      }
      return new Promise((resolve, reject) => {
        this.asked.set(`input-${++this.asks}`, { request, resolve, reject });
        this.wake?.();
      });
    },
    log: (params) => this.leg?.log(params),
  };

  progress(p: { progress: number; total?: number; message?: string }): void {
    this.leg?.progress(p);
  }

  private start(run: (flow: Flow<T>) => Promise<T>): void {
    run(this).then(
      (value) => this.settle({ ok: true, value }),
      (error: unknown) => this.settle({ ok: false, error }),
    );
  }

  /** The client's answers to the questions it was sent; a question left unanswered is asked again. */
  answer(responses: Record<string, unknown> | undefined): void {
    for (const [key, response] of Object.entries(responses ?? {})) {
      const asked = this.asked.get(key);
      if (asked === undefined) continue;
      this.asked.delete(key);
      asked.resolve(response);
    }
  }

  /**
   * Runs one round for `leg` (the first one starts `run`): resolves with the result or the
   * questions to ask, or rejects with the upstream error.
   */
  async round(leg: Leg, park: () => void, run?: (flow: Flow<T>) => Promise<T>): Promise<Round<T>> {
    clearTimeout(this.idle);
    this.leg = leg;
    if (run !== undefined) this.start(run);
    const onAbort = (): void => this.cancel('the client cancelled the request');
    leg.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (this.outcome !== undefined) {
          if (this.outcome.ok) return this.outcome.value;
          throw this.outcome.error;
        }
        if (this.asked.size > 0) {
          park();
          this.idle = setTimeout(() => this.cancel('its client did not answer the server\'s request in time'), FLOW_IDLE_MS);
          this.idle.unref();
          const inputRequests = Object.fromEntries([...this.asked].map(([key, a]) => [key, a.request]));
          return { resultType: 'input_required', inputRequests, requestState: this.id };
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      leg.signal.removeEventListener('abort', onAbort);
      this.leg = undefined;
    }
  }

  /** Ends the flow: the upstream request is cancelled and the server's open questions refused. */
  cancel(why: string): void {
    clearTimeout(this.idle);
    this.forget();
    this.abort.abort(new Error(why));
    for (const a of this.asked.values()) a.reject(new ProtocolError(ProtocolErrorCode.InternalError, why));
    this.asked.clear();
    this.settle({ ok: false, error: new ProtocolError(ProtocolErrorCode.InternalError, `request ended: ${why}`) });
  }

  private settle(outcome: NonNullable<Flow<T>['outcome']>): void {
    this.outcome ??= outcome;
    this.wake?.();
  }
}

/**
 * The flows parked between their clients' rounds, by the opaque `requestState` the client echoes.
 * The id is a random UUID: knowing it is what lets a round continue a flow, and a flow also
 * answers only the same request (`purpose`: method and name) it began with.
 */
export class InputFlows {
  private readonly parked = new Map<string, Flow<unknown>>();

  /** A new flow for `purpose` running `run`, or the parked flow `state` names, given the client's answers. */
  async round<T>(purpose: string, state: unknown, responses: Record<string, unknown> | undefined, leg: Leg, run: (flow: { caller: Caller; signal: AbortSignal; progress: Leg['progress'] }) => Promise<T>): Promise<Round<T>> {
    const park = (flow: Flow<T>) => (): void => void this.parked.set(flow.id, flow as Flow<unknown>);
    if (typeof state === 'string') {
      const found = this.parked.get(state);
      if (found === undefined || found.purpose !== purpose) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'unknown or expired requestState: the request ended; send it again without requestState');
      }
      this.parked.delete(state);
      const flow = found as Flow<T>;
      flow.answer(responses);
      return flow.round(leg, park(flow));
    }
    const flow: Flow<T> = new Flow<T>(purpose, () => this.parked.size, () => this.parked.delete(flow.id), leg.capabilities);
    return flow.round(leg, park(flow), (f) => run({ caller: f.caller, signal: f.abort.signal, progress: (p) => f.progress(p) }));
  }

  get parkedCount(): number {
    return this.parked.size;
  }

  close(): void {
    for (const flow of this.parked.values()) flow.cancel('the gateway stopped');
    this.parked.clear();
  }
}
