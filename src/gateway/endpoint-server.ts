import type { Client } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode, Server, type ServerContext } from '@modelcontextprotocol/server';
import { CONTROL_TOOLS } from '../control/control-tools';
import { CONTROL_NAMESPACE } from '../stack-file/stack-spec';
import type { Logger } from '../logging/logger';
import { InputFlows, type Leg, type Round } from './input-flows';
import { DEFAULT_SEPARATOR, qualify, ResourceOwners, ResourceSubscriptions, toolAllowed, unqualify, type ToolFilter } from './names';
import { UpstreamUnavailableError, type Caller, type Upstream } from './upstream';

/** What an endpoint serves: every server (`aggregate`, names qualified) or one server (its own names). */
export type Endpoint = { readonly kind: 'aggregate' } | { readonly kind: 'server'; readonly server: string };

/** The gateway's upstreams and settings, as the endpoint servers read them at each request. */
export interface Routing {
  readonly upstreams: ReadonlyMap<string, Upstream>;
  readonly separator: string;
  readonly filters: ReadonlyMap<string, ToolFilter>;
  readonly resources: ResourceOwners;
  readonly subscriptions: ResourceSubscriptions;
  /** Requests whose server asked their client something, parked between the client's rounds. */
  readonly flows: InputFlows;
  /** The orchestrator's own tools (gateway.control), on the aggregate endpoint only. */
  readonly control?: { call(tool: string, args: Record<string, unknown>, who: string): Promise<{ content: { type: 'text'; text: string }[]; isError?: boolean }> };
  /** Reported once per forwarded request: never its contents. */
  readonly onForwarded?: (record: { server: string; method: string; ok: boolean; ms: number }) => void;
}

/** A routing over these upstreams with nothing routed yet; forwards are logged by method, server, outcome and latency, never contents. */
export function newRouting(upstreams: ReadonlyMap<string, Upstream>, filters: ReadonlyMap<string, ToolFilter>, logger: Logger): { -readonly [K in keyof Routing]: Routing[K] } {
  return {
    upstreams,
    filters,
    resources: new ResourceOwners(),
    subscriptions: new ResourceSubscriptions(),
    flows: new InputFlows(),
    separator: DEFAULT_SEPARATOR,
    onForwarded: (r) => logger.debug('forwarded', { server: r.server, method: r.method, ok: r.ok, ms: r.ms }),
  };
}

type Params = Record<string, unknown> & { _meta?: Record<string, unknown> };

/**
 * The MCP server a client talks to: a low-level SDK Server whose handlers forward to the
 * upstreams. One per 2025-era session, one per 2026-07-28 request (createMcpHandler's factory); all
 * state lives in the upstreams and the routing, so instances are cheap.
 */
