import { httpEndpointOf } from '../recipes/bridged-image';
import { containerName, networkName } from '../core/naming';
import type { Engine } from '../docker/engine';
import type { Logger } from '../logging/logger';
import type { RemoteSpec, StackSpec } from '../stack-file/stack-spec';
import { guardedFetch, type Fetch } from '../outbound/guarded-fetch';
import type { ReconcileSummary } from '../runtime/controller/controller';
import type { AuditTrail } from './audit-trail';
import type { CallerAuth } from './caller-auth';
import { CallerRules } from './caller-rules';
import { GatewayMetrics } from './gateway-metrics';
import { RequestTraces } from './request-traces';
import { StoredOAuthProvider } from '../outbound/oauth/client-provider';
import { TokenStore } from '../outbound/oauth/token-store';
import { oauthSettings } from '../outbound/remote-client';
import { sha256 } from '../util/hash';
import { newRouting, type Routing } from './endpoint-server';
import { allowedHostsFor } from './addresses';
import { HttpFace } from './http-face';
import type { ReadyCheck } from '../apply/executor';
import { ControlTools } from '../control/control-tools';
import { bridgeHeaders } from '../runtime/bridge/bridge-auth';
import { readinessCheck } from '../runtime/readiness';
import type { ToolFilter } from './names';
import { Upstream, type UpstreamHealth, type UpstreamTarget } from './upstream';
import { ClientSessions, sessionKey } from './client-sessions';
import { answerPersonal, personalNames } from './personal-credentials';
import { UserSecrets } from './user-secrets';
import { currentCaller } from './caller-context';
import { probeOwner } from '../mcp/probes';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

export interface GatewayOptions {
  readonly engine: Engine;
  readonly logger: Logger;
  readonly version: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly token?: string;
  /** gateway.auth: callers' tokens from an OAuth issuer (instead of `token`). */
  readonly callerAuth?: CallerAuth;
  /** gateway.audit: one line per request and decision. */
  readonly audit?: AuditTrail;
  readonly allowedHosts: readonly string[];
  /** The orchestrator's own container, when it runs in one: joined to the networks of http servers. */
  readonly ownContainer?: string;
  /** The stack as first loaded: which servers are served before the first reconcile ends. */
  readonly spec: StackSpec;
  /** The stack file and environment `serve` runs with: what the control tools edit and check. */
  readonly file: string;
  readonly env: NodeJS.ProcessEnv;
  /** Servers serve's controller holds back after a rollback (the control tools' plan says so). */
  readonly heldBack?: () => ReadonlyMap<string, string>;
  /** Asks serve's reconcile loop to run now (per-client sessions' containers); none with --no-apply. */
  readonly reconcile?: () => void;
}

type Attached = Awaited<ReturnType<Engine['attachStdio']>>;

/** How often each served server is pinged; one that misses the deadline is degraded until it answers. */
const HEARTBEAT_MS = 10_000;

/**
 * Every server of the stack behind one listener. It decides nothing about containers: it is told
 * the desired state (which servers, with which filters) after each reconcile, looks up which
 * container each server runs in, and moves its upstream session there.
 */
export class Gateway {
  private readonly upstreams = new Map<string, Upstream>();
  /** Networks the orchestrator's own container joined to reach http servers: left again on close. */
  private readonly joined = new Set<string>();
  private readonly filters = new Map<string, ToolFilter>();
  private rulesText = '[]';
  private readonly metrics: GatewayMetrics | undefined;
  private readonly traces: RequestTraces | undefined;
  /** Per-client servers' sessions, one per 2025-era client session (their containers are claims the reconcile loop makes). */
  readonly clientSessions: ClientSessions;
  /** Where each server's shared session is: a per-client session of an http server opens its own there. */
  private readonly targets = new Map<string, UpstreamTarget>();
  /** One outbound client per remote server's settings, kept across syncs (its connections are reused). */
  private readonly remoteClients = new Map<string, { readonly fetch: Fetch; readonly oauth: StoredOAuthProvider }>();
  private readonly face: HttpFace;
  private readonly routing: { -readonly [K in keyof Routing]: Routing[K] };
  private project: string | undefined;
  private controlMode: StackSpec['gateway']['control'] = 'off';
  private readonly fallbackReady: ReadyCheck;
  private spec: StackSpec;
  /** Per server, the streams of its newest container, attached before it started and not yet used. */
  private readonly attachedEarly = new Map<string, { containerId: string; attached: Attached }>();
  private syncing: Promise<void> = Promise.resolve();
  /** The first reconcile's desired state has been applied here: readiness can be judged. */
  private synced = false;
  private announcedReady = false;
  address: { host: string; port: number } | undefined;

