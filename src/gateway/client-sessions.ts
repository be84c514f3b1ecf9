import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { SessionClaims } from '../core/desired-state';
import { sessionContainerName } from '../core/naming';
import type { Logger } from '../logging/logger';
import type { GatewayServer } from '../stack-file/stack-spec';
import { Upstream, type Caller, type UpstreamEvents, type UpstreamTarget } from './upstream';

/** How long a client waits for its session's container to run and answer before it is told why not. */
const START_TIMEOUT_MS = 60_000;

/** What the gateway lends its per-client sessions: the engine's view, the reconcile loop, the shared session's target. */
export interface SessionHost {
  readonly project: () => string;
  /** The running container of this name, as a target (stdio attach, or its http address). */
  readonly targetOf: (server: string, containerName: string) => Promise<UpstreamTarget | undefined>;
  /** Where the shared session of an http or remote server is: a per-client one opens its own there. */
  readonly sharedTarget: (server: string) => UpstreamTarget | undefined;
  /** Asks the reconcile loop to run now (a session needs its container, or ended); undefined when serve changes nothing (--no-apply). */
  readonly reconcile?: () => void;
  readonly events: UpstreamEvents;
  readonly version: string;
  readonly owner: string;
  readonly logger: Logger;
  /** A caller's sessions (per_user) with no request for this long end. */
  readonly idleMs: number;
  /** A digest of the server's definition now: a session of an older one is replaced once it has nothing in flight. */
  readonly definition: (server: string) => string;
  /** Whether its sessions are containers of their own (a stdio server) rather than sessions at its address. */
  readonly ownContainers: (server: string) => boolean;
}

interface Held {
  readonly server: string;
  /** The container's number (stdio servers); none for an http server's own session. */
  readonly n?: number;
  readonly upstream: Promise<Upstream>;
  /** A caller's (per_user), kept across their client sessions until idle. */
  readonly byUser: boolean;
  lastUsed: number;
  /** The client the server's requests outside a request go to: the one that used it last. */
  owner: Caller;
  readonly definition: string;
  /** Open, once it is. */
  resolved?: Upstream;
  /** Of a definition no longer the file's: replaced once nothing is in flight on it. */
  stale?: boolean;
  /** The user's own values of the server's `${user:NAME}` references (per_user), for its container's env. */
  readonly values?: Readonly<Record<string, string>>;
}

/** A container started ahead of its client (warm: N), not yet anyone's. */
interface Warm {
  readonly n: number;
  readonly definition: string;
}

/** Whose session: a client session's, or (per_user) a caller's by their token's subject. */
export function sessionKey(by: 'client' | 'user', clientSession: string | undefined, subject: string | undefined): string | undefined {
  if (by === 'user') return subject !== undefined ? `user\0${subject}` : undefined;
  return clientSession !== undefined ? `session\0${clientSession}` : undefined;
}

/**
 * gateway.servers.<s>.sessions: per_client: a session of the server for each 2025-era client
 * session; per_user: for each caller (their token's subject), across their sessions and clients,
 * until they have made no request for the idle time. A stdio server's is a container of its own, which the reconcile loop makes from the
 * claims held here (desired state, like every container) and removes when the claim goes; an
 * http or remote server's is an upstream session of its own at the shared one's address. What the
 * server asks while no request is in flight (roots, as it starts) goes to its one client.
 */
