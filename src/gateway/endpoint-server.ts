import { randomBytes } from 'node:crypto';
import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, isInputRequiredResult, LOG_LEVEL_META_KEY, type ClientCapabilities, type ProtocolEra } from '@modelcontextprotocol/client';
import { createRequestStateCodec, ProtocolError, ProtocolErrorCode, Server, type JSONRPCMessage, type RequestId, type RequestStateCodec, type ServerContext, type StandardSchemaV1 } from '@modelcontextprotocol/server';
import { CONTROL_TOOLS } from '../control/control-tools';
import { CONTROL_NAMESPACE } from '../stack-file/stack-spec';
import type { Logger } from '../logging/logger';
import { InputFlows, type Leg } from './input-flows';
import type { ListItem, ListKind } from './list-cache';
import { DEFAULT_SEPARATOR, qualify, resourceOwners, ResourceSubscriptions, toolAllowed, unqualify, type ToolFilter } from './names';
import { isTimeout, UPSTREAM_DEADLINE_MS, UpstreamUnavailableError, type Caller, type Upstream } from './upstream';
import type { UpstreamClient } from '../mcp/upstream-client';
import { auditNotes, currentCaller } from './caller-context';
import type { CallerRules, Target } from './caller-rules';
import { checkedToolResult, errorAnswer, isLogLevel, logPasses, plainToolCall, type DirectCall, type LogLevel, type PlainToolCall } from './direct-call';

/** What an endpoint serves: every server (`aggregate`, names qualified) or one server (its own names). */
export type Endpoint = { readonly kind: 'aggregate' } | { readonly kind: 'server'; readonly server: string };

/** The gateway's upstreams and settings, as the endpoint servers read them at each request. */
export interface Routing {
  readonly upstreams: ReadonlyMap<string, Upstream>;
  readonly separator: string;
  readonly filters: ReadonlyMap<string, ToolFilter>;
  readonly subscriptions: ResourceSubscriptions;
  /** Requests whose server asked their client something, parked between the client's rounds. */
  readonly flows: InputFlows;
  /** Seals the `requestState` of a multi-round request: integrity-protected, bound to endpoint, method and session. */
  readonly states: RequestStateCodec<RoundState>;
  /** The orchestrator's own tools (gateway.control), on the aggregate endpoint only. */
  readonly control?: { call(tool: string, args: Record<string, unknown>, who: string): Promise<{ content: { type: 'text'; text: string }[]; isError?: boolean }> };
  /** Reported once per forwarded request: never its contents. */
  readonly onForwarded?: (record: { server: string; method: string; ok: boolean; ms: number }) => void;
  /** gateway.rules: what the caller of the request in hand may use (lists are filtered by it too). */
  rules?: CallerRules;
  /**
   * A per-client server's session for the client session `key` (undefined for a server shared by
   * all); `owner` is that client, for what the server asks outside any request.
   */
  perClient?: (server: string, key: string | undefined, owner: Caller) => Promise<Upstream> | undefined;
  /** A 2025-era client session ended: what was held for it goes. */
  sessionEnded?: (key: string) => void;
  /** Whether the server keeps a session per client or per user (perClient gives it): its calls take the SDK's path. Unsaid, with perClient set: yes. */
  ownSessions?: (server: string) => boolean;
}

/**
 * What the client echoes between the rounds of one request, sealed: a flow parked here (a 2025-era
 * server asked something), or a 2026-07-28 server's own state, opaque to the gateway.
 */
export type RoundState = { readonly kind: 'flow'; readonly id: string; readonly purpose: string } | { readonly kind: 'upstream'; readonly server: string; readonly purpose: string; readonly state: string };