  constructor(private readonly options: GatewayOptions) {
    this.spec = options.spec;
    this.fallbackReady = readinessCheck(options.engine, options.version);
    this.routing = newRouting(this.upstreams, this.filters, options.logger);
    if (options.spec.gateway.metrics === true) {
      this.metrics = new GatewayMetrics({ legacySessions: () => this.face.sessionCount, upstreams: () => [...this.upstreams].map(([server, u]) => ({ server, state: u.status.state })) });
    }
    const traces = options.spec.gateway.traces;
    this.traces = traces !== undefined ? new RequestTraces(traces, options.version, options.logger) : undefined;
    this.face = new HttpFace({
      routing: this.routing,
      version: options.version,
      allowedHosts: allowedHostsFor(options.listen.host, options.allowedHosts),
      ...(options.token !== undefined && { token: options.token }),
      ...(options.callerAuth !== undefined && { callerAuth: options.callerAuth }),
      ...(options.audit !== undefined && { audit: options.audit }),
      ...(this.metrics !== undefined && { metrics: this.metrics }),
      ...(this.traces !== undefined && { traces: this.traces }),
      personal: (req, res, path, caller) => answerPersonal(req, res, path, caller, this.spec, () => this.personalStore(), (subject, server) => this.clientSessions.endUser(subject, server)),
      health: () => this.health(),
      ready: () => this.isReady,
      sessionIdleMs: options.spec.gateway.sessionIdleSeconds * 1000,
      onExchange: (r) => options.logger.debug('http', { method: r.method, path: r.path, status: r.status, ms: r.ms }),
    });
    this.clientSessions = new ClientSessions({
      project: () => this.spec.project,
      targetOf: (server, name) => this.sessionTarget(server, name),
      sharedTarget: (server) => this.targets.get(server),
      ...(options.reconcile !== undefined && { reconcile: options.reconcile }),
      // A client's own session changes nobody else's lists: the shared session's say what the server offers.
      events: { listChanged: () => undefined, stateChanged: () => undefined, resourceUpdated: () => undefined },
      version: options.version,
      owner: probeOwner(),
      logger: options.logger,
      idleMs: options.spec.gateway.sessionIdleSeconds * 1000,
      // What a session's container is made from: the server's whole definition (its container's spec follows from it).
      definition: (server) => sha256(JSON.stringify(this.spec.servers.find((s) => s.name === server) ?? this.spec.remotes?.find((r) => r.name === server) ?? null)),
      ownContainers: (server) => this.spec.servers.find((s) => s.name === server)?.transport.type === 'stdio' && !this.bridged,
    });
    this.routing.perClient = (server, clientSession, owner) => {
      const g = this.spec.gateway.servers.find((x) => x.name === server);
      if (g?.perClient === undefined) return undefined;
      const subject = currentCaller()?.subject;
      const key = sessionKey(g.perClient.by, clientSession, subject);
      if (key === undefined) {
        const why =
          g.perClient.by === 'user'
            ? `server ${server} keeps a session per caller, and this request's caller is not known`
            : `server ${server} keeps a session per client: it is used from a 2025-era session (initialize, Mcp-Session-Id); this 2026-07-28 request has none`;
        return Promise.reject(new ProtocolError(ProtocolErrorCode.InvalidRequest, why));
      }
      let values: Record<string, string> | undefined;
      try {
        values = this.personalValues(server, subject);
      } catch (err) {
        return Promise.reject(err);
      }
      return this.clientSessions.upstreamFor({ ...g, perClient: g.perClient }, key, owner, values);
    };
    this.routing.ownSessions = (server) => this.spec.gateway.servers.find((x) => x.name === server)?.perClient !== undefined;
    this.routing.sessionEnded = (clientSession) => {
      const key = sessionKey('client', clientSession, undefined);
      if (key !== undefined) this.clientSessions.ended(key);
    };
    // Served servers are known from the start: /healthz says "starting" for them, not nothing.
    for (const g of options.spec.gateway.servers) this.upstreamFor(g.name);
  }

