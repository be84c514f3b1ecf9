import { Client, ProtocolError, ProtocolErrorCode, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StreamTransport } from '../mcp/stream-transport';

/** How the gateway reaches one server: its container's stdio, or an http endpoint on the project network. */
export type UpstreamTarget =
  | { readonly kind: 'stdio'; readonly containerId: string; readonly attach: () => Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }> }
  | { readonly kind: 'http'; readonly containerId: string; readonly url: URL; readonly headers?: Readonly<Record<string, string>> };

export interface UpstreamHealth {
  readonly state: UpstreamState['state'];
  readonly reason?: string;
  readonly tools?: number;
  readonly inFlight: number;
}

export type UpstreamState = { readonly state: 'starting' } | { readonly state: 'up' } | { readonly state: 'down'; readonly reason: string };

export interface UpstreamEvents {
  /** The server's tools, prompts or resources changed (its own list_changed, or a new container). */
  listChanged(server: string, what: 'tools' | 'prompts' | 'resources'): void;
  stateChanged(server: string): void;
  /** A subscribed resource of the server changed. */
  resourceUpdated(server: string, uri: string): void;
}

const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Between tries of an http server that refused the connection. */
const RECONNECT_MS = 250;
/** How long a replaced session may finish its requests in flight before it is closed. */
const DRAIN_MS = 30_000;

/** A client request in flight on this server: the server's requests and log messages during it go to that client. */
export interface Caller {
  ask(request: { method: string; params?: Record<string, unknown> }): Promise<unknown>;
  log(params: { level: string; data?: unknown; logger?: string }): void;
}

/**
 * One upstream session per server, shared by every client of the gateway: the SDK client gives
 * each forwarded request its own id and progress token and routes the answer back to the caller
 * that awaits it, so clients' ids and progress never mix. When the server's container changes
 * (a recreate, a hot reload), the session moves to the new container and is initialized again;
 * requests in flight on the old one fail with an error that says the server restarted, unless a
 * readiness check opened the new session first (prepare): then the old one finishes them.
 */
export class Upstream {
  private client: Client | undefined;
  private readonly callers = new Set<Caller>();
  private containerId: string | undefined;
  private current: UpstreamState = { state: 'starting' };
  private connecting: Promise<void> | undefined;
  /** A replacement's session, opened by its readiness check, waiting to take over. */
  private candidate: { containerId: string; client: Client; toolCount: number } | undefined;
  /** Tools the server listed when it came up (readiness is handshake + tools/list), and on each change. */
  toolCount: number | undefined;

  constructor(
    readonly server: string,
    private readonly events: UpstreamEvents,
    private readonly clientVersion: string,
  ) {}

  /** Client requests waiting on this server now. */
  get inFlight(): number {
    return this.callers.size;
  }

  get status(): UpstreamState {
    return this.current;
  }

  /** What /healthz says of this server. */
  health(): UpstreamHealth {
    const s = this.current;
    return { state: s.state, ...(s.state === 'down' && { reason: s.reason }), ...(s.state === 'up' && this.toolCount !== undefined && { tools: this.toolCount }), inFlight: this.inFlight };
  }

  /** The connected client, or an error that says why the server cannot answer. */
  use(): Client {
    if (this.client !== undefined && this.current.state === 'up') return this.client;
    const why = this.current.state === 'down' ? this.current.reason : 'still starting';
    throw new UpstreamUnavailableError(this.server, why);
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

  /** Runs `fn` with `caller` known as a client request in flight here, for the server's requests back. */
  async track<T>(caller: Caller, fn: () => Promise<T>): Promise<T> {
    this.callers.add(caller);
    try {
      return await fn();
    } finally {
      this.callers.delete(caller);
    }
  }

  /**
   * A request of the server (sampling, elicitation) goes to the client whose request is in flight;
   * with none or several in flight, which client it is for cannot be known, and it is refused.
   */
  private async relay(method: string, params: unknown): Promise<unknown> {
    const only = this.onlyCaller();
    if (only === undefined) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidRequest,
        `the gateway cannot tell which client this ${method} is for: ${this.callers.size} client requests are in flight on server ${this.server}`,
      );
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
    return more.length === 0 ? only : undefined;
  }

  /**
   * A replacement container's readiness, checked on the session the gateway will use: the
   * handshake and tools/list on it. Ready: traffic moves to it at once (the old container may
   * still be running: start-first); not ready: the session is dropped and the current one stays.
   */
  async prepare(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    const opened = await this.open(target, timeoutMs);
    if (!opened.ok) return opened;
    await this.candidate?.client.close().catch(() => undefined);
    this.candidate = { containerId: target.containerId, ...opened };
    await this.moveTo(target);
    return { ok: true };
  }