/** A routing over these upstreams with nothing routed yet; forwards are logged by method, server, outcome and latency, never contents. */
export function newRouting(upstreams: ReadonlyMap<string, Upstream>, filters: ReadonlyMap<string, ToolFilter>, logger: Logger): { -readonly [K in keyof Routing]: Routing[K] } {
  return {
    upstreams,
    filters,
    subscriptions: new ResourceSubscriptions(),
    flows: new InputFlows(),
    // One key per gateway process: a round must come back to the process that sealed it (its flow is parked here).
    states: createRequestStateCodec<RoundState>({ key: randomBytes(32), bind: (ctx) => `${ctx.mcpReq.method}\0${ctx.sessionId ?? ''}` }),
    separator: DEFAULT_SEPARATOR,
    onForwarded: (r) => logger.debug('forwarded', { server: r.server, method: r.method, ok: r.ok, ms: r.ms }),
  };
}

type Params = Record<string, unknown> & { _meta?: Record<string, unknown> };

/** An endpoint's server, and the calls of a 2025-era session it answers without it (see `direct`). */
export interface EndpointServer {
  readonly server: Server;
  readonly direct: DirectCall;
}

/**
 * The MCP server a client talks to: a low-level SDK Server whose handlers forward to the
 * upstreams. One per 2025-era session, one per 2026-07-28 request (createMcpHandler's factory); all
 * state lives in the upstreams and the routing, so instances are cheap.
 */
