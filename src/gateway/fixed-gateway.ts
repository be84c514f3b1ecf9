import * as dns from 'node:dns/promises';
import * as net from 'node:net';
import type { Logger } from '../logging/logger';
import { allowedHostsFor } from './addresses';
import { newRouting } from './endpoint-server';
import type { CallerSettings } from './caller-settings';
import { GatewayMetrics } from './gateway-metrics';
import { RequestTraces } from './request-traces';
import { HttpFace } from './http-face';
import type { ToolFilter } from './names';
import { Upstream, type UpstreamTarget } from './upstream';

type HttpTarget = Extract<UpstreamTarget, { kind: 'http' }>;

/** One server the gateway reaches at a fixed URL (a Kubernetes Service, a bridge, any remote MCP server). */
export interface FixedUpstream {
  readonly name: string;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly tools?: ToolFilter;
  /**
   * Resolve the URL's host name each time a session is opened, and keep the session on the one
   * address it got: a name that answers with every replica's address (Swarm's tasks.<service>)
   * would otherwise send a session's requests to replicas that do not know it.
   */
  readonly resolve?: boolean;
}

export interface FixedGatewayOptions {
  readonly upstreams: readonly FixedUpstream[];
  readonly listen: { readonly host: string; readonly port: number };
  readonly token?: string;
  readonly allowedHosts: readonly string[];
  readonly separator: string;
  readonly version: string;
  readonly logger: Logger;
  /** How often each upstream is checked (a ping) and, when it is down, connected again. */
  readonly checkEveryMs?: number;
  /** Who is calling (gateway.auth, rules, audit, metrics of a stack file), instead of `token`. */
  readonly callers?: CallerSettings;
}

export interface FixedGateway {
  readonly address: { host: string; port: number };
  close(): Promise<void>;
}

const CHECK_EVERY_MS = 5_000;
const PING_TIMEOUT_MS = 5_000;

/**
 * The gateway where no engine says where servers run: each server at a URL that stays the same
 * while what answers there changes (a Service whose pod is replaced). Same guarantees as `serve`'s
 * gateway (one upstream session per server shared by every client, both eras, filters and names);
 * instead of engine events, a ping per server finds a session its server no longer knows, and the
 * session is opened again on the new process.
 */
