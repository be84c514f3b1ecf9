import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { createMcpHandler, type Server } from '@modelcontextprotocol/server';
import { hostHeaderValidation, localhostOriginValidation, originValidation } from '@modelcontextprotocol/node';
import { SessionTransport } from './session-transport';
import { isLegacy } from './request-era';
import { serveWebExchange } from './web-exchange';
import { LOOPBACK_HOSTS } from './addresses';
import { staticTokenMatches, type Caller, type CallerAuth } from './caller-auth';
import { reportExchange, type AuditNotes, type AuditTrail } from './audit-trail';
import type { GatewayMetrics } from './gateway-metrics';
import type { RequestTraces } from './request-traces';
import { asCaller } from './caller-context';
import { json, MAX_BODY_BYTES, NOT_JSON, readJson, TOO_LARGE } from './http-body';
import { refusalByRules } from './caller-rules';
import { MAX_SESSIONS, SessionTable } from './session-table';
import { USER_SECRETS_PATH } from './personal-credentials';
import { CONTROL_NAMESPACE } from '../stack-file/stack-spec';
import { endpointServer, ownersOfResource, type Endpoint, type Routing } from './endpoint-server';


export interface HttpFaceOptions {
  readonly routing: Routing;
  /** One server only (the bridge): `/mcp` is that server with its own names. */
  readonly single?: string;
  readonly version: string;
  /** Host names a request's Host header may name (DNS-rebinding protection); origins are checked against the same names. */
  readonly allowedHosts: readonly string[];
  /** A bearer token every MCP request must carry; none on loopback-only listeners. */
  readonly token?: string;
  /** Callers' tokens from an OAuth issuer, validated per request (instead of `token`). */
  readonly callerAuth?: CallerAuth;
  /** One line per request and decision. */
  readonly audit?: AuditTrail;
  /** `/metrics`, behind the same authentication as `/mcp`. */
  readonly metrics?: GatewayMetrics;
  /** A span per request (gateway.traces). */
  readonly traces?: RequestTraces;
  /** /user-secrets/...: a caller's own values for per-user servers, answered for the caller the token names. */
  readonly personal?: (req: http.IncomingMessage, res: http.ServerResponse, path: string, caller: Caller | undefined) => Promise<void>;
  readonly health: () => unknown;
  /** Whether every server the gateway will serve has come up or failed (answers /readyz); always, when not given. */
  readonly ready?: () => boolean;
  /** A 2025-era session with no request for this long is ended (default 30 minutes). */
  readonly sessionIdleMs?: number;
  /** One line per exchange: method, path, status, latency. Never the body. */
  readonly onExchange?: (record: { method: string; path: string; status: number; ms: number }) => void;
}

const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

/**
 * The gateway's one listener: `/mcp` (every server, names `<server>__<name>`), `/servers/<s>/mcp`
 * (one server, its own names), `/healthz`. Both protocol eras on the same paths: 2025-era clients
 * get a session each (Mcp-Session-Id) with its own server instance, so notifications and progress
 * go to that client only; 2026-07-28 requests are served one by one by the SDK's createMcpHandler.
 */