  private async connect(target: UpstreamTarget): Promise<void> {
    const adopting = this.candidate?.containerId === target.containerId ? this.candidate : undefined;
    this.candidate = undefined;
    if (adopting !== undefined && this.client !== undefined) {
      // A ready replacement takes new requests at once; the old session finishes what it has in
      // flight before it is closed (and before the old container is stopped): no call is cut.
      const old = this.client;
      const inFlight = new Set(this.callers);
      this.containerId = target.containerId;
      this.client = adopting.client;
      this.toolCount = adopting.toolCount;
      this.setState({ state: 'up' });
      for (const what of ['tools', 'prompts', 'resources'] as const) this.events.listChanged(this.server, what);
      await this.drained(inFlight, DRAIN_MS);
      await old.close().catch(() => undefined);
      return;
    }
    await this.disconnect({ state: 'starting' });
    this.containerId = target.containerId;
    const ready = adopting !== undefined ? { ok: true as const, ...adopting } : await this.open(target, HANDSHAKE_TIMEOUT_MS);
    if (!ready.ok) {
      if (this.containerId === target.containerId) this.setState({ state: 'down', reason: `handshake failed: ${ready.reason}` });
      return;
    }
    if (this.containerId !== target.containerId) {
      // Moved again while this handshake ran: the newer move owns the session.
      await ready.client.close().catch(() => undefined);
      return;
    }
    this.client = ready.client;
    this.toolCount = ready.toolCount;
    this.setState({ state: 'up' });
    // A new container (or a server new to the stack) may offer other tools: every client's list is stale.
    for (const what of ['tools', 'prompts', 'resources'] as const) this.events.listChanged(this.server, what);
  }

  /** Resolves when none of `requests` is in flight any more, or after `maxMs`. */
  private async drained(requests: ReadonlySet<Caller>, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    while (Date.now() < end && [...requests].some((r) => this.callers.has(r))) await new Promise((r) => setTimeout(r, 20));
  }

  /** A session on `target`: initialized, its tools listed. */
  /**
   * An http server whose container or task has just started may not listen yet: a refused
   * connection is tried again until the time is up (a stdio server's attach has no such gap).
   */
  private async open(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true; client: Client; toolCount: number } | { ok: false; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const opened = await this.openOnce(target, Math.max(1000, deadline - Date.now()));
      if (opened.ok || target.kind !== 'http' || !/fetch failed|ECONNREFUSED/i.test(opened.reason) || Date.now() + RECONNECT_MS >= deadline) return opened;
      await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  }

  private async openOnce(target: UpstreamTarget, timeoutMs: number): Promise<{ ok: true; client: Client; toolCount: number } | { ok: false; reason: string }> {
    // Sampling and elicitation are offered, and each such request goes to the client whose request
    // is in flight. Roots are not: a shared session has no one client's roots to give.
    const client = new Client({ name: 'mcp-orchestrator-gateway', version: this.clientVersion }, { capabilities: { sampling: {}, elicitation: { form: {} } } });
    client.setRequestHandler('sampling/createMessage', (request) => this.relay('sampling/createMessage', request.params) as never);
    client.setRequestHandler('elicitation/create', (request) => this.relay('elicitation/create', request.params) as never);
    client.onclose = (): void => {
      if (this.client === client) void this.disconnect({ state: 'down', reason: 'the server closed its connection' });
    };
    client.setNotificationHandler('notifications/tools/list_changed', () => {
      void this.countTools(client);
      this.events.listChanged(this.server, 'tools');
    });
    client.setNotificationHandler('notifications/prompts/list_changed', () => this.events.listChanged(this.server, 'prompts'));
    client.setNotificationHandler('notifications/resources/list_changed', () => this.events.listChanged(this.server, 'resources'));
    client.setNotificationHandler('notifications/resources/updated', (n) => this.events.resourceUpdated(this.server, n.params.uri));
    client.setNotificationHandler('notifications/message', (n) => this.relayLog(n.params));
    try {
      await client.connect(await transportFor(target), { timeout: timeoutMs });
      const toolCount = (await client.listTools(undefined, { timeout: timeoutMs })).tools.length;
      return { ok: true, client, toolCount };
    } catch (err) {
      await client.close().catch(() => undefined);
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  private async countTools(client: Client): Promise<void> {
    try {
      this.toolCount = (await client.listTools()).tools.length;
    } catch {
      // The count is for /healthz; the next change counts again.
    }
  }

  private async disconnect(next: UpstreamState): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (next.state !== 'starting') this.containerId = undefined;
    this.setState(next);
    // Closing rejects what is in flight on the old container with a connection-closed error.
    if (client !== undefined) await client.close().catch(() => undefined);
  }

  private setState(next: UpstreamState): void {
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    this.current = next;
    if (changed) this.events.stateChanged(this.server);
  }
}

export class UpstreamUnavailableError extends Error {
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`server ${server} is not available: ${reason}`);
  }
}

async function transportFor(target: UpstreamTarget): Promise<Transport> {
  if (target.kind === 'http') return new StreamableHTTPClientTransport(target.url, { requestInit: { headers: { ...target.headers } } });
  const attached = await target.attach();
  // The framing is the same for both SDK majors: newline-delimited JSON-RPC.
  return new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()) as unknown as Transport;
}
