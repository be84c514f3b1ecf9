import type * as http from 'node:http';
import type { Span } from '@opentelemetry/api';
import type { Logger } from '../logging/logger';
import type { GatewayTraces } from '../stack-file/stack-spec';
import { outcomeOf, type AuditNotes } from './audit-trail';

/** The OpenTelemetry modules, loaded when a file asks for traces (never on a command's start). */
type Otel = typeof import('@opentelemetry/api') & { readonly core: typeof import('@opentelemetry/core') };

/** A client chooses names and ids: a span keeps a name's length of each. */
const MAX_NAME = 256;
/** A failed export is said at most this often (a collector that is down would say it per batch). */
const WARN_EVERY_MS = 60_000;

/** The trace context of a request forwarded upstream, as `_meta` and HTTP headers carry it. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/**
 * One MCP request's trace: its span (kind server), and a span (kind client) for what it forwards
 * to a server, whose context that server receives.
 */
export interface ExchangeTrace {
  /** Starts the span of the request forwarded to `server` (for its tool or prompt `name`); its context, for the request's `_meta`. */
  forwarding(server: string, method: string, name?: string): TraceContext;
  /** The forwarded request is answered (or failed). */
  forwarded(ok: boolean): void;
  /** The context of the request in flight upstream, for its HTTP headers. */
  readonly upstream?: TraceContext;
}

/**
 * gateway.traces: spans over OTLP/HTTP by the OpenTelemetry SDK, on a tracer provider of the
 * gateway's own (the process's global OpenTelemetry state is left alone). Spans follow the MCP
 * semantic conventions; what they carry is what the audit line carries, never what was said.
 */
export class RequestTraces {
  private readonly otel: Otel;
  private readonly provider: import('@opentelemetry/sdk-trace').TracerProvider;
  private readonly tracer: import('@opentelemetry/api').Tracer;
  private readonly propagator: import('@opentelemetry/core').W3CTraceContextPropagator;

