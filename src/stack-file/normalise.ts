import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { envFromFiles } from './server-env';
import { parseNpmSpec, parsePythonRequirement } from './package-specs';
import type { Variables } from './interpolate';
import type { Placement as FilePlacement, StackFile } from './stack-file.generated';
import { effectiveServers, isRemote, type EffectiveServer } from './effective-server';
import { pointer } from './located-yaml';
import type { ParseContext } from './spec-host';
import {
  DEFAULT_GATEWAY_LISTEN,
  DEFAULT_GATEWAY_SEPARATOR,
  DEFAULT_LOGGING,
  DEFAULT_NETWORK,
  DEFAULT_READY_TIMEOUT_SECONDS,
  type GatewaySpec,
  type ReadySpec,
  type RemoteAuth,
  type RemoteSpec,
  DEFAULT_RUNTIMES,
  type LoggingSpec,
  type NetworkSpec,
  type PackageRuntime,
  type Placement,
  type ServerSource,
  type ServerSpec,
  type StackSpec,
  type Transport,
  type ValuesFromVariables,
  type VolumeSpec,
} from './stack-spec';
import { parseDurationSeconds, parsePort, parseSize, parseVolume, splitCommand, type Parsed, type VolumeMount } from './value-parsers';

/** `~` and `~/x` against HOME, as a shell would; other paths unchanged. */
export function expandHome(p: string, env: Variables): string {
  if (p !== '~' && !p.startsWith('~/')) return p;
  return path.join(env.get('HOME') ?? '/', p.slice(1));
}

/** Lowercases and strips what Docker does not accept, as Compose does for directory names. */
export function projectNameFromDir(dir: string): string {
  return path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
}

/** Turns a stack file that passed every check into a StackSpec. */
function runtime(stack: StackFile, kind: 'node' | 'python'): PackageRuntime {
  const r = stack.runtimes?.[kind];
  return { image: r?.image ?? DEFAULT_RUNTIMES[kind], ...(r?.registry !== undefined && { registry: r.registry }) };
}

export function normaliseStack(stack: StackFile, ctx: ParseContext, templateAt: TemplateAt = () => undefined): StackSpec {
  const project = stack.project ?? projectNameFromDir(ctx.dir);
  const caFile = stack.tls?.ca_file !== undefined ? resolved(stack.tls.ca_file, ctx) : undefined;
  const ca = caFile !== undefined ? ctx.host.readText(caFile) : undefined;
  const all = effectiveServers(stack);
  const servers = all.filter((s) => !isRemote(s)).map((s) => normaliseServer(s, ctx, templateAt));
  const allowPrivate = (stack.allow ?? []).includes('private_urls');
  const remotes = all.filter(isRemote).map((s) => normaliseRemote(s, allowPrivate, ctx));
  return {
    file: ctx.file,
    dir: ctx.dir,
    project,
    allow: [...new Set(stack.allow ?? [])].sort(),
    backend: stack.backend ?? 'containers',
    ...(stack.registry !== undefined && { registry: stack.registry }),
    servers,
    ...(remotes.length > 0 && { remotes }),
    gateway: gateway(stack.gateway, all.map((s) => s.name).sort(), allowPrivate, ctx),
    networks: Object.keys(stack.networks ?? {})
      .sort()
      .map((name): NetworkSpec => {
        const n = stack.networks?.[name] ?? null;
        return { name, driver: n?.driver ?? (stack.backend === 'swarm' ? 'overlay' : 'bridge'), internal: n?.internal ?? false, labels: stringMap(n?.labels) };
      }),
    volumes: Object.keys(stack.volumes ?? {})
      .sort()
      .map((name): VolumeSpec => {
        const v = stack.volumes?.[name] ?? null;
        return { name, driver: v?.driver ?? 'local', labels: stringMap(v?.labels) };
      }),
    runtimes: { node: runtime(stack, 'node'), python: runtime(stack, 'python') },
    ...(caFile !== undefined && ca?.ok && { tls: { caFile, caPem: ca.text } }),
    secrets: Object.keys(stack.secrets ?? {})
      .sort()
      .map((name) => {
        const file = resolved(stack.secrets?.[name]?.file ?? '', ctx);
        const read = ctx.host.readText(file);
        return { name, file, digest: createHash('sha256').update(read.ok ? read.text : '').digest('hex') };
      }),
  };
}

/** What the file wrote at a pointer, when the value there read a variable. */
export type TemplateAt = (pointer: string) => string | undefined;