export async function startFixedGateway(options: FixedGatewayOptions): Promise<FixedGateway> {
  const { logger } = options;
  let face: HttpFace | undefined;
  const upstreams = new Map<string, Upstream>();
  const filters = new Map<string, ToolFilter>();
  const targets = new Map<string, HttpTarget>();
  const resolving = new Set<string>();
  for (const u of options.upstreams) {
    const upstream = new Upstream(
      u.name,
      {
        listChanged: (_s, what) => face?.listChanged(what),
        stateChanged: (s) => {
          const state = upstreams.get(s)?.status;
          if (state?.state === 'down') logger.warn('server not available through the gateway', { server: s, reason: state.reason });
          else if (state?.state === 'up') logger.info('server available through the gateway', { server: s });
        },
        resourceUpdated: (s, uri) => face?.resourceUpdated(s, uri),
      },
      options.version,
    );
    upstreams.set(u.name, upstream);
    if (u.tools !== undefined) filters.set(u.name, u.tools);
    targets.set(u.name, { kind: 'http', containerId: u.url.href, url: u.url, ...(u.headers !== undefined && { headers: u.headers }) });
    if (u.resolve === true) resolving.add(u.name);
  }
  const routing = newRouting(upstreams, filters, logger);
  routing.separator = options.separator;
  const callers = options.callers;
  if (callers?.rules !== undefined) routing.rules = callers.rules;
  const traces = callers?.traces !== undefined ? new RequestTraces(callers.traces, options.version, logger) : undefined;
  face = new HttpFace({
    routing,
    version: options.version,
    allowedHosts: allowedHostsFor(options.listen.host, options.allowedHosts),
    ...(options.token !== undefined && { token: options.token }),
    ...(callers?.callerAuth !== undefined && { callerAuth: callers.callerAuth }),
    ...(callers?.audit !== undefined && { audit: callers.audit }),
    ...(traces !== undefined && { traces }),
    ...(callers?.metrics === true && { metrics: new GatewayMetrics({ legacySessions: () => face?.sessionCount ?? 0, upstreams: () => [...upstreams].map(([server, u]) => ({ server, state: u.status.state })) }) }),
    ready: () => [...upstreams.values()].every((u) => u.status.state !== 'starting'),
    health: () => ({ status: 'up', sessions: face?.sessionCount ?? 0, servers: Object.fromEntries([...upstreams].sort(([a], [b]) => a.localeCompare(b)).map(([n, u]) => [n, u.health()])) }),
    onExchange: (r) => logger.debug('http', { method: r.method, path: r.path, status: r.status, ms: r.ms }),
  });

  const check = async (name: string, upstream: Upstream): Promise<void> => {
    const target = targets.get(name);
    if (target === undefined) return;
    if (upstream.status.state === 'up' || upstream.status.state === 'degraded') {
      try {
        await upstream.check(PING_TIMEOUT_MS);
        return;
      } catch (err) {
        // Down until a session is opened again: health says so meanwhile. A name resolved anew may
        // already lead to the server's new task; a fixed address waits for the next round.
        await upstream.moveTo(undefined, `did not answer a ping: ${err instanceof Error ? err.message : String(err)}`);
        if (!resolving.has(name)) return;
      }
    }
    if (!resolving.has(name)) return upstream.moveTo(target);
    const resolved = await addressOf(target);
    if (typeof resolved === 'string') return upstream.moveTo(undefined, resolved);
    logger.info('server resolved', { server: name, host: target.url.hostname, address: resolved.url.hostname });
    await upstream.moveTo(resolved);
  };
  // One round at a time: a server that takes its whole handshake timeout does not pile rounds up.
  let checking = false;
  const checkAll = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    await Promise.all([...upstreams].map(([n, u]) => check(n, u)));
    checking = false;
  };
  // Clients may come before every server answers: a server that comes later is announced (list_changed).
  void checkAll();
  const timer = setInterval(() => void checkAll(), options.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();
  const address = await face.listen(options.listen.host, options.listen.port);
  return {
    address,
    async close() {
      clearInterval(timer);
      // A handshake still running is dropped by the upstream's close (it no longer owns the session).
      routing.flows.close();
      await face?.close();
      await Promise.all([...upstreams.values()].map((u) => u.close()));
      await Promise.all([callers?.audit?.close(), traces?.close()]);
    },
  };
}

/**
 * The target at one address its host name has now, one that takes a connection (chosen at random
 * among those: gateways spread over the replicas), named by that address so a new one is a new
 * session; or why there is none. A name can still hold the address of a task that is gone (its
 * node was lost): a session opened there would wait out the whole handshake. Every address is
 * tried at once, so a name with many dead ones costs one connect timeout, not one each.
 */
async function addressOf(target: HttpTarget): Promise<HttpTarget | string> {
  const host = target.url.hostname;
  let addresses: string[];
  try {
    addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    return `${host} does not resolve: ${err instanceof Error ? err.message : String(err)}`;
  }
  const port = Number(target.url.port || (target.url.protocol === 'https:' ? 443 : 80));
  const taken = await Promise.all(addresses.map((a) => accepts(a, port)));
  const open = addresses.filter((_, i) => taken[i]);
  const address = open[Math.floor(Math.random() * open.length)];
  if (address === undefined) return addresses.length === 0 ? `${host} has no address` : `no address of ${host} takes a connection (${addresses.join(', ')})`;
  const url = new URL(target.url.href);
  url.hostname = address.includes(':') ? `[${address}]` : address;
  return { ...target, containerId: `${target.url.href} at ${address}`, url };
}

const CONNECT_TIMEOUT_MS = 2_000;

/** Whether a TCP connection to address:port is taken within CONNECT_TIMEOUT_MS. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: CONNECT_TIMEOUT_MS });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