  constructor(spec: GatewayTraces, version: string, logger: Logger) {
    const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
    const core = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
    const sdk = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
    const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    this.otel = { ...api, core };
    const exporter = new OTLPTraceExporter({ url: spec.endpoint, headers: { ...spec.headers }, timeoutMillis: 10_000 });
    let warned = -Infinity;
    // The exporter says nothing of a failed export (OpenTelemetry's diagnostics are off): said here,
    // by the collector's URL and the error's message only (the headers are credentials).
    const reporting: import('@opentelemetry/sdk-trace').SpanExporter = {
      export: (spans, done) =>
        exporter.export(spans, (result) => {
          if (result.code !== core.ExportResultCode.SUCCESS && performance.now() - warned >= WARN_EVERY_MS) {
            warned = performance.now();
            logger.warn('traces not exported', { endpoint: spec.endpoint, spans: spans.length, error: (result.error?.message ?? 'failed').slice(0, 200) });
          }
          done(result);
        }),
      shutdown: () => exporter.shutdown(),
      forceFlush: () => exporter.forceFlush(),
    };
    this.provider = new sdk.TracerProvider({
      resource: resourceFromAttributes({ 'service.name': spec.serviceName, 'service.version': version }),
      sampler: new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(spec.sampleRatio) }),
      spanProcessors: [new sdk.BatchSpanProcessor({ exporter: reporting, scheduledDelayMillis: 1000, maxQueueSize: 4096 })],
    });
    this.tracer = this.provider.getTracer('mcp-orchestrator', version);
    this.propagator = new core.W3CTraceContextPropagator();
  }

  /**
   * The trace of a JSON-RPC request (none for a notification or an answer): a child of the
   * client's trace context (in `_meta`, as MCP's conventions carry it, else the HTTP headers),
   * ended when the exchange is over, with what `notes` learnt by then.
   */
  begin(req: http.IncomingMessage, res: http.ServerResponse, body: unknown, notes: AuditNotes, startedAt: number): ExchangeTrace | undefined {
    const message = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { method?: unknown; id?: unknown; params?: Record<string, unknown> }) : undefined;
    if (typeof message?.method !== 'string' || message.id === undefined || message.id === null) return undefined;
    const { otel } = this;
    const params = message.params ?? {};
    const meta = typeof params['_meta'] === 'object' && params['_meta'] !== null ? (params['_meta'] as Record<string, unknown>) : {};
    const carrier = typeof meta['traceparent'] === 'string' ? meta : req.headers;
    const parent = this.propagator.extract(otel.ROOT_CONTEXT, carrier, otel.defaultTextMapGetter);
    const method = message.method.slice(0, MAX_NAME);
    const target = method === 'tools/call' || method === 'prompts/get' ? bounded(params['name']) : undefined;
    const uri = method.startsWith('resources/') ? bounded(params['uri']) : undefined;
    const sessionId = req.headers['mcp-session-id'];
    const protocolVersion = req.headers['mcp-protocol-version'];
    const span = this.tracer.startSpan(
      target !== undefined ? `${method} ${target}` : method,
      {
        kind: otel.SpanKind.SERVER,
        startTime: startedAt,
        attributes: {
          'mcp.method.name': method,
          'jsonrpc.request.id': String(message.id).slice(0, MAX_NAME),
          'jsonrpc.protocol.version': '2.0',
          'network.transport': 'tcp',
          'network.protocol.name': 'http',
          ...(typeof sessionId === 'string' && { 'mcp.session.id': sessionId.slice(0, MAX_NAME) }),
          ...(typeof protocolVersion === 'string' && { 'mcp.protocol.version': protocolVersion.slice(0, 32) }),
          ...(target !== undefined && (method === 'tools/call' ? { 'gen_ai.tool.name': target, 'gen_ai.operation.name': 'execute_tool' } : { 'gen_ai.prompt.name': target })),
          ...(uri !== undefined && { 'mcp.resource.uri': uri }),
        },
      },
      parent,
    );
    let child: { span: Span; context: TraceContext } | undefined;
    const endChild = (ok: boolean): void => {
      if (child === undefined) return;
      if (!ok) child.span.setStatus({ code: otel.SpanStatusCode.ERROR });
      child.span.end();
      child = undefined;
    };
    res.once('close', () => {
      endChild(notes.upstreamOk !== false);
      const outcome = outcomeOf(res.statusCode, notes);
      // Refused before any handler ran (the rules' pre-dispatch check): a decision all the same.
      const decision = notes.decision ?? (outcome === 'denied' ? { allowed: false } : undefined);
      span.setAttributes({
        'http.response.status_code': res.statusCode,
        'mcp_orchestrator.outcome': outcome,
        ...(notes.server !== undefined && { 'mcp_orchestrator.server': notes.server }),
        ...(notes.upstream !== undefined && { 'mcp_orchestrator.upstream.state': notes.upstream }),
        ...(decision !== undefined && { 'mcp_orchestrator.decision': decision.allowed ? 'allow' : 'deny' }),
        ...(decision?.rule !== undefined && { 'mcp_orchestrator.rule': decision.rule }),
      });
      if (outcome === 'error') span.setAttributes({ 'error.type': res.statusCode >= 400 ? String(res.statusCode) : 'upstream_error' }).setStatus({ code: otel.SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute('error.type', 'client_closed');
      span.end();
    });
    return {
      forwarding: (server, upstreamMethod, upstreamName) => {
        endChild(true);
        const parentContext = otel.trace.setSpan(otel.ROOT_CONTEXT, span);
        const named = bounded(upstreamName);
        const name = named !== undefined ? `${upstreamMethod} ${named}` : upstreamMethod;
        const s = this.tracer.startSpan(name, { kind: otel.SpanKind.CLIENT, attributes: { 'mcp.method.name': upstreamMethod, 'mcp_orchestrator.server': server } }, parentContext);
        const out: Record<string, string> = {};
        this.propagator.inject(otel.trace.setSpan(otel.ROOT_CONTEXT, s), out, otel.defaultTextMapSetter);
        const context: TraceContext = { traceparent: out['traceparent'] ?? '', ...(out['tracestate'] !== undefined && { tracestate: out['tracestate'] }) };
        child = { span: s, context };
        return context;
      },
      forwarded: endChild,
      get upstream() {
        return child?.context;
      },
    };
  }

  /** Sends what is still queued, then stops. */
  async close(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
  }
}

function bounded(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_NAME) : undefined;
}