function normaliseServer(s: EffectiveServer, ctx: ParseContext, templateAt: TemplateAt): ServerSpec {
  const e = s.entry;
  const envFiles = (typeof e.env_file === 'string' ? [e.env_file] : (e.env_file ?? [])).map((f) =>
    path.resolve(ctx.dir, expandHome(f, ctx.env)),
  );
  const env = envFromFiles(envFiles, e.env ?? {}, ctx).values;
  const fromOutside = new Set(env.keys());
  for (const [k, v] of Object.entries(e.env ?? {})) {
    const value = v === null ? ctx.env.get(k) : String(v);
    if (value === undefined) continue;
    env.set(k, value);
    if (v === null || templateAt(s.origin('env', k)) !== undefined) fromOutside.add(k);
    else fromOutside.delete(k);
  }
  const memory = e.resources?.memory;
  const spec: ServerSpec = {
    name: s.name,
    source: source(s, ctx),
    ...(e.command !== undefined && { command: commandList(e.command) }),
    ...(e.entrypoint !== undefined && { entrypoint: commandList(e.entrypoint) }),
    args: (e.args ?? []).map(String),
    env: sortedRecord(Object.fromEntries(env)),
    envFiles,
    envFromOutside: [...fromOutside].sort(),
    ...variablesOf(s, templateAt),
    mounts: (e.volumes ?? []).map((v) => mount(must(parseVolume(v)), ctx)),
    networks: e.network_mode !== undefined ? [] : [...new Set(e.networks ?? [DEFAULT_NETWORK])].sort(),
    ...(e.network_mode !== undefined && { networkMode: e.network_mode }),
    ...(e.pid !== undefined && { pidMode: e.pid }),
    devices: e.devices ?? [],
    secrets: [...new Set(e.secrets ?? [])].sort(),
    ports: (e.ports ?? []).map((p) => must(parsePort(p))),
    transport: transport(e.transport),
    restart: e.restart ?? 'unless-stopped',
    ...(e.user !== undefined && { user: e.user }),
    ...(e.working_dir !== undefined && { workingDir: e.working_dir }),
    labels: stringMap(e.labels),
    resources: {
      ...(memory !== undefined && { memoryBytes: must(parseSize(memory)) }),
      ...(e.resources?.cpus !== undefined && { nanoCpus: Math.round(e.resources.cpus * 1e9) }),
      ...(e.resources?.pids !== undefined && { pids: e.resources.pids }),
      ...(e.resources?.reservations !== undefined && { reservations: reservations(e.resources.reservations) }),
    },
    replicas: e.replicas ?? 1,
    ...(e.placement !== undefined && {
      placement: placement(e.placement),
    }),
    readOnly: e.read_only ?? false,
    logging: logging(e.logging, e.transport),
    init: e.init ?? true,
    privileged: e.privileged ?? false,
    noNewPrivileges: e.no_new_privileges ?? true,
    capAdd: [...new Set(e.cap_add ?? [])].sort(),
    capDrop: [...new Set(e.cap_drop ?? ['ALL'])].sort(),
    ...(e.stop_timeout !== undefined && { stopTimeoutSeconds: must(parseDurationSeconds(e.stop_timeout)) }),
    ready: readySpec(e.ready),
    rollout: e.rollout ?? 'stop-first',
    dependsOn: [...new Set(e.depends_on ?? [])].sort(),
    develop: (e.develop?.watch ?? []).map((w) => ({
      path: path.resolve(ctx.dir, expandHome(w.path, ctx.env)),
      action: w.action,
      ignore: w.ignore ?? [],
    })),
  };
  return spec;
}

function reservations(r: { memory?: string | number; cpus?: number }): { memoryBytes?: number; nanoCpus?: number } {
  return {
    ...(r.memory !== undefined && { memoryBytes: must(parseSize(r.memory)) }),
    ...(r.cpus !== undefined && { nanoCpus: Math.round(r.cpus * 1e9) }),
  };
}

function source(s: EffectiveServer, ctx: ParseContext): ServerSource {
  const e = s.entry;
  if (e.image !== undefined) return { kind: 'image', image: e.image };
  if (e.npx !== undefined || e.uvx !== undefined) {
    // Checked before normalising: the spec parses.
    const kind = e.npx !== undefined ? 'npx' : 'uvx';
    const parsed = e.npx !== undefined ? parseNpmSpec(e.npx) : parsePythonRequirement(e.uvx ?? '');
    if (!parsed.ok) throw new Error(`unchecked ${kind} spec reached normalise: ${parsed.message}`);
    return { kind, package: parsed.install, name: parsed.name };
  }
  const b = typeof e.build === 'string' ? { context: e.build } : (e.build ?? { context: '.' });
  return {
    kind: 'build',
    context: resolved(b.context, ctx),
    dockerfile: 'dockerfile' in b && b.dockerfile !== undefined ? b.dockerfile : 'Dockerfile',
    args: stringMap('args' in b ? b.args : undefined),
    ...('target' in b && b.target !== undefined && { target: b.target }),
    ...('tag' in b && b.tag !== undefined && { tag: b.tag }),
  };
}