  /**
   * Ready: the first reconcile is done and every served server is up, or has failed with a reason
   * (a client that connects now sees every server that will come without a restart of its own).
   */
  get isReady(): boolean {
    return this.synced && [...this.upstreams.values()].every((u) => u.status.state !== 'starting');
  }

  async start(): Promise<{ host: string; port: number }> {
    this.address = await this.face.listen(this.options.listen.host, this.options.listen.port);
    return this.address;
  }

  /** The desired state after a reconcile: which servers to serve; each is pointed at its running container. */
  sync(spec: StackSpec): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow(spec)).catch((err: unknown) => {
      this.options.logger.warn('gateway could not look up the servers\' containers; retrying on the next change', { error: err instanceof Error ? err.message : String(err) });
    });
    return this.syncing;
  }

  /**
   * A server container is about to start: a stdio server's streams are attached now, so that the
   * session the gateway opens on it after the reconcile misses nothing the server wrote.
   */
  async beforeStart(starting: { server: string; containerId: string; name?: string; transport?: { type: string } }): Promise<void> {
    const transport = starting.transport ?? this.spec.servers.find((s) => s.name === starting.server)?.transport;
    const served = this.spec.gateway.servers.some((g) => g.name === starting.server);
    // A bridged server is spoken to over HTTP, once it listens: nothing to attach to. A client
    // session's own container is attached once it runs, by that session.
    if (transport?.type !== 'stdio' || !served || this.bridged) return;
    if (starting.name !== undefined && starting.name !== containerName(this.spec.project, starting.server)) return;
    try {
      const attached = await this.options.engine.attachStdio(starting.containerId);
      this.dropEarly(starting.server);
      this.attachedEarly.set(starting.server, { containerId: starting.containerId, attached });
      this.options.logger.debug('attached before start', { server: starting.server });
    } catch (err) {
      this.options.logger.debug('could not attach before start; attaching once it runs', { server: starting.server, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * A replacement's readiness (a recreate waits for it): for a served MCP server, the handshake
   * and tools/list on the session the gateway then uses, with traffic moved to it at once; for
   * the rest, the generic check.
   */
  async ready(replacement: Parameters<ReadyCheck>[0]): Promise<{ ok: true } | { ok: false; reason: string }> {
    const upstream = this.upstreams.get(replacement.server);
    const server = this.spec.servers.find((s) => s.name === replacement.server);
    if (upstream === undefined || server === undefined || replacement.container.rollout.ready.check !== 'mcp') return this.fallbackReady(replacement);
    const target = await this.targetFor(replacement.container.transport, replacement.containerId, server.networks.map((n) => networkName(this.spec.project, n)));
    const verdict = await upstream.prepare(target, replacement.container.rollout.ready.timeoutSeconds * 1000);
    return verdict.ok ? verdict : { ok: false, reason: `not ready: ${verdict.reason}` };
  }

  private dropEarly(server: string): void {
    this.attachedEarly.get(server)?.attached.detach();
    this.attachedEarly.delete(server);
  }

  health(): { status: 'up'; ready: boolean; project: string | undefined; sessions: number; servers: Record<string, UpstreamHealth> } {
    const servers: Record<string, UpstreamHealth> = {};
    for (const [name, u] of [...this.upstreams].sort(([a], [b]) => a.localeCompare(b))) servers[name] = u.health();
    return { status: 'up', ready: this.isReady, project: this.project, sessions: this.face.sessionCount, servers };
  }

  /** A reconcile of serve's (for /metrics: reconciles, their time, rollouts and rollbacks). */
  reconciled(summary: ReconcileSummary): void {
    this.metrics?.reconciled(summary);
  }

  async close(): Promise<void> {
    await this.syncing;
    this.routing.flows.close();
    await this.face.close();
    // The trail's last lines are written before the process goes.
    await Promise.all([this.options.audit?.close(), this.traces?.close()]);
    await Promise.all([...this.upstreams.values()].map((u) => u.close()));
    await this.clientSessions.close();
    await this.removeOwnSessions();
    for (const server of [...this.attachedEarly.keys()]) this.dropEarly(server);
    const own = this.options.ownContainer;
    if (own !== undefined) for (const n of this.joined) await this.options.engine.leaveNetwork(own, n).catch(() => undefined);
  }

  private async syncNow(spec: StackSpec): Promise<void> {
    this.project = spec.project;
    this.spec = spec;
    this.syncControl(spec.gateway.control);
    this.routing.separator = spec.gateway.separator;
    // The rules are the file's: a reviewed change to them holds from this sync on.
    const rules = JSON.stringify(spec.gateway.rules ?? []);
    if (rules !== this.rulesText) {
      this.rulesText = rules;
      this.routing.rules = spec.gateway.rules !== undefined ? new CallerRules(spec.gateway.rules) : undefined;
      this.face.listChanged('tools');
    }
    const wanted = new Map(spec.gateway.servers.map((g) => [g.name, g]));
    for (const [name, u] of this.upstreams) {
      if (wanted.has(name)) continue;
      this.upstreams.delete(name);
      this.filters.delete(name);
      this.dropEarly(name);
      await u.close();
      this.face.listChanged('tools');
    }
    const observed = await this.options.engine.observe(spec.project, []);
    const moves: Promise<void>[] = [];
    const needed = new Set<string>();
    for (const server of spec.servers) {
      const g = wanted.get(server.name);
      if (g === undefined) continue;
      if (g.tools !== undefined) this.filters.set(server.name, g.tools);
      else this.filters.delete(server.name);
      const upstream = this.upstreamFor(server.name);
      const container = observed.containers.find((c) => c.name === containerName(spec.project, server.name) && c.state === 'running');
      const networks = server.networks.map((n) => networkName(spec.project, n));
      if (container !== undefined) networks.forEach((n) => needed.add(n));
      const target = container === undefined ? undefined : await this.targetFor(server.transport, container.id, networks);
      if (target !== undefined) this.targets.set(server.name, target);
      moves.push(upstream.moveTo(target));
    }
    for (const remote of spec.remotes ?? []) {
      const g = wanted.get(remote.name);
      if (g === undefined) continue;
      if (g.tools !== undefined) this.filters.set(remote.name, g.tools);
      else this.filters.delete(remote.name);
      const target = this.remoteTarget(remote, spec.tls?.caPem);
      this.targets.set(remote.name, target);
      moves.push(this.upstreamFor(remote.name).moveTo(target));
    }
    await Promise.all(moves);
    this.clientSessions.sync(spec.gateway.servers);
    await this.leaveUnneeded(needed);
    this.synced = true;
    this.logReady();
  }

  /**
   * A remote server's target: its endpoint through the outbound rules. Named by what it is made of
   * (a digest, never the header values), so a changed URL, header or transport opens a new session.
   */
  private remoteTarget(remote: RemoteSpec, caPem: string | undefined): UpstreamTarget {
    const id = `remote:${sha256(JSON.stringify([remote.url, remote.transport, remote.headers, remote.allowPrivate, caPem ?? '', remote.auth ?? null])).slice(0, 16)}`;
    let made = this.remoteClients.get(id);
    if (made === undefined) {
      made = {
        fetch: guardedFetch({ allowPrivate: remote.allowPrivate, keepAlive: true, ...(caPem !== undefined && { caPem }) }),
        oauth: new StoredOAuthProvider(TokenStore.forUser(process.env), remote.url, remote.name, oauthSettings(remote)),
      };
      this.remoteClients.set(id, made);
    }
    return { kind: 'http', containerId: id, url: new URL(remote.url), headers: remote.headers, fetch: made.fetch, oauth: made.oauth, ...(remote.transport === 'sse' && { sse: true }) };
  }

  /**
   * The caller's own values of a per-user server's `${user:NAME}` references (none when it has
   * none), or an error that names what they are to set, and how.
   */
  private personalValues(server: string, subject: string | undefined): Record<string, string> | undefined {
    const names = personalNames(this.spec, server);
    if (names.length === 0 || subject === undefined) return undefined;
    const store = this.personalStore();
    if ('missing' in store) throw new ProtocolError(ProtocolErrorCode.InternalError, `server ${server} needs each user's own ${names.join(', ')}, and the gateway has ${store.missing}`);
    const values = store.values(subject, server, names);
    const missing = names.filter((n) => values[n] === undefined);
    if (missing.length > 0) {
      const at = this.address !== undefined ? ` --gateway http://${this.address.host.includes(':') ? `[${this.address.host}]` : this.address.host}:${this.address.port}` : '';
      throw new ProtocolError(ProtocolErrorCode.InvalidRequest, `server ${server} needs your own ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'each'} once with: ${missing.map((n) => `mcp-orchestrator auth set ${server} ${n}${at}`).join('; ')}`);
    }
    return values;
  }

  private personalStoreCache: { readonly project: string; readonly store: UserSecrets | { readonly missing: string } } | undefined;

  private personalStore(): UserSecrets | { readonly missing: string } {
    if (this.personalStoreCache?.project !== this.spec.project) this.personalStoreCache = { project: this.spec.project, store: UserSecrets.open(this.spec.project, this.options.env) };
    return this.personalStoreCache.store;
  }

  /** A client session's container of `server`, once it runs. */
  private async sessionTarget(server: string, name: string): Promise<UpstreamTarget | undefined> {
    const spec = this.spec.servers.find((s) => s.name === server);
    // By its name: the engine answers for one container faster than it lists the project's.
    const running = (await this.options.engine.inspectContainer(name).catch(() => undefined))?.running === true;
    if (spec === undefined || !running) return undefined;
    return this.targetFor(spec.transport, name, spec.networks.map((n) => networkName(this.spec.project, n)));
  }

  /**
   * A stopping serve's client sessions end with it: their containers go now, as `test` removes its
   * own probes (the next serve or apply removes what a killed one left).
   */
  private async removeOwnSessions(): Promise<void> {
    const owner = probeOwner();
    const project = this.project;
    if (project === undefined || this.options.reconcile === undefined) return;
    const observed = await this.options.engine.observe(project, []).catch(() => undefined);
    const own = observed?.containers.filter((c) => c.session?.owner === owner) ?? [];
    await Promise.all(own.map((c) => this.options.engine.removeContainer(c.id).catch(() => undefined)));
  }

  private upstreamFor(server: string): Upstream {
    let upstream = this.upstreams.get(server);
    if (upstream === undefined) {
      upstream = new Upstream(
        server,
        {
          listChanged: (_s, what) => this.face.listChanged(what),
          stateChanged: (s) => this.logState(s),
          resourceUpdated: (s, uri) => this.face.resourceUpdated(s, uri),
        },
        this.options.version,
        HEARTBEAT_MS,
      );
      this.upstreams.set(server, upstream);
    }
    return upstream;
  }

  private logReady(): void {
    if (this.announcedReady || !this.isReady) return;
    this.announcedReady = true;
    const servers = [...this.upstreams].map(([name, u]) => ({ name, state: u.status.state }));
    this.options.logger.info('gateway ready', { up: servers.filter((s) => s.state === 'up').map((s) => s.name), failed: servers.filter((s) => s.state !== 'up').map((s) => s.name) });
  }

  /**
   * Networks joined for servers that no longer run there are left: a `down` run elsewhere (while
   * this gateway serves with --no-apply) can then remove them.
   */
  private async leaveUnneeded(needed: ReadonlySet<string>): Promise<void> {
    const own = this.options.ownContainer;
    if (own === undefined) return;
    for (const n of [...this.joined].filter((x) => !needed.has(x))) {
      await this.options.engine.leaveNetwork(own, n).catch(() => undefined);
      this.joined.delete(n);
    }
  }

  /** The control tools follow gateway.control: on, off, or another mode, each a change of /mcp's tool list. */
  private syncControl(mode: StackSpec['gateway']['control']): void {
    if (mode === this.controlMode) return;
    this.controlMode = mode;
    if (mode === 'off') delete this.routing.control;
    else {
      this.routing.control = new ControlTools({
        mode,
        file: this.options.file,
        env: this.options.env,
        engine: this.options.engine,
        logger: this.options.logger,
        spec: () => this.spec,
        health: () => this.health().servers,
        ...(this.options.heldBack && { heldBack: this.options.heldBack }),
      });
    }
    this.face.listChanged('tools');
  }

  /** Swarm runs stdio servers bridged: the gateway reaches every server over HTTP, on any node. */
  private get bridged(): boolean {
    return this.spec.backend === 'swarm';
  }

  private async targetFor(transport: StackSpec['servers'][number]['transport'], containerId: string, networks: readonly string[]): Promise<UpstreamTarget> {
    const engine = this.options.engine;
    const endpoint = httpEndpointOf(transport, this.bridged);
    if (endpoint === undefined) {
      return {
        kind: 'stdio',
        containerId,
        attach: async () => {
          const early = [...this.attachedEarly].find(([, e]) => e.containerId === containerId);
          if (early === undefined) return engine.attachStdio(containerId);
          this.attachedEarly.delete(early[0]);
          return early[1].attached;
        },
      };
    }
    // An http server is reached on its container's address on a project network; a gateway that
    // runs in a container of its own joins that network first (on the host, bridge addresses route).
    const own = this.options.ownContainer;
    const status = await engine.inspectContainer(containerId);
    const network = networks.find((n) => (status.addresses[n] ?? '') !== '');
    let onNetwork = false;
    if (own !== undefined && network !== undefined) {
      try {
        if (!this.joined.has(network)) await engine.joinNetwork(own, network);
        this.joined.add(network);
        onNetwork = true;
      } catch (err) {
        // Another engine runs this container (DOCKER_HOST elsewhere): the address may still route.
        this.options.logger.warn('gateway could not join the server\'s network', { network, error: err instanceof Error ? err.message : String(err) });
      }
    }
    // Off the server's network, a Swarm task is reached at its host address (overlay addresses route only inside the overlay).
    const address =
      (onNetwork && network !== undefined ? status.addresses[network] : status.hostAddress) ??
      (network !== undefined ? status.addresses[network] : undefined) ??
      Object.values(status.addresses).find((a) => a !== '') ??
      '127.0.0.1';
    // A service keeps its ID when Swarm moves its task to another node: the task is what is connected to.
    const instance = status.instance === undefined ? containerId : `${containerId}/${status.instance}`;
    return { kind: 'http', containerId: instance, url: new URL(`http://${address}:${endpoint.port}${endpoint.path}`), headers: await bridgeHeaders(engine, this.spec.project, transport) };
  }

  private logState(server: string): void {
    const s = this.upstreams.get(server)?.status;
    if (s === undefined) return;
    this.logReady();
    if (s.state === 'down') this.options.logger.warn('server not available through the gateway', { server, reason: s.reason });
    else if (s.state === 'degraded') this.options.logger.warn('server degraded: left out of /mcp\'s lists until it answers again', { server, reason: s.reason });
    else this.options.logger.info(s.state === 'up' ? 'server available through the gateway' : 'server starting', { server });
  }
}
