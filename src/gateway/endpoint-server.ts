import type { Client } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode, Server, type ServerContext } from '@modelcontextprotocol/server';
import { qualify, toolAllowed, unqualify, type ResourceOwners, type ResourceSubscriptions, type ToolFilter } from './names';
import { UpstreamUnavailableError, type Upstream } from './upstream';

/** What an endpoint serves: every server (`aggregate`, names qualified) or one server (its own names). */
export type Endpoint = { readonly kind: 'aggregate' } | { readonly kind: 'server'; readonly server: string };

/** The gateway's upstreams and settings, as the endpoint servers read them at each request. */
export interface Routing {
  readonly upstreams: ReadonlyMap<string, Upstream>;
  readonly separator: string;
  readonly filters: ReadonlyMap<string, ToolFilter>;
  readonly resources: ResourceOwners;
  readonly subscriptions: ResourceSubscriptions;
  /** Reported once per forwarded request: never its contents. */
  readonly onForwarded?: (record: { server: string; method: string; ok: boolean; ms: number }) => void;
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
    // logging: setLevel is accepted per client; the servers' own log messages are not relayed (a
    // stdio server's log carries no request it belongs to, and another client must not see it).
    { capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true, subscribe: true }, logging: {} } },
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
  const forward = async <T>(s: string, method: string, fn: (client: Client) => Promise<T>, ctx?: ServerContext): Promise<T> => {
    const upstream = routing.upstreams.get(s);
    if (upstream === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server "${s}" in this stack`);
    const started = performance.now();
    let ok = false;
    try {
      const client = upstream.use();
      // The server's own requests during this one (sampling, elicitation) are carried to this client.
      const result = ctx === undefined ? await fn(client) : await upstream.track({ send: (r) => ctx.mcpReq.send(r as never) }, () => fn(client));
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

  /** Each up server's list, merged; a server that is down or fails to list is left out, not fatal. */
  const gather = async <T>(method: string, list: (client: Client) => Promise<T[]>): Promise<{ server: string; items: T[] }[]> =>
    Promise.all(
      servers()
        .filter((s) => routing.upstreams.get(s)?.status.state === 'up')
        .map(async (s) => ({ server: s, items: await forward(s, method, list).catch(() => []) })),
    );

  server.setRequestHandler('tools/list', async () => {
    const lists = await gather('tools/list', async (c) => (await c.listTools()).tools);
    return {
      tools: lists.flatMap(({ server: s, items }) => items.filter((t) => toolAllowed(t.name, routing.filters.get(s))).map((t) => ({ ...t, name: outward(s, t.name) }))),
    };
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { server: s, name } = inward(request.params.name);
    if (!toolAllowed(name, routing.filters.get(s))) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `tool "${request.params.name}" is not exposed by the gateway`);
    const params = withoutMeta(request.params as Params);
    return forward(s, 'tools/call', (c) => c.callTool({ ...params, name } as Parameters<Client['callTool']>[0], relayOptions(request.params as Params, ctx)), ctx);
  });

  server.setRequestHandler('prompts/list', async () => {
    const lists = await gather('prompts/list', async (c) => (c.getServerCapabilities()?.prompts ? (await c.listPrompts()).prompts : []));
    return { prompts: lists.flatMap(({ server: s, items }) => items.map((p) => ({ ...p, name: outward(s, p.name) }))) };
  });

  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const { server: s, name } = inward(request.params.name);
    return forward(s, 'prompts/get', (c) => c.getPrompt({ ...withoutMeta(request.params as Params), name } as Parameters<Client['getPrompt']>[0], relayOptions(request.params as Params, ctx)), ctx);
  });

  server.setRequestHandler('resources/list', async () => {
    const lists = await gather('resources/list', async (c) => (c.getServerCapabilities()?.resources ? (await c.listResources()).resources : []));
    for (const { server: s, items } of lists) routing.resources.record(s, items.map((r) => r.uri));
    return { resources: lists.flatMap(({ server: s, items }) => items.map((r) => ({ ...r, name: outward(s, r.name) }))) };
  });

  server.setRequestHandler('resources/templates/list', async () => {
    const lists = await gather('resources/templates/list', async (c) => (c.getServerCapabilities()?.resources ? (await c.listResourceTemplates()).resourceTemplates : []));
    return { resourceTemplates: lists.flatMap(({ server: s, items }) => items.map((t) => ({ ...t, name: outward(s, t.name) }))) };
  });

  const ownerOf = (uri: string): string => {
    const s = endpoint.kind === 'server' ? endpoint.server : routing.resources.ownerOf(uri);
    if (s === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no server of this stack listed the resource ${uri}; list resources first`);
    return s;
  };

  server.setRequestHandler('resources/read', async (request, ctx) => {
    const uri = request.params.uri;
    return forward(ownerOf(uri), 'resources/read', (c) => c.readResource({ uri }, relayOptions(request.params as Params, ctx)));
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

/** The client's own _meta stays here: the upstream request gets the SDK's, with its own progress token. */
function withoutMeta(params: Params): Params {
  const { _meta: _ignored, ...rest } = params;
  return rest;
}

/**
 * Progress of the upstream request reaches this request's client under the token that client
 * chose (the SDK gave the upstream request a token of its own), and a cancellation of this
 * request cancels the upstream one.
 */
function relayOptions(params: Params, ctx: ServerContext): { signal: AbortSignal; onprogress?: (p: { progress: number; total?: number; message?: string }) => void; resetTimeoutOnProgress: boolean; timeout: number } {
  const token = params._meta?.['progressToken'];
  return {
    signal: ctx.mcpReq.signal,
    resetTimeoutOnProgress: true,
    timeout: 10 * 60_000,
    ...(typeof token === 'string' || typeof token === 'number'
      ? { onprogress: (p) => void ctx.mcpReq.notify({ method: 'notifications/progress', params: { ...p, progressToken: token } }).catch(() => undefined) }
      : {}),
  };
}