function logging(l: { driver?: string; options?: Record<string, string> } | undefined, t: ServerSpecTransportInput): LoggingSpec {
  const fallback = DEFAULT_LOGGING[transport(t).type];
  if (l === undefined) return fallback;
  // A driver named without options gets that driver's own defaults; options alone refine json-file.
  const driver = l.driver ?? fallback.driver;
  return { driver, options: sortedRecord({ ...(l.driver === undefined ? fallback.options : {}), ...(l.options ?? {}) }) };
}

/** Long enough for a person's pause between two uses of a tool; short enough that abandoned sessions go. */
const DEFAULT_SESSION_IDLE_SECONDS = 30 * 60;

/** A per-client server's sessions at once, when the file does not say. */
const DEFAULT_MAX_CLIENT_SESSIONS = 10;

/** What gateway.auth accepts when it says nothing: asymmetric signatures only. */
const DEFAULT_ALGORITHMS = ['ES256', 'EdDSA', 'PS256', 'RS256'];

function gateway(g: StackFile['gateway'], servers: readonly string[], allowPrivate: boolean, ctx: ParseContext): GatewaySpec {
  const listen = g?.listen !== undefined ? splitListen(g.listen) : DEFAULT_GATEWAY_LISTEN;
  const a = g?.auth;
  return {
    listen,
    separator: g?.separator ?? DEFAULT_GATEWAY_SEPARATOR,
    ...(g?.token_env !== undefined && { tokenEnv: g.token_env }),
    ...(a !== undefined && {
      auth: {
        issuer: a.issuer,
        audience: a.audience,
        algorithms: [...(a.algorithms ?? DEFAULT_ALGORITHMS)].sort(),
        scopes: [...(a.scopes ?? [])].sort(),
        clockSkewSeconds: a.clock_skew !== undefined ? must(parseDurationSeconds(a.clock_skew)) : 60,
        ...(a.introspection !== undefined && { introspection: { clientId: a.introspection.client_id, clientSecret: a.introspection.client_secret } }),
        allowPrivate,
      },
    }),
    ...(g?.rules !== undefined && g.rules.length > 0 && { rules: g.rules.map((r) => ({ name: r.name, when: { ...(r.when ?? {}) }, allow: { ...r.allow } })) }),
    ...(g?.audit !== undefined && {
      audit: g.audit === 'stdout' ? ('stdout' as const) : { file: path.resolve(ctx.dir, expandHome(g.audit.file, ctx.env)), maxBytes: g.audit.max_size !== undefined ? must(parseSize(g.audit.max_size)) : 10 * 1024 * 1024, maxFiles: g.audit.max_files ?? 5 },
    }),
    ...(g?.metrics === true && { metrics: true as const }),
    ...(g?.traces !== undefined && {
      traces: { endpoint: g.traces.endpoint, headers: sortedRecord(g.traces.headers ?? {}), serviceName: g.traces.service_name ?? 'mcp-orchestrator-gateway', sampleRatio: g.traces.sample_ratio ?? 1 },
    }),
    allowedHosts: [...new Set(g?.allowed_hosts ?? [])].sort(),
    sessionIdleSeconds: g?.session_idle !== undefined ? must(parseDurationSeconds(g.session_idle)) : DEFAULT_SESSION_IDLE_SECONDS,
    control: g?.control === true || g?.control === 'propose' ? 'propose' : g?.control === 'apply' ? 'apply' : 'off',
    ...(g?.service !== undefined && {
      service: {
        image: g.service.image,
        ...(g.service.token_secret !== undefined && { tokenSecret: g.service.token_secret }),
        port: g.service.port ?? listen.port,
        replicas: g.service.replicas ?? 1,
        ...(g.service.placement !== undefined && { placement: placement(g.service.placement) }),
      },
    }),
    servers: servers
      .filter((name) => g?.servers?.[name]?.expose !== false)
      .map((name) => {
        const entry = g?.servers?.[name];
        const tools = entry?.tools;
        return {
          name,
          ...(tools !== undefined && { tools: { ...(tools.allow && { allow: tools.allow }), ...(tools.deny && { deny: tools.deny }) } }),
          ...((entry?.sessions === 'per_client' || entry?.sessions === 'per_user') && {
            perClient: { maxSessions: entry.max_sessions ?? DEFAULT_MAX_CLIENT_SESSIONS, by: entry.sessions === 'per_user' ? ('user' as const) : ('client' as const), warm: entry.warm ?? 0 },
          }),
        };
      }),
  };
}

function placement(p: FilePlacement): Placement {
  return { constraints: p.constraints ?? [], spread: (p.preferences ?? []).map((x) => x.spread) };
}