export function endpointServer(endpoint: Endpoint, routing: Routing, version: string, perRequest = false): Server {
  const server = new Server(
    { name: endpoint.kind === 'aggregate' ? 'mcp-orchestrator' : `mcp-orchestrator/${endpoint.server}`, version },
    // logging: setLevel is per client; a server's log messages reach the one client whose request
    // is in flight there (they carry no request of their own; another client must not see them).
    {
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true, subscribe: true }, logging: {} },
      // A server may ask its client several things in one request; each question is a round.
      inputRequired: { maxRounds: 64 },
    },
  );
  const servers = (): string[] => (endpoint.kind === 'aggregate' ? [...routing.upstreams.keys()].sort() : [endpoint.server]);
  const outward = (s: string, name: string): string => (endpoint.kind === 'aggregate' ? qualify(s, name, routing.separator) : name);
  const inward = (name: string): { server: string; name: string } => {
    if (endpoint.kind === 'server') return { server: endpoint.server, name };
    const found = unqualify(name, routing.upstreams.keys(), routing.separator);
    if (found === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown name "${name}": names here are <server>${routing.separator}<name>`);
    return found;
  };

  /** Calls `fn` on the server's upstream session; reports it without contents; maps a lost session to a clear error. */
  const forward = async <T>(s: string, method: string, fn: (client: Client) => Promise<T>, caller?: Caller): Promise<T> => {
    const upstream = routing.upstreams.get(s);
    if (upstream === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server "${s}" in this stack`);
    const started = performance.now();
    let ok = false;
    try {
      const client = upstream.use();
      // Every request counts as in flight: the server's requests and log messages during it can
      // then go to no one rather than to a client it was not for.
      const result = await upstream.track(caller ?? NO_CALLER, () => fn(client));
      ok = true;
      return result;
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) throw new ProtocolError(ProtocolErrorCode.InternalError, err.message);
      if (upstream.status.state !== 'up' || /connection closed/i.test(err instanceof Error ? err.message : '')) {
        throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${s} restarted while this request ran; call it again`);
      }
      throw err;
    } finally {
      routing.onForwarded?.({ server: s, method, ok, ms: Math.round(performance.now() - started) });
    }
  };

  /**
   * A request the server may answer only after asking its client something (sampling,
   * elicitation): run as a flow of rounds (see InputFlows), the server's questions carried to
   * this client, its progress and log messages too, and its cancellation forwarded.
   */
  const interactive = <T>(s: string, method: string, purpose: string, params: Params, ctx: ServerContext, fn: (client: Client, options: UpstreamOptions) => Promise<T>): Promise<Round<T>> =>
    routing.flows.round(`${method} ${purpose}`, ctx.mcpReq.requestState(), ctx.mcpReq.inputResponses, legOf(params, ctx), (flow) =>
      forward(s, method, (c) => fn(c, { signal: flow.signal, onprogress: flow.progress, resetTimeoutOnProgress: true, timeout: UPSTREAM_TIMEOUT_MS }), flow.caller),
    );

  /**
   * Each up server's whole list (every page), merged; a server that is down, fails to list, or
   * does not offer `capability` is left out, not fatal.
   */
  const gather = async <T>(
    method: string,
    capability: 'tools' | 'prompts' | 'resources',
    page: (client: Client, params: { cursor: string } | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
  ): Promise<{ server: string; items: T[] }[]> =>
    Promise.all(
      servers()
        .filter((s) => routing.upstreams.get(s)?.status.state === 'up')
        .map(async (s) => ({
          server: s,
          items: await forward(s, method, async (c) => (c.getServerCapabilities()?.[capability] ? allPages((cursor) => page(c, cursor === undefined ? undefined : { cursor })) : [])).catch(() => []),
        })),
    );

  server.setRequestHandler('tools/list', async () => {
    const lists = await gather('tools/list', 'tools', async (c, params) => {
      const r = await c.listTools(params);
      return { items: r.tools, nextCursor: r.nextCursor };
    });
    const own = endpoint.kind === 'aggregate' && routing.control !== undefined ? CONTROL_TOOLS.map((t) => ({ ...t, name: qualify(CONTROL_NAMESPACE, t.name, routing.separator) })) : [];
    return {
      tools: [...lists.flatMap(({ server: s, items }) => items.filter((t) => toolAllowed(t.name, routing.filters.get(s))).map((t) => ({ ...t, name: outward(s, t.name) }))), ...own],
    };
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const controlPrefix = `${CONTROL_NAMESPACE}${routing.separator}`;
    if (endpoint.kind === 'aggregate' && routing.control !== undefined && request.params.name.startsWith(controlPrefix)) {
      const who = server.getClientVersion()?.name ?? clientNameOf(ctx) ?? 'a client that gave no name';
      return routing.control.call(request.params.name.slice(controlPrefix.length), request.params.arguments ?? {}, who);
    }
    const { server: s, name } = inward(request.params.name);
    if (!toolAllowed(name, routing.filters.get(s))) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `tool "${request.params.name}" is not exposed by the gateway`);
    const params = request.params as Params;
    return interactive(s, 'tools/call', request.params.name, params, ctx, (c, o) => c.callTool({ ...withoutMeta(params), name } as Parameters<Client['callTool']>[0], o)) as never;
  });

  server.setRequestHandler('prompts/list', async () => {
    const lists = await gather('prompts/list', 'prompts', async (c, params) => {
      const r = await c.listPrompts(params);
      return { items: r.prompts, nextCursor: r.nextCursor };
    });
    return { prompts: lists.flatMap(({ server: s, items }) => items.map((p) => ({ ...p, name: outward(s, p.name) }))) };
  });

  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const { server: s, name } = inward(request.params.name);
    const params = request.params as Params;
    return interactive(s, 'prompts/get', request.params.name, params, ctx, (c, o) => c.getPrompt({ ...withoutMeta(params), name } as Parameters<Client['getPrompt']>[0], o)) as never;
  });

  server.setRequestHandler('resources/list', async () => {
    const lists = await gather('resources/list', 'resources', async (c, params) => {
      const r = await c.listResources(params);
      return { items: r.resources, nextCursor: r.nextCursor };
    });
    for (const { server: s, items } of lists) routing.resources.record(s, items.map((r) => r.uri));
    return { resources: lists.flatMap(({ server: s, items }) => items.map((r) => ({ ...r, name: outward(s, r.name) }))) };
  });

  server.setRequestHandler('resources/templates/list', async () => {
    const lists = await gather('resources/templates/list', 'resources', async (c, params) => {
      const r = await c.listResourceTemplates(params);
      return { items: r.resourceTemplates, nextCursor: r.nextCursor };
    });
    for (const { server: s, items } of lists) routing.resources.recordTemplates(s, items.map((t) => t.uriTemplate));
    return { resourceTemplates: lists.flatMap(({ server: s, items }) => items.map((t) => ({ ...t, name: outward(s, t.name) }))) };
  });

  const ownerOf = (uri: string): string => {
    if (endpoint.kind === 'server') return endpoint.server;
    const owners = routing.resources.ownersOf(uri);
    if (owners.length === 1) return owners[0] as string;
    if (owners.length === 0) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server of this stack listed the resource ${uri}; list resources (or templates) first`);
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `servers ${owners.join(' and ')} both list the resource ${uri}; use /servers/<server>/mcp to say which`);
  };

  server.setRequestHandler('resources/read', async (request, ctx) => {
    const uri = request.params.uri;
    return interactive(ownerOf(uri), 'resources/read', uri, request.params as Params, ctx, (c, o) => c.readResource({ uri }, o)) as never;
  });

  // One upstream subscription per URI, however many clients subscribe; updates go to those clients only.
  server.setRequestHandler('resources/subscribe', async (request) => {
    // A per-request instance is gone after its answer: 2026-07-28 clients listen with subscriptions/listen.
    if (perRequest) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, 'resources/subscribe needs a session; use subscriptions/listen');
    const uri = request.params.uri;
    const s = ownerOf(uri);
    if (routing.subscriptions.add(s, uri, server)) await forward(s, 'resources/subscribe', (c) => c.subscribeResource({ uri }));
    return {};
  });

  server.setRequestHandler('resources/unsubscribe', async (request) => {
    const uri = request.params.uri;
    const s = ownerOf(uri);
    if (routing.subscriptions.remove(s, uri, server)) await forward(s, 'resources/unsubscribe', (c) => c.unsubscribeResource({ uri }));
    return {};
  });

  return server;
}

