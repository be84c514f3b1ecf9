import { ProtocolError, ProtocolErrorCode, SSEClientTransport, StreamableHTTPClientTransport, type ClientCapabilities, type ProtocolEra, type Transport } from '@modelcontextprotocol/client';
import { StreamTransport } from '../mcp/stream-transport';
import type { Fetch } from '../outbound/guarded-fetch';
import { remoteTransport } from '../outbound/remote-client';
import { auditNotes } from './caller-context';
import { LIST_KINDS, ListCache, type ListItem, type ListKind } from './list-cache';
import { UpstreamClient } from '../mcp/upstream-client';
import { errorText, isTimeout, UPSTREAM_DEADLINE_MS, UpstreamUnavailableError } from './upstream-errors';
import { fetchList, followChanges, LIST_METHOD, RepeatedNameError, unrepeated } from './upstream-lists';
import type { Caller, UpstreamEvents, UpstreamHealth, UpstreamState, UpstreamTarget } from './upstream-types';

export { isTimeout, UPSTREAM_DEADLINE_MS, UpstreamUnavailableError } from './upstream-errors';
export type { Caller, UpstreamEvents, UpstreamHealth, UpstreamState, UpstreamTarget } from './upstream-types';

const HANDSHAKE_TIMEOUT_MS = 30_000;
/**
 * A stdio server that does not answer `server/discover` within this is a 2025-era one (some never
 * answer a request before `initialize`); an http server always answers, so it gets the handshake's time.
 */
const STDIO_PROBE_TIMEOUT_MS = 10_000;
/** Between tries of an http server that refused the connection. */
const RECONNECT_MS = 250;
/** How long a replaced session may finish its requests in flight before it is closed. */
const DRAIN_MS = 30_000;
const PING_DEADLINE_MS = 5_000;
/** How long a cancelled request is taken to be still running in the server. */
const CANCELLED_GRACE_MS = 30_000;

/** An open session on one container: its era and the lists the server offers in it. */
interface Session {
  readonly client: UpstreamClient;
  readonly era: ProtocolEra;
  readonly lists: ListCache;
  /**
   * An http server that speaks both eras is also held in a 2025-era session: a 2025-era client
   * then meets the server as it would directly (its lists of that era, its own requests pushed),
   * and a 2026-07-28 client the server's current face. A stdio server has one stream: one era.
   */
  readonly legacyTwin?: Session;
}

/**
 * One upstream session per server, shared by every client of the gateway: the SDK client gives
 * each forwarded request its own id and progress token and routes the answer back to the caller
 * that awaits it, so clients' ids and progress never mix. The era is the server's own: a server
 * that answers `server/discover` with 2026-07-28 gets 2026-07-28 requests (each with its client's
 * envelope); the others a 2025-era session. The server's lists are kept here and refreshed on its
 * `list_changed`, so clients' lists never wait on the server. When the server's container changes
 * (a recreate, a hot reload), the session moves to the new container and is opened again;
 * requests in flight on the old one fail with an error that says the server restarted, unless a
 * readiness check opened the new session first (prepare): then the old one finishes them.
 */
export class Upstream {
  private session: Session | undefined;
  private readonly callers = new Set<Caller>();
  private containerId: string | undefined;
  private current: UpstreamState = { state: 'starting' };
  private connecting: Promise<void> | undefined;
  /** A replacement's session, opened by its readiness check, waiting to take over. */
  private candidate: { containerId: string; session: Session } | undefined;
  /** The server closed its stdio when asked `server/discover`: it is asked `initialize` only from now on. */
  private probeKills = false;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Requests their clients cancelled lately, which the server may still be running. */
  private readonly cancelled = new Set<object>();
  /** Resources followed upstream on a 2026-07-28 session: one listen stream each. */
  private readonly listens = new Map<string, { close(): Promise<void> }>();

  constructor(
    readonly server: string,
    private readonly events: UpstreamEvents,
    private readonly clientVersion: string,
    /** How often a session is pinged; a server that misses the deadline is degraded until it answers. 0: never. */
    private readonly heartbeatMs = 0,
    /** A per-client session's: its one client, who gets what the server asks or logs when no request is in flight (roots at its start). */
    private readonly owner?: Caller,
  ) {}

  /** Client requests waiting on this server now. */
  get inFlight(): number {
    return this.callers.size;
  }