/** A remote server (url:), checked already: its endpoint, transport and headers. */
function normaliseRemote(s: EffectiveServer, allowPrivate: boolean, ctx: ParseContext): RemoteSpec {
  const e = s.entry;
  const a = e.auth;
  const key = a?.private_key_file === undefined ? undefined : ctx.host.readText(resolved(a.private_key_file, ctx));
  const auth: RemoteAuth | undefined = a && {
    grant: a.grant ?? 'authorization_code',
    ...(a.issuer !== undefined && { issuer: a.issuer }),
    ...(a.client_id !== undefined && { clientId: a.client_id }),
    ...(a.client_secret !== undefined && { clientSecret: a.client_secret }),
    ...(key?.ok === true && { privateKeyPem: key.text, signingAlgorithm: a.signing_algorithm ?? 'RS256' }),
    ...(a.client_metadata_url !== undefined && { clientMetadataUrl: a.client_metadata_url }),
    ...(a.scopes !== undefined && { scopes: [...a.scopes] }),
  };
  return {
    ...(auth !== undefined && { auth }),
    name: s.name,
    url: e.url ?? '',
    transport: e.transport === 'sse' ? 'sse' : 'streamable-http',
    headers: sortedRecord(e.headers ?? {}),
    timeoutSeconds: readySpec(e.ready).timeoutSeconds,
    allowPrivate,
  };
}

function readySpec(r: EffectiveServer['entry']['ready']): ReadySpec {
  // The schema allows only mcp and running as a string.
  if (r === undefined || typeof r === 'string') return { check: (r ?? 'mcp') as ReadySpec['check'], timeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS };
  return { check: r.check ?? 'mcp', timeoutSeconds: r.timeout !== undefined ? must(parseDurationSeconds(r.timeout)) : DEFAULT_READY_TIMEOUT_SECONDS };
}

/** `host:port`, `[v6]:port`: checked by the schema's pattern and the port range check. */
export function splitListen(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(colon + 1)) };
}

function transport(t: ServerSpecTransportInput): Transport {
  if (t === undefined || t === 'stdio' || (typeof t === 'object' && t.type === 'stdio')) return { type: 'stdio' };
  const o = typeof t === 'object' ? t : { type: 'http' as const };
  return { type: 'http', port: o.port ?? 0, path: o.path ?? '/mcp' };
}
type ServerSpecTransportInput = EffectiveServer['entry']['transport'];

function mount(m: VolumeMount, ctx: ParseContext): VolumeMount {
  return m.type === 'bind' ? { ...m, source: resolved(m.source, ctx) } : m;
}

/**
 * A host path as policy judged it, every link followed: what the engine mounts is what was
 * checked, even if a link is changed after the check.
 */
function resolved(written: string, ctx: ParseContext): string {
  return ctx.host.resolve(path.resolve(ctx.dir, expandHome(written, ctx.env))).real;
}

/** Where a server's values read variables, as written (see ServerSpec.variables). */
function variablesOf(s: EffectiveServer, templateAt: TemplateAt): { variables?: ValuesFromVariables } {
  const e = s.entry;
  const out: Record<string, Record<string, string>> = {};
  const put = (field: string, key: string, template: string | undefined): void => {
    if (template !== undefined) (out[field] ??= {})[key] = template;
  };
  (e.args ?? []).forEach((_, i) => put('args', String(i), templateAt(pointer(s.origin('args'), i))));
  for (const field of ['command', 'entrypoint'] as const) {
    const c = e[field];
    if (typeof c === 'string') {
      // A command written as one string is split into words: its template is split the same way.
      const template = templateAt(s.origin(field));
      if (template === undefined) continue;
      const words = splitCommand(template);
      const value = commandList(c);
      if (words.ok && words.value.length === value.length) words.value.forEach((w, i) => w !== value[i] && put(field, String(i), w));
      // A variable's value that splits into more or fewer words: no word maps to a template.
      else put(field, '*', template);
    } else (c ?? []).forEach((_, i) => put(field, String(i), templateAt(pointer(s.origin(field), i))));
  }
  for (const k of Object.keys(e.env ?? {})) put('env', k, templateAt(s.origin('env', k)));
  for (const k of Object.keys(e.labels ?? {})) put('labels', k, templateAt(s.origin('labels', k)));
  return Object.keys(out).length > 0 ? { variables: out } : {};
}

function commandList(c: string | string[]): string[] {
  return typeof c === 'string' ? must(splitCommand(c)) : c;
}

function stringMap(m: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return sortedRecord(Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, String(v)])));
}

function sortedRecord(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Semantic checks ran first, so a failed parse here is a bug, not bad input. */
function must<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`internal: unchecked value reached normalisation: ${p.message}`);
  return p.value;
}