export class ClientSessions {
  private readonly held = new Map<string, Map<string, Held>>();
  private readonly warm = new Map<string, Warm[]>();
  private servers: readonly GatewayServer[] = [];
  private next = 1;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly host: SessionHost) {
    this.sweeper = setInterval(() => this.tidy(), Math.min(1000, Math.max(250, Math.floor(host.idleMs / 4))));
    this.sweeper.unref();
  }

  /** The containers this gateway's sessions need, and the warm ones, for the reconcile loop. */
  claims(): SessionClaims {
    const held = [...this.held.values()].flatMap((m) => [...m.values()]).flatMap((h) => (h.n !== undefined ? [{ server: h.server, n: h.n, ...(h.values !== undefined && { values: h.values }) }] : []));
    const warm = [...this.warm].flatMap(([server, pool]) => pool.map((w) => ({ server, n: w.n })));
    return { owner: this.host.owner, claims: [...held, ...warm].sort((a, b) => a.n - b.n) };
  }

  /**
   * The file's per-client servers after a sync: sessions of a changed definition are replaced
   * once nothing is in flight on them (the client's next request opens one of the new), warm
   * containers of an old one go, and each pool is filled to its `warm`.
   */
  sync(servers: readonly GatewayServer[]): void {
    this.servers = servers.filter((g) => g.perClient !== undefined);
    const current = new Map(this.servers.map((g) => [g.name, this.host.definition(g.name)]));
    for (const mine of this.held.values()) for (const h of mine.values()) if (current.get(h.server) !== h.definition) h.stale = true;
    let changed = false;
    for (const [server, pool] of [...this.warm]) {
      const keep = pool.filter((w) => w.definition === current.get(server));
      changed ||= keep.length !== pool.length;
      this.warm.set(server, keep);
    }
    if (this.fill() || changed) this.host.reconcile?.();
    this.tidy();
  }

  count(server: string): number {
    return [...this.held.values()].filter((m) => m.has(server)).length;
  }

  /** The upstream of `server` for `key` (sessionKey), made on its first use. */
  async upstreamFor(g: GatewayServer & { perClient: NonNullable<GatewayServer['perClient']> }, key: string, owner: Caller, values?: Readonly<Record<string, string>>): Promise<Upstream> {
    const mine = this.held.get(key) ?? new Map<string, Held>();
    let existing = mine.get(g.name);
    // Of an old definition, with nothing in flight: this request opens one of the current.
    if (existing?.stale === true && existing.resolved?.inFlight === 0) {
      this.release(key, g.name);
      existing = undefined;
    }
    if (existing !== undefined) {
      existing.lastUsed = performance.now();
      existing.owner = owner;
      return existing.upstream;
    }
    const whose = g.perClient.by === 'user' ? 'callers' : 'client sessions';
    if (this.count(g.name) >= g.perClient.maxSessions) {
      throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${g.name} serves at most ${g.perClient.maxSessions} ${whose} at once (gateway.servers.${g.name}.max_sessions), and that many are open; try again when one ends`);
    }
    const ownContainer = this.host.ownContainers(g.name);
    if (ownContainer && this.host.reconcile === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${g.name} makes a container per session, which this serve cannot (it runs with --no-apply)`);
    }
    // A warm container of the current definition is taken first; the pool is filled again.
    const definition = this.host.definition(g.name);
    const pool = this.warm.get(g.name) ?? [];
    // A user's own values are in their container's env from its creation: no warm one is theirs.
    const taken = ownContainer && values === undefined ? pool.findIndex((w) => w.definition === definition) : -1;
    const n = taken >= 0 ? pool.splice(taken, 1)[0]?.n : ownContainer ? this.next++ : undefined;
    // The server's requests outside any request go to whichever client used it last.
    let held: Held | undefined;
    const last = (): Caller => held?.owner ?? owner;
    const upstream = this.open(g.name, n, taken >= 0, {
      get capabilities() {
        return last().capabilities;
      },
      get info() {
        return last().info;
      },
      ask: (r) => last().ask(r),
      log: (m) => last().log(m),
    });
    held = { server: g.name, ...(n !== undefined && { n }), upstream, byUser: g.perClient.by === 'user', lastUsed: performance.now(), owner, definition, ...(values !== undefined && { values }) };
    this.held.set(key, mine.set(g.name, held));
    const self = held;
    upstream.then(
      (u) => {
        self.resolved = u;
        // The pool is filled again once this client is served: a container starting meanwhile would slow its first call.
        if (taken >= 0 && this.fill()) this.host.reconcile?.();
      },
      () => {
        if (this.held.get(key)?.get(g.name)?.upstream === upstream) this.release(key, g.name);
      },
    );
    return upstream;
  }

  /** A user's session of the server ends (their values changed): the next request starts one with the new. */
  endUser(subject: string, server: string): void {
    const key = sessionKey('user', undefined, subject);
    if (key !== undefined) this.release(key, server);
  }

  /** A client session ended (closed, or idle): its sessions end, and their containers go. */
  ended(key: string): void {
    for (const server of [...(this.held.get(key)?.keys() ?? [])]) this.release(key, server);
  }

  /**
   * A caller's sessions (per_user) unused for the idle time end (a client session's end with it);
   * a session of an old definition ends once nothing is in flight on it.
   */
  private tidy(): void {
    const now = performance.now();
    for (const [key, mine] of [...this.held]) {
      for (const h of [...mine.values()]) {
        if ((h.byUser && now - h.lastUsed >= this.host.idleMs) || (h.stale === true && h.resolved?.inFlight === 0)) this.release(key, h.server);
      }
    }
  }

  /** Claims warm containers up to each server's `warm` (within max_sessions with the held ones); whether any was claimed. */
  private fill(): boolean {
    if (this.host.reconcile === undefined) return false;
    let claimed = false;
    for (const g of this.servers) {
      const warm = g.perClient?.warm ?? 0;
      if (warm === 0 || !this.host.ownContainers(g.name)) continue;
      const pool = this.warm.get(g.name) ?? [];
      while (pool.length < warm && pool.length + this.count(g.name) < (g.perClient?.maxSessions ?? 0)) {
        pool.push({ n: this.next++, definition: this.host.definition(g.name) });
        claimed = true;
      }
      this.warm.set(g.name, pool);
    }
    return claimed;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.held.values()].flatMap((m) => [...m.values()]);
    this.held.clear();
    this.warm.clear();
    await Promise.all(all.map(async (h) => (await h.upstream.catch(() => undefined))?.close()));
  }

  private release(key: string, server: string): void {
    const mine = this.held.get(key);
    const h = mine?.get(server);
    if (mine === undefined || h === undefined) return;
    mine.delete(server);
    if (mine.size === 0) this.held.delete(key);
    void h.upstream.then((u) => u.close(), () => undefined);
    this.fill();
    if (h.n !== undefined) this.host.reconcile?.();
  }

  private async open(server: string, n: number | undefined, warm: boolean, owner: Caller): Promise<Upstream> {
    const upstream = new Upstream(server, this.host.events, this.host.version, 0, owner);
    const deadline = Date.now() + START_TIMEOUT_MS;
    let target: UpstreamTarget | undefined;
    if (n === undefined) target = this.host.sharedTarget(server);
    else {
      // A warm container is made already (or being made): no reconcile is needed for it.
      if (!warm) this.host.reconcile?.();
      const name = sessionContainerName(this.host.project(), server, n);
      while (target === undefined && Date.now() < deadline) {
        target = await this.host.targetOf(server, name);
        if (target === undefined) await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (target === undefined) throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${server}: this client's session of it did not start within ${START_TIMEOUT_MS / 1000} s`);
    await upstream.moveTo(target);
    const state = upstream.status;
    if (state.state !== 'up') {
      await upstream.close();
      throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${server}: this client's session of it did not open: ${'reason' in state ? state.reason : state.state}`);
    }
    this.host.logger.info('client session opened', { server, ...(n !== undefined && { container: sessionContainerName(this.host.project(), server, n) }) });
    return upstream;
  }
}