  get status(): UpstreamState {
    return this.current;
  }

  /** The session a client of `clientEra` is served on: the server's own face of that era where it has one. */
  private sessionFor(clientEra: ProtocolEra | undefined): Session | undefined {
    const session = this.session;
    return clientEra === 'legacy' && session?.legacyTwin !== undefined ? session.legacyTwin : session;
  }

  /** The era the gateway speaks with the server for a client of `clientEra`. */
  eraFor(clientEra: ProtocolEra): ProtocolEra | undefined {
    return this.sessionFor(clientEra)?.era;
  }

  /** The server's list of `kind` as last fetched, for a client of `clientEra` (empty while no session is open). */
  list(kind: ListKind, clientEra?: ProtocolEra): readonly ListItem[] {
    return this.sessionFor(clientEra)?.lists.get(kind) ?? [];
  }

  /** Tools the server listed (readiness is handshake + tools/list), kept current on each change. */
  get toolCount(): number | undefined {
    return this.session === undefined ? undefined : this.session.lists.get('tools').length;
  }

  /** What /healthz says of this server. */
  health(): UpstreamHealth {
    const s = this.current;
    return {
      state: s.state,
      ...('reason' in s && { reason: s.reason }),
      ...(this.session !== undefined && { era: this.session.era }),
      ...(s.state !== 'starting' && s.state !== 'down' && this.toolCount !== undefined && { tools: this.toolCount }),
      inFlight: this.inFlight,
    };
  }

  /** The connected session for a client of `clientEra`, or an error that says why the server cannot answer. */
  use(clientEra?: ProtocolEra): UpstreamClient {
    const session = this.sessionFor(clientEra);
    if (session !== undefined && (this.current.state === 'up' || this.current.state === 'degraded')) return session.client;
    const why = this.current.state === 'down' ? this.current.reason : 'still starting';
    throw new UpstreamUnavailableError(this.server, why);
  }

  /**
   * Follows a resource's updates upstream (one subscription however many clients follow it): a
   * 2025-era `resources/subscribe`, or on a 2026-07-28-only session a listen stream for it.
   */
  async subscribe(uri: string): Promise<void> {
    const session = this.sessionFor('legacy');
    if (session === undefined) return;
    if (session.era === 'legacy') {
      await session.client.subscribeResource({ uri }, { timeout: UPSTREAM_DEADLINE_MS });
      return;
    }
    const listen = await session.client.listen({ resourceSubscriptions: [uri] }, { timeout: UPSTREAM_DEADLINE_MS });
    this.listens.get(uri)?.close();
    this.listens.set(uri, listen);
  }

  async unsubscribe(uri: string): Promise<void> {
    const listen = this.listens.get(uri);
    this.listens.delete(uri);
    if (listen !== undefined) return listen.close();
    const session = this.sessionFor('legacy');
    if (session?.era === 'legacy') await session.client.unsubscribeResource({ uri }, { timeout: UPSTREAM_DEADLINE_MS });
  }

  /**
   * One check that the server still answers (a ping; `server/discover` in 2026-07-28, which has no
   * ping); an answer brings a degraded server back into the lists.
   */
  async check(timeoutMs = PING_DEADLINE_MS): Promise<void> {
    const session = this.session;
    if (session === undefined) throw new UpstreamUnavailableError(this.server, 'no session');
    if (session.era === 'modern') await session.client.discover({ timeout: timeoutMs });
    else await session.client.ping({ timeout: timeoutMs });
    if (session.legacyTwin !== undefined) await session.legacyTwin.client.ping({ timeout: timeoutMs });
    if (this.session === session && this.current.state === 'degraded') this.setState({ state: 'up' });
  }

  /** Points the session at `target` (or at nothing: the server has no running container). */
  async moveTo(target: UpstreamTarget | undefined, downReason = 'no running container'): Promise<void> {
    if (target === undefined) {
      await this.disconnect({ state: 'down', reason: downReason });
      return;
    }
    if (target.containerId === this.containerId && this.current.state !== 'down') return this.connecting;
    this.connecting = this.connect(target);
    return this.connecting;
  }

  async close(): Promise<void> {
    await this.disconnect({ state: 'down', reason: 'gateway stopped' });
  }