export class HttpFace {
  readonly server: http.Server;
  private readonly sessions: SessionTable;
  private readonly modern: ReturnType<typeof createMcpHandler>;
  private readonly checkHost: ReturnType<typeof hostHeaderValidation>;
  private readonly checkOrigin: ReturnType<typeof originValidation>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: HttpFaceOptions) {
    // An empty token would let a request without any Authorization header through.
    if (options.token !== undefined && options.token.trim() === '') throw new Error('the gateway token is empty');
    this.modern = createMcpHandler((ctx) => endpointServer(endpointOf(new URL(ctx.requestInfo?.url ?? 'http://x/mcp').pathname, options.single) ?? { kind: 'aggregate' }, options.routing, options.version, true).server, {
      legacy: 'reject',
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    this.checkHost = hostHeaderValidation([...options.allowedHosts]);
    const loopbackOnly = options.allowedHosts.every((h) => LOOPBACK_HOSTS.has(h));
    this.checkOrigin = loopbackOnly ? localhostOriginValidation() : originValidation([...options.allowedHosts]);
    this.server = http.createServer((req, res) => void this.handle(req, res));
    const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.sessions = new SessionTable(idleMs);
    this.sweeper = setInterval(() => this.sessions.sweep(), Math.min(60_000, Math.max(1000, Math.floor(idleMs / 4))));
    this.sweeper.unref();
    // Idle keep-alive sockets are closed by the clients first (undici after 4 s): a server closing
    // one at the same moment as a client reuses it fails that client's request ("other side closed").
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const a = this.server.address();
        resolve({ host, port: typeof a === 'object' && a !== null ? a.port : port });
      });
    });
  }

  /** Tells every client that a list changed: each 2025-era session, and the 2026-07-28 subscriptions. */
  listChanged(what: 'tools' | 'prompts' | 'resources'): void {
    for (const s of this.sessions.values()) {
      const send = what === 'tools' ? s.server.sendToolListChanged() : what === 'prompts' ? s.server.sendPromptListChanged() : s.server.sendResourceListChanged();
      void send.catch(() => undefined);
    }
    if (what === 'tools') this.modern.notify.toolsChanged();
    else if (what === 'prompts') this.modern.notify.promptsChanged();
    else this.modern.notify.resourcesChanged();
  }

  /** A subscribed resource changed: the 2025-era sessions that subscribed are told, and the 2026-07-28 listen streams that follow it. */
  resourceUpdated(server: string, uri: string): void {
    let listened = false;
    for (const who of this.options.routing.subscriptions.subscribers(server, uri)) {
      if (who instanceof ListenStream) listened = true;
      else void (who as Server).sendResourceUpdated({ uri }).catch(() => undefined);
    }
    // The SDK's listen router delivers it to each stream whose filter names the URI.
    if (listened) this.modern.notify.resourceUpdated(uri);
  }

  /** Open 2025-era sessions (for /healthz). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sessions.closeAll();
    await this.modern.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    res.on('finish', () => this.options.onExchange?.({ method: req.method ?? '', path, status: res.statusCode, ms: Math.round(performance.now() - started) }));
    try {
      if (!this.checkHost(req, res) || !this.checkOrigin(req, res)) return;
      if (path === '/healthz') return json(res, 200, this.options.health());
      if (path === '/readyz') return json(res, (this.options.ready?.() ?? true) ? 200 : 503, this.options.health());
      if (path.startsWith('/.well-known/oauth-protected-resource') && this.options.callerAuth !== undefined) {
        const metadata = this.options.callerAuth.protectedResourceMetadata(path, new Set(this.options.routing.upstreams.keys()));
        return metadata === undefined ? json(res, 404, { error: `no protected resource at ${path}` }) : json(res, 200, metadata);
      }
      if (path === '/metrics' && this.options.metrics !== undefined) {
        const auth = this.options.callerAuth;
        const admitted = auth !== undefined ? (await auth.authenticate(req.headers.authorization, { kind: 'aggregate' })).ok : staticTokenMatches(this.options.token, req.headers.authorization);
        return admitted ? await this.options.metrics.answer(res) : json(res, 401, { error: '/metrics takes the same token as /mcp' });
      }
      if (path.startsWith(USER_SECRETS_PATH) && this.options.personal !== undefined) {
        const who = this.options.callerAuth !== undefined ? await this.options.callerAuth.authenticate(req.headers.authorization, { kind: 'aggregate' }) : undefined;
        if (who !== undefined && !who.ok) {
          res.setHeader('WWW-Authenticate', who.wwwAuthenticate);
          return json(res, who.status, { error: who.error });
        }
        return await this.options.personal(req, res, path, who?.caller);
      }
      const endpoint = endpointOf(path, this.options.single);
      if (endpoint === undefined || (endpoint.kind === 'server' && !this.options.routing.upstreams.has(endpoint.server))) {
        return json(res, 404, { error: `no MCP endpoint at ${path}: use /mcp or /servers/<server>/mcp` });
      }
      const seen: { caller?: Caller; body?: unknown; readonly notes: AuditNotes } = { notes: {} };
      if (this.options.audit !== undefined || this.options.metrics !== undefined) {
        reportExchange(req, res, path, seen, (entry) => {
          this.options.audit?.write(entry);
          this.options.metrics?.observe(entry);
        });
      }
      let caller: Caller | undefined;
      if (this.options.callerAuth !== undefined) {
        const who = await this.options.callerAuth.authenticate(req.headers.authorization, endpoint);
        if (!who.ok) {
          res.setHeader('WWW-Authenticate', who.wwwAuthenticate);
          return json(res, who.status, { error: who.error });
        }
        caller = who.caller;
        seen.caller = caller;
      } else if (!staticTokenMatches(this.options.token, req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return json(res, 401, { error: 'a bearer token is required (Authorization: Bearer <token>)' });
      }
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      if (body === TOO_LARGE) return json(res, 413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
      if (body === NOT_JSON) return json(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not JSON' }, id: null });
      seen.body = body;
      if (this.options.traces !== undefined) seen.notes.trace = this.options.traces.begin(req, res, body, seen.notes, started);
      const { rules, separator, upstreams } = this.options.routing;
      const refused = rules === undefined ? undefined : refusalByRules(rules, body, endpoint, caller, separator, [...upstreams.keys(), CONTROL_NAMESPACE]);
      if (refused !== undefined) return json(res, 403, refused);
      // A request on an open 2025-era session is of that era: no web request is built to tell.
      const sessionId = req.headers['mcp-session-id'];
      const onSession = typeof sessionId === 'string' && this.sessions.get(sessionId) !== undefined;
      const serve = async (): Promise<void> => {
        if (!onSession && !isLegacy(req, body)) {
          await this.followListenedResources(body, endpoint, res);
          return await serveWebExchange(this.modern, req, res, body);
        }
        await this.legacy(req, res, path, endpoint, body, caller?.subject);
      };
      // Everything this request's handling runs knows its caller (lists are filtered by the rules) and
      // its audit notes. With no caller and nothing that reads them, none is kept: the context's
      // store costs every promise of the process a hook once it is first used.
      const read = caller !== undefined || rules !== undefined || this.options.audit !== undefined || this.options.metrics !== undefined || this.options.traces !== undefined;
      await (read ? asCaller(caller, seen.notes, serve) : serve());
    } catch (err) {
      if (!res.headersSent) json(res, 500, { error: err instanceof Error ? err.message : 'internal error' });
      else res.end();
    }
  }

  /** A 2025-era exchange: an existing session by its id, or a new one for an initialize. */
  private async legacy(req: http.IncomingMessage, res: http.ServerResponse, path: string, endpoint: Endpoint, body: unknown, subject?: string): Promise<void> {
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (existing !== undefined) {
      if (existing.path !== path) return json(res, 404, { error: 'this session belongs to another endpoint' });
      // Another caller's session is not theirs to use: answered as if it did not exist.
      if (existing.subject !== subject) return json(res, 404, { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
      existing.lastSeen = performance.now();
      return existing.transport.handleRequest(req, res, body);
    }
    if (typeof id === 'string') return json(res, 404, { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    if (!this.sessions.makeRoom(subject)) {
      return json(res, 503, { error: `at most ${MAX_SESSIONS} sessions at once, all of them in use just now` });
    }
    const { server, direct } = endpointServer(endpoint, this.options.routing, this.options.version);
    const transport: SessionTransport = new SessionTransport({
      direct,
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => {
        this.sessions.add(sessionId, { transport, server, path, ...(subject !== undefined && { subject }), lastSeen: performance.now() });
      },
    });
    transport.onclose = (): void => {
      if (transport.sessionId !== undefined) {
        this.sessions.delete(transport.sessionId);
        this.options.routing.sessionEnded?.(transport.sessionId);
      }
      this.unsubscribeAll(server);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  /**
   * A 2026-07-28 `subscriptions/listen` naming resources: each is followed upstream (one upstream
   * subscription per URI, however many clients follow it) for as long as the stream is open. Only
   * resources a server of this stack listed are followed.
   */
  private async followListenedResources(body: unknown, endpoint: Endpoint, res: http.ServerResponse): Promise<void> {
    const uris = listenedResources(body);
    if (uris.length === 0) return;
    const { routing } = this.options;
    const stream = new ListenStream();
    res.on('close', () => this.unsubscribeAll(stream));
    await Promise.all(
      uris.map(async (uri) => {
        const owners = endpoint.kind === 'server' ? [endpoint.server] : ownersOfResource(routing, uri, 'modern');
        const s = owners.length === 1 ? owners[0] : undefined;
        const upstream = s === undefined ? undefined : routing.upstreams.get(s);
        if (s === undefined || upstream === undefined || !routing.subscriptions.add(s, uri, stream)) return;
        if (upstream.status.state === 'up') await upstream.subscribe(uri).catch(() => undefined);
      }),
    );
  }

  /** Every subscription of a closed session or listen stream goes; a URI nobody else follows is unsubscribed upstream. */
  private unsubscribeAll(who: Server | ListenStream): void {
    for (const { server: s, uri } of this.options.routing.subscriptions.removeAll(who)) {
      const upstream = this.options.routing.upstreams.get(s);
      if (upstream?.status.state === 'up') void upstream.unsubscribe(uri).catch(() => undefined);
    }
  }
}

/** `/mcp` is the aggregate (or the single server); `/servers/<s>/mcp` one server. */
export function endpointOf(path: string, single?: string): Endpoint | undefined {
  if (path === '/mcp') return single !== undefined ? { kind: 'server', server: single } : { kind: 'aggregate' };
  const m = /^\/servers\/([a-z0-9][a-z0-9_-]*)\/mcp$/.exec(path);
  return m?.[1] !== undefined ? { kind: 'server', server: m[1] } : undefined;
}

/** An open 2026-07-28 listen stream, as a subscriber of resources. */
class ListenStream {}

/** The resource URIs a `subscriptions/listen` request asks to follow. */
function listenedResources(body: unknown): string[] {
  const message = body as { method?: unknown; params?: { notifications?: { resourceSubscriptions?: unknown } } } | null;
  if (typeof message !== 'object' || message === null || message.method !== 'subscriptions/listen') return [];
  const uris = message.params?.notifications?.resourceSubscriptions;
  return Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string').slice(0, 1000) : [];
}