/** Pages a list is followed through at most: a server whose cursors never end is cut off there. */
const MAX_PAGES = 100;

async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const r = await page(cursor);
    items.push(...r.items);
    if (r.nextCursor === undefined || r.nextCursor === cursor) break;
    cursor = r.nextCursor;
  }
  return items;
}

/** The client's own _meta stays here: the upstream request gets the SDK's, with its own progress token. */
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

/** An upstream request may run long (a tool reporting progress resets it). */
const UPSTREAM_TIMEOUT_MS = 10 * 60_000;

interface UpstreamOptions {
  signal: AbortSignal;
  onprogress: Leg['progress'];
  resetTimeoutOnProgress: boolean;
  timeout: number;
}

/**
 * What this round of the client's request carries: progress of the upstream request under the
 * token the client chose (the SDK gave the upstream request a token of its own), the server's log
 * messages (at the level the client set), and the client's cancellation.
 */
function legOf(params: Params, ctx: ServerContext): Leg {
  const token = params._meta?.['progressToken'];
  return {
    signal: ctx.mcpReq.signal,
    progress: (p) => {
      if (typeof token === 'string' || typeof token === 'number') void ctx.mcpReq.notify({ method: 'notifications/progress', params: { ...p, progressToken: token } }).catch(() => undefined);
    },
    log: (m) => void ctx.mcpReq.log(m.level as Parameters<ServerContext['mcpReq']['log']>[0], m.data, m.logger).catch(() => undefined),
  };
}