  /**
   * Runs `fn` with `caller` known as a client request in flight here, for the server's requests
   * back. A request its client cancelled (`signal`) may still be running in the server (cancellation
   * is advisory): for a while it still counts, so that what the server sends for it never goes to
   * the next client as if that one's request were the only one.
   */
  async track<T>(caller: Caller, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.callers.add(caller);
    try {
      return await fn();
    } finally {
      this.callers.delete(caller);
      if (signal?.aborted === true) {
        const ghost = {};
        this.cancelled.add(ghost);
        setTimeout(() => this.cancelled.delete(ghost), CANCELLED_GRACE_MS).unref();
      }
    }
  }

  /**
   * A server missed a deadline on a request of the gateway's own: degraded (out of the aggregate
   * lists) until it answers a ping again.
   */
  missedDeadline(what: string): void {
    if (this.current.state === 'up') this.setState({ state: 'degraded', reason: `did not answer ${what} within its deadline` });
  }

  /**
   * A request of the server (sampling, elicitation, roots) goes to the client whose request is in
   * flight, if that client declared it can answer it; with none or several in flight, which client
   * it is for cannot be known, and it is refused.
   */
  private async relay(method: string, params: unknown): Promise<unknown> {
    const only = this.onlyCaller();
    if (only === undefined) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidRequest,
        `the gateway cannot tell which client this ${method} is for: ${this.callers.size} client requests are in flight on server ${this.server}${this.cancelled.size > 0 ? `, and ${this.cancelled.size} cancelled ones it may still be running` : ''}`,
      );
    }
    const needed = CAPABILITY_OF[method];
    if (needed !== undefined && only.capabilities?.[needed] === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidRequest, `the client of this request did not declare the ${needed} capability; the gateway does not send it ${method}`);
    }
    return only.ask({ method, ...(params !== undefined && { params: params as Record<string, unknown> }) });
  }

  /**
   * The server's log messages carry no request they belong to: they reach the client whose request
   * is in flight, and nobody when that cannot be known (another client must not see them).
   */
  private relayLog(params: { level: string; data?: unknown; logger?: string }): void {
    this.onlyCaller()?.log(params);
  }

  private onlyCaller(): Caller | undefined {
    const [only, ...more] = this.callers;
    if (this.owner !== undefined && this.callers.size === 0) return this.owner;
    return more.length === 0 && this.cancelled.size === 0 ? only : undefined;
  }

  /**
   * A replacement container's readiness, checked on the session the gateway will use: the
   * handshake and tools/list on it. Ready: traffic moves to it at once (the old container may
   * still be running: start-first); not ready: the session is dropped and the current one stays.
   */
  async prepare(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    const opened = await this.open(target, timeoutMs);
    if (!opened.ok) return opened;
    if (this.candidate !== undefined) await closeSession(this.candidate.session);
    this.candidate = { containerId: target.containerId, session: opened.session };
    await this.moveTo(target);
    return { ok: true };
  }

  private async connect(target: UpstreamTarget): Promise<void> {
    const adopting = this.candidate?.containerId === target.containerId ? this.candidate : undefined;
    this.candidate = undefined;
    if (adopting !== undefined && this.session !== undefined) {
      // A ready replacement takes new requests at once; the old session finishes what it has in
      // flight before it is closed (and before the old container is stopped): no call is cut.
      const old = this.session;
      const inFlight = new Set(this.callers);
      this.containerId = target.containerId;
      this.session = adopting.session;
      if (!this.setState({ state: 'up' })) this.announceLists();
      await this.drained(inFlight, DRAIN_MS);
      await closeSession(old);
      return;
    }
    await this.disconnect({ state: 'starting' });
    this.containerId = target.containerId;
    const ready = adopting !== undefined ? { ok: true as const, session: adopting.session } : await this.open(target, HANDSHAKE_TIMEOUT_MS);
    if (!ready.ok) {
      if (this.containerId === target.containerId) this.setState({ state: 'down', reason: `handshake failed: ${ready.reason}` });
      return;
    }
    if (this.containerId !== target.containerId) {
      // Moved again while this handshake ran: the newer move owns the session.
      await closeSession(ready.session);
      return;
    }
    this.session = ready.session;
    this.startHeartbeat();
    // A new container (or a server new to the stack) may offer other tools: every client's list is stale.
    if (!this.setState({ state: 'up' })) this.announceLists();
  }

  private announceLists(): void {
    for (const what of ['tools', 'prompts', 'resources'] as const) this.events.listChanged(this.server, what);
  }

  /** Resolves when none of `requests` is in flight any more, or after `maxMs`. */
  private async drained(requests: ReadonlySet<Caller>, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    while (Date.now() < end && [...requests].some((r) => this.callers.has(r))) await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * A session on `target`: its era negotiated, its lists fetched. An http server whose container
   * or task has just started may not listen yet: a refused connection is tried again until the
   * time is up (a stdio server's attach has no such gap).
   */
  private async open(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true; session: Session } | { ok: false; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const opened = await this.openOnce(target, Math.max(1000, deadline - Date.now()));
      if (opened.ok || target.kind !== 'http' || !/fetch failed|ECONNREFUSED/i.test(opened.reason) || Date.now() + RECONNECT_MS >= deadline) return opened;
      await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  }

  private async openOnce(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true; session: Session } | { ok: false; reason: string }> {
    const opened = await this.openSession(target, timeoutMs, this.probeKills ? 'legacy' : 'auto');
    if (!opened.ok || opened.session.era !== 'modern' || target.kind !== 'http') return opened;
    // Its 2025 face too, for 2025-era clients, where that face is a session of its own (one that
    // can send its client requests, as its 2025 tools may). A 2025 face without sessions cannot,
    // and one that refuses 2025 clients has none: their 2025-era clients are served through the
    // 2026-07-28 session, the server's input requests turned into requests by the gateway.
    const twin = await this.openSession(target, timeoutMs, 'legacy');
    if (twin.ok && twin.sessionId !== undefined) return { ok: true, session: { ...opened.session, legacyTwin: twin.session } };
    if (twin.ok) await closeSession(twin.session);
    return opened;
  }

  private async openSession(target: UpstreamTarget, timeoutMs: number, mode: 'auto' | 'legacy'): Promise<{ ok: true; session: Session; sessionId?: string } | { ok: false; reason: string }> {
    // A shared 2025-era session offers what any client may answer (sampling, elicitation, roots);
    // each such request of the server goes only to the client whose request is in flight, and only
    // if that client declared it. 2026-07-28 requests carry each client's own capabilities instead.
    // A per-client session's server meets its one client as that client is (its name, what it can do).
    const capabilities: ClientCapabilities = this.owner !== undefined ? (this.owner.capabilities ?? {}) : { sampling: {}, elicitation: { form: {}, url: {} }, roots: { listChanged: true } };
    const client = new UpstreamClient(
      this.owner?.info !== undefined ? { name: this.owner.info.name, version: this.owner.info.version } : { name: 'mcp-orchestrator-gateway', version: this.clientVersion },
      {
        capabilities,
        versionNegotiation: mode === 'legacy' ? { mode: 'legacy' } : { mode: 'auto', probe: { timeoutMs: target.kind === 'stdio' ? STDIO_PROBE_TIMEOUT_MS : timeoutMs } },
        // 2026-07-28 input requests go back to the client that made the request, as they are.
        inputRequired: { autoFulfill: false },
      },
    );
    for (const [method, capability] of Object.entries(CAPABILITY_OF)) {
      if (capabilities[capability] !== undefined) client.setRequestHandler(method as 'sampling/createMessage', (request) => this.relay(method, request.params) as never);
    }
    const mine = (): boolean => this.session?.client === client || this.session?.legacyTwin?.client === client;
    client.onclose = (): void => {
      if (mine()) void this.disconnect({ state: 'down', reason: 'the server closed its connection' });
    };
    const lists = new ListCache(
      (kind) => fetchList(client, kind).then(unrepeated(kind)),
      (kind) => this.events.listChanged(this.server, kind === 'resourceTemplates' ? 'resources' : kind),
      // A list the server fails to give keeps the last one; only a missed deadline degrades it.
      (kind, error) => {
        if (!mine()) return;
        if (isTimeout(error)) this.missedDeadline(`${LIST_METHOD[kind]}`);
        else if (error instanceof RepeatedNameError && this.current.state === 'up') this.setState({ state: 'degraded', reason: error.message });
      },
    );
    client.setNotificationHandler('notifications/tools/list_changed', () => void lists.refresh('tools'));
    client.setNotificationHandler('notifications/prompts/list_changed', () => void lists.refresh('prompts'));
    client.setNotificationHandler('notifications/resources/list_changed', () => {
      void lists.refresh('resources');
      void lists.refresh('resourceTemplates');
    });
    client.setNotificationHandler('notifications/resources/updated', (n) => this.events.resourceUpdated(this.server, n.params.uri));
    client.setNotificationHandler('notifications/message', (n) => this.relayLog(n.params));
    try {
      const transport = await transportFor(target);
      try {
        await client.connect(transport, { timeout: timeoutMs });
      } catch (err) {
        if (target.kind === 'stdio' && /closed during the server\/discover probe/.test(errorText(err))) this.probeKills = true;
        throw err;
      }
      const era = client.getProtocolEra() ?? 'legacy';
      // Tools are what a server is judged by; its other lists are optional (a failure keeps them empty).
      // A client's own session serves no list (the shared session's are served): none is fetched.
      if (this.owner === undefined) {
        lists.store('tools', unrepeated('tools')(await fetchList(client, 'tools', timeoutMs)));
        await Promise.all(LIST_KINDS.filter((k) => k !== 'tools').map(async (k) => lists.store(k, await fetchList(client, k, timeoutMs).catch(() => []))));
        await followChanges(client, era);
      }
      const sessionId = (transport as { sessionId?: string }).sessionId;
      return { ok: true, session: { client, era, lists }, ...(sessionId !== undefined && { sessionId }) };
    } catch (err) {
      await client.close().catch(() => undefined);
      return { ok: false, reason: errorText(err) };
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeatMs <= 0 || this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** A check of the open session: a miss degrades the server, an answer brings a degraded one back. */
  private async beat(): Promise<void> {
    const session = this.session;
    if (session === undefined || (this.current.state !== 'up' && this.current.state !== 'degraded')) return;
    try {
      await this.check();
    } catch {
      if (this.session === session) this.missedDeadline('a ping');
    }
  }

  private async disconnect(next: UpstreamState): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (next.state !== 'starting') this.containerId = undefined;
    if (next.state === 'down') {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
    this.setState(next);
    this.listens.clear();
    // Closing rejects what is in flight on the old container with a connection-closed error.
    if (session !== undefined) await closeSession(session);
  }

  /**
   * Only an up server is in the aggregate lists: when that changes (up, degraded, down, back), every
   * client's lists are stale and clients are told. Says whether they were.
   */
  private setState(next: UpstreamState): boolean {
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    const flipped = (this.current.state === 'up') !== (next.state === 'up');
    this.current = next;
    if (changed) this.events.stateChanged(this.server);
    if (flipped) this.announceLists();
    return flipped;
  }
}

/** Which capability a client must have declared for each request a server may send it. */
const CAPABILITY_OF: Readonly<Record<string, keyof ClientCapabilities>> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

/**
 * Requests to the server's origin carry the trace context of the request being forwarded
 * (gateway.traces), as W3C Trace Context headers; nothing is added outside a traced request.
 */
function tracedFetch(inner: Fetch, origin: string): Fetch {
  return (input, init = {}) => {
    const context = auditNotes().trace?.upstream;
    if (context === undefined || new URL(String(input)).origin !== origin) return inner(input, init);
    const headers = new Headers(init.headers);
    headers.set('traceparent', context.traceparent);
    if (context.tracestate !== undefined) headers.set('tracestate', context.tracestate);
    return inner(input, { ...init, headers });
  };
}

async function closeSession(session: Session): Promise<void> {
  await Promise.all([session.client.close().catch(() => undefined), session.legacyTwin?.client.close().catch(() => undefined)]);
}

async function transportFor(target: UpstreamTarget): Promise<Transport> {
  if (target.kind === 'http') {
    const fetch = tracedFetch(target.fetch ?? globalThis.fetch, target.url.origin);
    // A remote server: its headers to its own origin only, its OAuth.
    if (target.fetch !== undefined) {
      return remoteTransport({ url: target.url, transport: target.sse === true ? 'sse' : 'streamable-http', headers: target.headers ?? {}, fetch, ...(target.oauth !== undefined && { oauth: target.oauth }) });
    }
    const requestInit = { headers: { ...target.headers } };
    if (target.sse === true) return new SSEClientTransport(target.url, { requestInit, fetch });
    return new StreamableHTTPClientTransport(target.url, { requestInit, fetch });
  }
  const attached = await target.attach();
  // The framing is the same for both SDK majors: newline-delimited JSON-RPC.
  return new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()) as unknown as Transport;
}
