import type * as http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuditEntry } from './audit-trail';

/** What the metrics read from the gateway when scraped. */
export interface MetricsSources {
  /** Open 2025-era sessions (2026-07-28 requests have none). */
  readonly legacySessions: () => number;
  readonly upstreams: () => readonly { readonly server: string; readonly state: string }[];
}

const STATES = ['starting', 'up', 'degraded', 'down'] as const;

/**
 * `/metrics` in the Prometheus text format (prom-client, on a registry of its own): requests by
 * server, method, tool and outcome, their latency, sessions by era, each server's state, and the
 * process's own. Fed by the same record of each exchange as the audit trail: nothing of what was
 * said. A label's values are bounded: tools and prompts are the stack's, a resource's URI is left
 * out.
 */
export class GatewayMetrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'mcpo_gateway_requests_total', help: 'MCP requests through the gateway', labelNames: ['server', 'method', 'tool', 'outcome'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'mcpo_gateway_request_duration_seconds',
    help: 'Time from a request to its answer, through the gateway',
    labelNames: ['server', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly reconciles = new Counter({ name: 'mcpo_reconciles_total', help: "serve's reconciles of the engine to the stack file", labelNames: ['outcome'] as const, registers: [this.registry] });
  private readonly reconcileTime = new Histogram({ name: 'mcpo_reconcile_duration_seconds', help: 'How long a reconcile took', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [this.registry] });
  private readonly rollouts = new Counter({ name: 'mcpo_rollouts_total', help: 'Servers recreated by a reconcile (each behind its readiness check)', registers: [this.registry] });
  private readonly rollbacks = new Counter({ name: 'mcpo_rollbacks_total', help: 'Rollouts rolled back (the replacement was not ready)', registers: [this.registry] });

  /** Methods and tool names are the clients' to choose: a bounded number of label values each, the rest `other`. */
  private readonly methods = new BoundedLabel(200);
  private readonly tools = new BoundedLabel(2000);

  constructor(sources: MetricsSources) {
    new Gauge({
      name: 'mcpo_gateway_sessions',
      help: 'Open client sessions by protocol era (2026-07-28 is sessionless)',
      labelNames: ['era'] as const,
      registers: [this.registry],
      collect() {
        this.set({ era: '2025' }, sources.legacySessions());
      },
    });
    new Gauge({
      name: 'mcpo_gateway_upstream_state',
      help: "Each server's state through the gateway: 1 for the state it is in",
      labelNames: ['server', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const u of sources.upstreams()) for (const state of STATES) this.set({ server: u.server, state }, u.state === state ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'mcpo_gateway_process_' });
  }

  /** The scrape's answer. */
  async answer(res: http.ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': this.registry.contentType }).end(await this.registry.metrics());
  }

  reconciled(summary: { durationMs: number; rollouts: number; rollbacks: number; failed: number }): void {
    this.reconciles.inc({ outcome: summary.failed > 0 ? 'failed' : 'ok' });
    this.reconcileTime.observe(summary.durationMs / 1000);
    this.rollouts.inc(summary.rollouts);
    this.rollbacks.inc(summary.rollbacks);
  }

  observe(entry: AuditEntry): void {
    const server = entry.server ?? '';
    const method = this.methods.label(entry.method);
    const tool = entry.method === 'tools/call' || entry.method === 'prompts/get' ? this.tools.label(entry.name ?? '') : '';
    this.requests.inc({ server, method, tool, outcome: entry.outcome });
    this.latency.observe({ server, method }, entry.ms / 1000);
  }

}

/** Label values as they come, up to `max` distinct ones; any further one is `other` (each is a series held for good). */
class BoundedLabel {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.known.has(value)) return value;
    if (this.known.size >= this.max) return 'other';
    this.known.add(value);
    return value;
  }
}