export function endpointServer(endpoint: Endpoint, routing: Routing, version: string, perRequest = false): EndpointServer {
  const server = new Server(
    { name: endpoint.kind === 'aggregate' ? 'mcp-orchestrator' : `mcp-orchestrator/${endpoint.server}`, version },
    // logging: setLevel is per client; a server's log messages reach the one client whose request
    // is in flight there (they carry no request of their own; another client must not see them).
    {
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true, subscribe: true }, logging: {}, completions: {} },
      // A server may ask its client several things in one request; each question is a round.
      inputRequired: { maxRounds: 64 },
      requestState: { verify: (state, ctx) => routing.states.verify(state, ctx) },
    },
  );
  // A 2026-07-28 request is served by a per-request instance; a 2025-era session by one of its own.
  const clientEra: ProtocolEra = perRequest ? 'modern' : 'legacy';
  // The level a 2025-era client set, kept here rather than in the SDK's server: the direct path and
  // the server's messages outside any request filter by it as the SDK filters a request's messages.
  // A 2026-07-28 request carries its own level in its envelope, which the SDK reads.
  let logLevel: LogLevel | undefined;
  if (!perRequest) {
    server.setRequestHandler('logging/setLevel', async (request) => {
      if (isLogLevel(request.params.level)) logLevel = request.params.level;
      return {};
    });
  }
  const logs = (level: string): boolean => perRequest || logPasses(level, logLevel);
  const servers = (): string[] => (endpoint.kind === 'aggregate' ? [...routing.upstreams.keys()].sort() : [endpoint.server]);
  const outward = (s: string, name: string): string => (endpoint.kind === 'aggregate' ? qualify(s, name, routing.separator) : name);
  const inward = (name: string): { server: string; name: string } => {
    if (endpoint.kind === 'server') return { server: endpoint.server, name };
    const found = unqualify(name, routing.upstreams.keys(), routing.separator);
    if (found === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown name "${name}": names here are <server>${routing.separator}<name>`);
    return found;
  };
  const controlPrefix = (): string => `${CONTROL_NAMESPACE}${routing.separator}`;
  /** The orchestrator's own tools are named on the aggregate endpoint only. */
  const isControl = (name: string): boolean => endpoint.kind === 'aggregate' && routing.control !== undefined && name.startsWith(controlPrefix());
  const upstreamOf = (s: string): Upstream => {
    const upstream = routing.upstreams.get(s);
    if (upstream === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server "${s}" in this stack`);
    return upstream;
  };

  /** This session's client, for a per-client server's requests outside any request of its own (roots as it starts). */
  const owner: Caller = {
    get capabilities() {
      return server.getClientCapabilities();
    },
    get info() {
      return server.getClientVersion();
    },
    ask: async (request) => {
      if (request.method === 'roots/list') return server.listRoots(request.params);
      return NO_CALLER.ask(request);
    },
    log: (m) => {
      if (logs(m.level)) void server.sendLoggingMessage(m as Parameters<Server['sendLoggingMessage']>[0]).catch(() => undefined);
    },
  };

  /** Calls `fn` on the server's upstream session (this client's own, for a per-client server: `ctx` names it); reports it without contents; maps a lost session to a clear error. */
  const forward = async <T>(s: string, method: string, fn: (client: UpstreamClient) => Promise<T>, caller: Caller = NO_CALLER, signal?: AbortSignal, ctx?: ServerContext): Promise<T> => {
    let upstream = upstreamOf(s);
    const started = performance.now();
    let ok = false;
    try {
      const own = ctx !== undefined ? routing.perClient?.(s, perRequest ? undefined : ctx.sessionId, owner) : undefined;
      if (own !== undefined) upstream = await own;
      const client = upstream.use(clientEra);
      // Every request counts as in flight: the server's requests and log messages during it can
      // then go to no one rather than to a client it was not for.
      const result = await upstream.track(caller, () => fn(client), signal);
      ok = true;
      return result;
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) throw new ProtocolError(ProtocolErrorCode.InternalError, err.message);
      if (isTimeout(err)) upstream.missedDeadline(method);
      const state = upstream.status.state;
      if ((state !== 'up' && state !== 'degraded') || /connection closed/i.test(err instanceof Error ? err.message : '')) {
        throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${s} restarted while this request ran; call it again`);
      }
      // The server's own error (its code and data: a missing resource's uri, a missing capability) passes through.
      throw err;
    } finally {
      routing.onForwarded?.({ server: s, method, ok, ms: Math.round(performance.now() - started) });
      const notes = auditNotes();
      notes.trace?.forwarded(ok);
      notes.server = s;
      notes.upstreamOk = ok;
      notes.upstream = upstream.status.state;
    }
  };

  /** What the client declared, and who it is: from its session (2025 era) or its request's envelope (2026-07-28). */
  const clientOf = (ctx: ServerContext | undefined): { capabilities?: ClientCapabilities; info?: unknown; logLevel?: unknown } => {
    if (perRequest && ctx !== undefined) {
      const envelope = (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
      return {
        capabilities: (envelope[CLIENT_CAPABILITIES_META_KEY] ?? {}) as ClientCapabilities,
        info: envelope[CLIENT_INFO_META_KEY],
        logLevel: envelope[LOG_LEVEL_META_KEY],
      };
    }
    // A 2025-era client receives what the level it set lets through (the SDK filters per session).
    return { capabilities: server.getClientCapabilities() ?? {}, info: server.getClientVersion(), logLevel: 'debug' };
  };

  /**
   * The `_meta` a request carries upstream: the client's own keys (a trace context, a vendor's),
   * and for a 2026-07-28 server the client's envelope, so the server sees that client's
   * capabilities, not the gateway's. The progress token is the SDK's own for the upstream request.
   */
  const metaFor = (params: Params, ctx: ServerContext | undefined, s: string, method: string): Record<string, unknown> => {
    const upstream = upstreamOf(s);
    const trace = auditNotes().trace;
    // Traced here, the server's spans are children of the gateway's span for this request, not of the client's.
    const own = Object.fromEntries(Object.entries(params._meta ?? {}).filter(([k]) => k !== 'progressToken' && !k.startsWith(RESERVED_META) && (trace === undefined || !TRACE_KEYS.has(k))));
    if (trace !== undefined) Object.assign(own, trace.forwarding(s, method, typeof params['name'] === 'string' ? params['name'] : undefined));
    if (upstream.eraFor(clientEra) !== 'modern') return own;
    const who = clientOf(ctx);
    return {
      ...own,
      [CLIENT_CAPABILITIES_META_KEY]: who.capabilities ?? {},
      ...(who.info !== undefined && { [CLIENT_INFO_META_KEY]: who.info }),
      ...(typeof who.logLevel === 'string' && { [LOG_LEVEL_META_KEY]: who.logLevel }),
    };
  };

  /**
   * A request the server may answer only after asking its client something. A 2026-07-28 server
   * says so itself (an `input_required` result): it goes to the client as it is, its state sealed
   * and bound to this request. A 2025-era server sends requests instead: they are turned into
   * rounds here (see InputFlows). The SDK turns rounds into real requests for 2025-era clients, so
   * one code path serves every pairing of eras.
   */
  const interactive = async (s: string, method: string, purpose: string, params: Params, ctx: ServerContext): Promise<unknown> => {
    const upstream = upstreamOf(s);
    const leg = legOf(params, ctx, clientOf(ctx).capabilities, logs);
    const echoed = ctx.mcpReq.requestState<RoundState>();
    if (echoed !== undefined && (typeof echoed !== 'object' || echoed.purpose !== purpose || (echoed.kind === 'upstream' && echoed.server !== s))) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'this requestState belongs to another request; send the request again without requestState');
    }
    const request = { ...withoutMeta(params), _meta: metaFor(params, ctx, s, method) };
    try {
      if (upstream.eraFor(clientEra) === 'modern') {
        if (echoed?.kind === 'flow') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `server ${s} restarted between the rounds of this request; send it again without requestState`);
        const responses = ctx.mcpReq.inputResponses;
        const sent = { ...request, ...(responses !== undefined && { inputResponses: responses }), ...(echoed !== undefined && { requestState: echoed.state }) };
        const result = await forward(s, method, (c) => c.request({ method: method as 'tools/call', params: sent }, FORWARDED, { signal: ctx.mcpReq.signal, onprogress: leg.progress, resetTimeoutOnProgress: true, timeout: UPSTREAM_TIMEOUT_MS, allowInputRequired: true }), leg, ctx.mcpReq.signal, ctx);
        if (!isInputRequiredResult(result) || result.requestState === undefined) return result;
        return { ...result, requestState: await routing.states.mint({ kind: 'upstream', server: s, purpose, state: result.requestState }, ctx) };
      }
      if (echoed?.kind === 'upstream') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `server ${s} restarted between the rounds of this request; send it again without requestState`);
      const round = await routing.flows.round(purpose, echoed?.id, ctx.mcpReq.inputResponses, leg, (flow) =>
        forward(s, method, (c) => c.request({ method: method as 'tools/call', params: request }, FORWARDED, { signal: flow.signal, onprogress: flow.progress, resetTimeoutOnProgress: true, timeout: UPSTREAM_TIMEOUT_MS }), flow.caller, flow.signal, ctx),
      );
      if (!isInputRequiredResult(round) || round.requestState === undefined) return round;
      return { ...round, requestState: await routing.states.mint({ kind: 'flow', id: round.requestState, purpose }, ctx) };
    } finally {
      // The answer closes the client's stream: what the server sent before it goes out first.
      await leg.flushed();
    }
  };

  /** A list as the servers' kept lists say (never a request upstream): on /mcp only servers that are up. */
  const listed = (kind: ListKind): { server: string; items: readonly ListItem[] }[] =>
    servers()
      .map((s) => ({ s, upstream: routing.upstreams.get(s) }))
      .filter(({ upstream }) => upstream !== undefined && (endpoint.kind === 'server' || upstream.status.state === 'up'))
      .map(({ s, upstream }) => ({ server: s, items: upstream?.list(kind, clientEra) ?? [] }));

  /** Whether the caller of the request in hand may use it (no rules: anyone may). */
  const permitted = (kind: Target['kind'], s: string, name: string): boolean => routing.rules === undefined || routing.rules.decide(currentCaller(), { kind, server: s, name }).allowed;
  const mayUse = (kind: Target['kind'], s: string, name: string): void => {
    if (routing.rules === undefined) return;
    const decision = routing.rules.decide(currentCaller(), { kind, server: s, name });
    const notes = auditNotes();
    notes.server = s;
    notes.decision = { allowed: decision.allowed, ...(decision.rule !== undefined && { rule: decision.rule }) };
    if (!decision.allowed) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${kind} "${name}" is not allowed to this caller by gateway.rules`);
  };
  /** A call of `name` on server `s` (asked for as `asked`): exposed by the gateway and allowed to this caller. */
  const mayCall = (s: string, name: string, asked: string): void => {
    if (!toolAllowed(name, routing.filters.get(s))) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `tool "${asked}" is not exposed by the gateway`);
    mayUse('tool', s, qualify(s, name, routing.separator));
  };
  const KIND_OF: Partial<Record<ListKind, Target['kind']>> = { tools: 'tool', prompts: 'prompt', resources: 'resource', resourceTemplates: 'resource' };
  const renamed = (kind: ListKind, keep: (s: string, item: ListItem) => boolean = () => true): ListItem[] =>
    listed(kind).flatMap(({ server: s, items }) =>
      items
        .filter((item) => keep(s, item))
        .filter((item) => {
          const k = KIND_OF[kind] ?? 'tool';
          // Rules name tools and prompts as the aggregate does, resources by URI (a template by its pattern).
          return permitted(k, s, k === 'resource' ? String(item['uri'] ?? item['uriTemplate'] ?? '') : qualify(s, item.name, routing.separator));
        })
        .map((item) => ({ ...item, name: outward(s, item.name) })),
    );

  server.setRequestHandler('tools/list', async () => {
    const own =
      endpoint.kind === 'aggregate' && routing.control !== undefined
        ? CONTROL_TOOLS.map((t) => ({ ...t, name: qualify(CONTROL_NAMESPACE, t.name, routing.separator) })).filter((t) => permitted('tool', CONTROL_NAMESPACE, t.name))
        : [];
    return { tools: [...renamed('tools', (s, t) => toolAllowed(t.name, routing.filters.get(s))), ...own] } as never;
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    if (isControl(request.params.name) && routing.control !== undefined) {
      mayUse('tool', CONTROL_NAMESPACE, request.params.name);
      const who = server.getClientVersion()?.name ?? clientNameOf(ctx) ?? 'a client that gave no name';
      return routing.control.call(request.params.name.slice(controlPrefix().length), request.params.arguments ?? {}, who);
    }
    const { server: s, name } = inward(request.params.name);
    mayCall(s, name, request.params.name);
    return interactive(s, 'tools/call', `tools/call ${request.params.name}`, { ...(request.params as Params), name }, ctx) as never;
  });

  server.setRequestHandler('prompts/list', async () => ({ prompts: renamed('prompts') }) as never);

  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const { server: s, name } = inward(request.params.name);
    mayUse('prompt', s, qualify(s, name, routing.separator));
    return interactive(s, 'prompts/get', `prompts/get ${request.params.name}`, { ...(request.params as Params), name }, ctx) as never;
  });

  server.setRequestHandler('resources/list', async () => ({ resources: renamed('resources') }) as never);
  server.setRequestHandler('resources/templates/list', async () => ({ resourceTemplates: renamed('resourceTemplates') }) as never);

  const ownerOf = (uri: string): string => {
    if (endpoint.kind === 'server') return endpoint.server;
    const owners = ownersOfResource(routing, uri, clientEra);
    if (owners.length === 1) return owners[0] as string;
    if (owners.length === 0) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server of this stack lists the resource ${uri}`, { uri });
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `servers ${owners.join(' and ')} both list the resource ${uri}; use /servers/<server>/mcp to say which`, { uri });
  };

  server.setRequestHandler('resources/read', async (request, ctx) => {
    const uri = request.params.uri;
    const owner = ownerOf(uri);
    mayUse('resource', owner, uri);
    return interactive(owner, 'resources/read', `resources/read ${uri}`, request.params as Params, ctx) as never;
  });

  server.setRequestHandler('completion/complete', async (request, ctx) => {
    const params = request.params as Params & typeof request.params;
    const ref = params.ref;
    const target = ref.type === 'ref/prompt' ? inward(ref.name) : { server: ownerOf(ref.uri), name: undefined };
    if (ref.type === 'ref/prompt') mayUse('prompt', target.server, qualify(target.server, target.name ?? '', routing.separator));
    else mayUse('resource', target.server, ref.uri);
    const upstreamRef = ref.type === 'ref/prompt' ? { ...ref, name: target.name } : ref;
    const sent = { ...withoutMeta(params), ref: upstreamRef, _meta: metaFor(params, ctx, target.server, 'completion/complete') };
    return forward(target.server, 'completion/complete', (c) => c.request({ method: 'completion/complete', params: sent }, FORWARDED, { signal: ctx.mcpReq.signal, timeout: UPSTREAM_DEADLINE_MS }), NO_CALLER, undefined, ctx) as never;
  });

  // One upstream subscription per URI, however many clients subscribe; updates go to those clients only.
  server.setRequestHandler('resources/subscribe', async (request) => {
    // A per-request instance is gone after its answer: 2026-07-28 clients listen with subscriptions/listen.
    if (perRequest) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, 'resources/subscribe needs a session; use subscriptions/listen');
    const uri = request.params.uri;
    const s = ownerOf(uri);
    mayUse('resource', s, uri);
    if (routing.subscriptions.add(s, uri, server)) await forward(s, 'resources/subscribe', () => upstreamOf(s).subscribe(uri));
    return {};
  });

  server.setRequestHandler('resources/unsubscribe', async (request) => {
    const uri = request.params.uri;
    const s = ownerOf(uri);
    if (routing.subscriptions.remove(s, uri, server)) await forward(s, 'resources/unsubscribe', () => upstreamOf(s).unsubscribe(uri));
    return {};
  });

  // Where sessions per client exist and nothing says which servers keep them, every server is taken to.
  const ownSessions = (s: string): boolean => routing.perClient !== undefined && routing.ownSessions?.(s) !== false;

  /**
   * What the server sends during a direct call: its questions go to this client on the request's
   * own stream, as the server would ask it directly; its log messages too, at the level the client
   * set. Written in the order the server sent them; `flushed` says when the last has been.
   */
  const directLeg = (id: RequestId, signal: AbortSignal): Caller & { flushed(): Promise<void> } => {
    let sent: Promise<unknown> | undefined;
    return {
      capabilities: server.getClientCapabilities() ?? {},
      ask: (question) => server.request(question as Parameters<Server['request']>[0], FORWARDED, { relatedRequestId: id, signal, timeout: UPSTREAM_TIMEOUT_MS }),
      log: (m) => {
        if (!logs(m.level)) return;
        const write = (): Promise<void> => server.notification({ method: 'notifications/message', params: m } as Parameters<Server['notification']>[0], { relatedRequestId: id });
        sent = (sent ?? Promise.resolve()).then(write).catch(() => undefined);
      },
      flushed: async () => void (await sent),
    };
  };

  const directToolCall = async (id: RequestId, params: PlainToolCall, s: string, name: string, signal: AbortSignal): Promise<JSONRPCMessage | undefined> => {
    try {
      mayCall(s, name, params.name);
      const request = { ...withoutMeta(params as unknown as Params), name, _meta: metaFor(params as unknown as Params, undefined, s, 'tools/call') };
      const leg = directLeg(id, signal);
      const result = await forward(s, 'tools/call', (c) => c.request({ method: 'tools/call', params: request }, FORWARDED, { signal, timeout: UPSTREAM_TIMEOUT_MS }), leg, signal);
      await leg.flushed();
      return signal.aborted ? undefined : ({ jsonrpc: '2.0', id, result: checkedToolResult(result) } as JSONRPCMessage);
    } catch (err) {
      // A cancelled request is not answered (nor is it by the SDK's server).
      return signal.aborted ? undefined : errorAnswer(id, err);
    }
  };

  /**
   * A plain `tools/call` of this 2025-era session, forwarded without the SDK's server: parsed once
   * (by the session's transport), routed by name, held to the filters and rules, sent on the
   * server's session (whose SDK client gives it an id of its own, cancels it upstream and carries
   * the server's questions back), and its result checked once and sent as the server gave it.
   * Declined (undefined, before anything is done) for what needs the SDK's server: a progress
   * token, a task, the orchestrator's own tools, a 2026-07-28 server or one with sessions per
   * client, a name that does not resolve (the SDK's server says why).
   */
  const direct: DirectCall = (request, signal) => {
    if (perRequest || request.method !== 'tools/call') return undefined;
    const params = plainToolCall(request.params);
    if (params === undefined || isControl(params.name)) return undefined;
    const target = endpoint.kind === 'server' ? { server: endpoint.server, name: params.name } : unqualify(params.name, routing.upstreams.keys(), routing.separator);
    if (target === undefined || routing.upstreams.get(target.server)?.eraFor('legacy') !== 'legacy' || ownSessions(target.server)) return undefined;
    return directToolCall(request.id, params, target.server, target.name, signal);
  };

  return { server, direct };
}

/** The servers whose lists (as a client of `clientEra` sees them) hold or match `uri`. */
export function ownersOfResource(routing: Routing, uri: string, clientEra: ProtocolEra): string[] {
  return resourceOwners(
    uri,
    [...routing.upstreams].map(([s, u]) => [s, { resources: u.list('resources', clientEra), templates: u.list('resourceTemplates', clientEra) }] as const),
  );
}

/** W3C trace context, as MCP's OpenTelemetry conventions carry it in `_meta`. */
const TRACE_KEYS = new Set(['traceparent', 'tracestate']);

/** The protocol's own `_meta` keys: the envelope is rebuilt for each upstream, never copied. */
const RESERVED_META = 'io.modelcontextprotocol/';

function withoutMeta(params: Params): Params {
  const { _meta: _ignored, ...rest } = params;
  return rest;
}

/** A 2026-07-28 request names its client in its own envelope (there is no initialize). */
function clientNameOf(ctx: ServerContext): string | undefined {
  const envelope = (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
  const info = Object.entries(envelope).find(([k]) => k.endsWith('clientInfo'))?.[1] as { name?: unknown } | undefined;
  return typeof info?.name === 'string' ? info.name : undefined;
}

/** A request that cannot carry anything of the server's back (lists, subscriptions). */
const NO_CALLER: Caller = {
  ask: async (request) => {
    throw new ProtocolError(ProtocolErrorCode.InvalidRequest, `the gateway cannot carry ${request.method} to a client during this request`);
  },
  log: () => undefined,
};

/**
 * A forwarded request's result as the server sent it (decoded for its era): it is validated once,
 * by the endpoint's own server on its way to the client, not also here (the SDK would validate it
 * against the same schema, and first probe the schema with nothing, on every request).
 */
const FORWARDED: StandardSchemaV1<unknown, Record<string, unknown>> = {
  '~standard': { version: 1, vendor: 'mcp-orchestrator', validate: (value) => ({ value: value as Record<string, unknown> }) },
};

/** An upstream request may run long (a tool reporting progress resets it). */
const UPSTREAM_TIMEOUT_MS = 10 * 60_000;

/**
 * What this round of the client's request carries: progress of the upstream request under the
 * token the client chose (the SDK gave the upstream request a token of its own), the server's log
 * messages (at the level the client set), and the client's cancellation. Notifications leave in
 * the order the server sent them, and `flushed` says when the last has been written.
 */
function legOf(params: Params, ctx: ServerContext, capabilities: ClientCapabilities | undefined, logs: (level: string) => boolean): Leg & Caller & { flushed(): Promise<void> } {
  const token = params._meta?.['progressToken'];
  let sent: Promise<void> = Promise.resolve();
  const send = (write: () => Promise<void>): void => {
    sent = sent.then(write).catch(() => undefined);
  };
  return {
    signal: ctx.mcpReq.signal,
    ...(capabilities !== undefined && { capabilities }),
    progress: (p) => {
      if (typeof token === 'string' || typeof token === 'number') send(() => ctx.mcpReq.notify({ method: 'notifications/progress', params: { ...p, progressToken: token } }));
    },
    log: (m) => {
      if (logs(m.level)) send(() => ctx.mcpReq.log(m.level as Parameters<ServerContext['mcpReq']['log']>[0], m.data, m.logger));
    },
    // A 2026-07-28 server asks in its result, never in a request of its own.
    ask: NO_CALLER.ask,
    flushed: () => sent,
  };
}
