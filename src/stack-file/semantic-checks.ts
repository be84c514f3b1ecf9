import * as path from 'node:path';
import { formatDiagnostic, type Diagnostic, type Severity } from '../errors';
import { envFromFiles } from './server-env';
import { pointer, type LocatedDocument } from './located-yaml';
import type { StackFile } from './stack-file.generated';
import { effectiveServers, isRemote, type EffectiveServer } from './effective-server';
import { checkContainerOnly, checkRemote, judgeRemoteUrl } from './remote-servers';
import type { ParseContext } from './spec-host';
import { CONTROL_NAMESPACE, DEFAULT_GATEWAY_SEPARATOR, DEFAULT_NETWORK, GATEWAY_SERVICE_NAME } from './stack-spec';
import { parseNpmSpec, parsePythonRequirement } from './package-specs';
import { parseDurationSeconds, parseImageReference, parsePort, parseSize, parseVolume, splitCommand, type PortBinding } from './value-parsers';
import { expandHome } from './normalise';
import { checkPolicy } from './policy';
import { checkUserReferences } from './user-references';

const RESERVED_LABEL_PREFIX = 'io.mcp-orchestrator.';

/**
 * What the schema cannot say: references between parts of the file, the short string
 * syntaxes, conflicts between servers, files that must exist. Collects every problem.
 */
export function checkSemantics(stack: StackFile, doc: LocatedDocument, ctx: ParseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Severity, at: string, message: string, key = false): void => {
    out.push({ severity, message, location: key ? doc.keyAt(at) : doc.valueAt(at) });
  };
  const all = effectiveServers(stack);
  const names = new Set(all.map((s) => s.name));
  const remotes = all.filter(isRemote);
  const remoteNames = new Set(remotes.map((s) => s.name));
  // Everything below is about containers; a remote server has its own checks.
  const servers = all.filter((s) => !isRemote(s));
  const allowPrivate = (stack.allow ?? []).includes('private_urls');
  for (const s of remotes) {
    checkRemote(s, doc, allowPrivate, (at, message, key) => report('error', at, message, key));
    const keyFile = s.entry.auth?.private_key_file;
    if (keyFile !== undefined) {
      const read = ctx.host.readText(path.resolve(ctx.dir, expandHome(keyFile, ctx.env)));
      const at = pointer(s.origin('auth'), 'private_key_file');
      if (!read.ok) report('error', at, `server "${s.name}": auth.private_key_file "${keyFile}" cannot be read: ${read.reason}`);
      else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(read.text)) report('error', at, `server "${s.name}": auth.private_key_file "${keyFile}" holds no PEM private key`);
    }
  }
  const networks = new Set([DEFAULT_NETWORK, ...Object.keys(stack.networks ?? {})]);
  const volumes = new Set(Object.keys(stack.volumes ?? {}));

  // Checked once where written: a problem in defaults is reported once, not once per server.
  const checked = new Set<string>();
  const once = (at: string): boolean => !checked.has(at) && checked.add(at) !== undefined;

  for (const s of servers) {
    checkSettings(s, stack, ctx, networks, volumes, report, once);
    checkSource(s, ctx, report);
    checkContainerOnly(s, (at, message, key) => report('error', at, message, key));
    (s.entry.depends_on ?? []).forEach((dep, i) => {
      const at = pointer(s.origin('depends_on'), i);
      if (dep === s.name) report('error', at, `server "${s.name}" depends on itself`);
      else if (remoteNames.has(dep)) report('error', at, `server "${s.name}" depends on "${dep}", a remote server: there is no container to start first`);
      else if (!names.has(dep)) report('error', at, `server "${s.name}" depends on "${dep}", which is not a server in this file`);
    });
  }
  out.push(...envFileProblems(servers, ctx));
  checkCycles(servers, names, report);
  checkSecrets(stack, servers, ctx, report);
  out.push(...checkPolicy(stack, servers, doc, ctx));
  if (stack.tls?.ca_file !== undefined) {
    const read = ctx.host.readText(path.resolve(ctx.dir, expandHome(stack.tls.ca_file, ctx.env)));
    if (!read.ok) report('error', '/tls/ca_file', `ca_file "${stack.tls.ca_file}" cannot be read: ${read.reason}`);
    else if (!read.text.includes('-----BEGIN CERTIFICATE-----')) report('error', '/tls/ca_file', `ca_file "${stack.tls.ca_file}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    // It is mounted into every image: server; a key in it would be handed to all of them.
    else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(read.text)) report('error', '/tls/ca_file', `ca_file "${stack.tls.ca_file}" holds a private key: a CA file holds certificates only`);
  }
  for (const kind of ['node', 'python'] as const) {
    const image = stack.runtimes?.[kind]?.image;
    const ref = image === undefined ? undefined : parseImageReference(image);
    if (ref && !ref.ok) report('error', `/runtimes/${kind}/image`, ref.message);
    const registry = stack.runtimes?.[kind]?.registry;
    if (registry !== undefined) {
      const url = URL.canParse(registry) ? new URL(registry) : undefined;
      if (url === undefined) report('error', `/runtimes/${kind}/registry`, `registry "${registry}" is not a URL`);
      // Build arguments are kept in the image's history: a password there would be in every image.
      else if (url.username !== '' || url.password !== '') report('error', `/runtimes/${kind}/registry`, 'registry URL holds credentials: give them in the runtime image\'s npm or uv configuration, not in the stack file');
    }
  }
  checkGateway(stack, all, report);
  checkGatewayAuth(stack, doc, report);
  checkUserReferences(stack, report);
  checkPortConflicts(servers, report);
  checkBackend(stack, servers, report, once);
  return out;
}

/**
 * Pairs of server names whose qualified names can meet: `b` is `a` followed by a beginning of the
 * separator that the separator repeats, as `a_` after `a` with `__` (`a___x` is `a`'s `_x` and
 * `a_`'s `x`). Pure.
 */
export function collidingNames(names: readonly string[], separator: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const a of names) {
    for (const b of names) {
      const rest = b.slice(a.length);
      if (b.startsWith(a) && rest.length > 0 && rest.length < separator.length && `${rest}${separator}`.startsWith(separator)) pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * The gateway's names must split back unambiguously: no server name may hold the separator
 * (`a` + `b__c` and `a__b` + `c` would both be `a__b__c`).
 */
function checkGateway(stack: StackFile, servers: readonly EffectiveServer[], report: Report): void {
  const separator = stack.gateway?.separator ?? DEFAULT_GATEWAY_SEPARATOR;
  for (const s of servers) {
    if (s.name.includes(separator)) report('error', pointer('/servers', s.name), `server name "${s.name}" holds the gateway's name separator "${separator}": its tools' names would be ambiguous; rename it or set gateway.separator`, true);
  }
  const idle = stack.gateway?.session_idle;
  if (idle !== undefined) {
    const parsed = parseDurationSeconds(idle);
    if (!parsed.ok) report('error', '/gateway/session_idle', parsed.message);
  }
  const all = servers.map((s) => s.name);
  for (const [a, b] of collidingNames(all, separator)) {
    report('error', pointer('/servers', b), `server names "${a}" and "${b}" make the same names with the gateway's separator "${separator}" ("${a}${separator}${b.slice(a.length)}x" is a tool of both); rename one or set gateway.separator`, true);
  }
  const names = new Set(all);
  const control = stack.gateway?.control;
  if (control !== undefined && control !== false && names.has(CONTROL_NAMESPACE)) {
    report('error', pointer('/servers', CONTROL_NAMESPACE), `server name "${CONTROL_NAMESPACE}" is where gateway.control puts the orchestrator's own tools; rename the server or turn control off`, true);
  }
  for (const [name, g] of Object.entries(stack.gateway?.servers ?? {})) {
    if (!names.has(name)) report('error', pointer('/gateway/servers', name), `gateway.servers names "${name}", which is not a server in this file`, true);
    const at = `${pointer('/gateway/servers', name)}/sessions`;
    if (g.sessions === 'per_client' || g.sessions === 'per_user') {
      const server = servers.find((s) => s.name === name);
      if (g.sessions === 'per_user' && stack.gateway?.auth === undefined) report('error', at, `server "${name}": sessions: per_user keeps a session per caller, which needs gateway.auth to know who is calling`);
      if (stack.backend === 'swarm') report('error', at, `server "${name}": sessions: ${g.sessions} is not built for backend: swarm yet (a task per session); use it with plain containers`);
      else if (((server?.entry['ports'] as unknown[] | undefined) ?? []).length > 0) {
        report('error', at, `server "${name}": sessions: ${g.sessions} makes a container per session, and published ports would collide between them; drop ports: or keep sessions shared`);
      }
      if ((g.warm ?? 0) > (g.max_sessions ?? 10)) report('error', `${pointer('/gateway/servers', name)}/warm`, `server "${name}": warm ${g.warm ?? 0} is more than max_sessions ${g.max_sessions ?? 10}`);
    } else {
      for (const key of ['max_sessions', 'warm'] as const) {
        if (g[key] !== undefined) report('error', `${pointer('/gateway/servers', name)}/${key}`, `server "${name}": ${key} is for sessions: per_client or per_user`);
      }
    }
  }
  const listen = stack.gateway?.listen;
  if (listen !== undefined) {
    const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
    if (!(port >= 1 && port <= 65535)) report('error', '/gateway/listen', `gateway.listen "${listen}": the port must be 1 to 65535`);
  }
  checkGatewayService(stack, names, report);
}

/** The gateway as a service: a Swarm thing, with a token clients send and at least one server behind it. */
/** gateway.auth: an issuer the outbound rules allow, no static token beside it, a secret from a variable. */
function checkGatewayAuth(stack: StackFile, doc: LocatedDocument, report: Report): void {
  checkGatewayRules(stack, report);
  const audit = stack.gateway?.audit;
  if (typeof audit === 'object' && audit.max_size !== undefined) {
    const size = parseSize(audit.max_size);
    if (!size.ok) report('error', '/gateway/audit/max_size', `gateway.audit.max_size: ${size.message}`);
  }
  for (const name of Object.keys(stack.gateway?.traces?.headers ?? {})) {
    const at = pointer('/gateway/traces/headers', name);
    if (!doc.readsVariable(at)) report('error', at, `gateway.traces.headers.${name} is written in the file: a collector's header carries a credential, so its value comes from a variable`);
  }
  const auth = stack.gateway?.auth;
  if (auth === undefined) return;
  if (stack.gateway?.token_env !== undefined) {
    report('error', '/gateway/token_env', 'gateway.token_env and gateway.auth: callers bring tokens from the issuer, or the one static token, not both', true);
  }
  const verdict = judgeRemoteUrl(auth.issuer, (stack.allow ?? []).includes('private_urls'));
  if (!verdict.ok) report('error', '/gateway/auth/issuer', `gateway.auth.issuer: ${verdict.message ?? ''}`);
  const skew = auth.clock_skew;
  if (skew !== undefined && !parseDurationSeconds(skew).ok) report('error', '/gateway/auth/clock_skew', `gateway.auth.clock_skew "${skew}" is not a duration`);
  if (auth.introspection !== undefined && !doc.readsVariable('/gateway/auth/introspection/client_secret')) {
    report('error', '/gateway/auth/introspection/client_secret', 'gateway.auth.introspection.client_secret is written in the file: it comes from a variable ("${GATEWAY_INTROSPECTION_SECRET}")');
  }
}

/** gateway.rules: they judge callers, so they need gateway.auth; each named once; the servers they name exist. */
function checkGatewayRules(stack: StackFile, report: Report): void {
  const rules = stack.gateway?.rules ?? [];
  if (rules.length === 0) return;
  if (stack.gateway?.auth === undefined) report('error', '/gateway/rules', 'gateway.rules judge callers by their tokens: they need gateway.auth', true);
  const servers = new Set([...effectiveServers(stack).map((s) => s.name), CONTROL_NAMESPACE]);
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = pointer('/gateway/rules', i);
    if (seen.has(rule.name)) report('error', `${at}/name`, `gateway.rules: two rules are named "${rule.name}": a decision names the rule that made it`);
    seen.add(rule.name);
    (rule.allow.servers ?? []).forEach((name, j) => {
      if (!/[*?]/.test(name) && !servers.has(name)) report('error', `${at}/allow/servers/${j}`, `gateway.rules "${rule.name}" allows server "${name}", which is not a server in this file`);
    });
  });
}

function checkGatewayService(stack: StackFile, names: ReadonlySet<string>, report: Report): void {
  const service = stack.gateway?.service;
  if (service === undefined) return;
  if (stack.backend !== 'swarm') report('error', '/gateway/service', 'gateway.service needs backend: swarm (a Swarm service in front of the servers\' tasks); with plain containers, serve is the gateway', true);
  if (service.token_secret === undefined) {
    if (stack.gateway?.auth === undefined) report('error', '/gateway/service', 'gateway.service needs token_secret (the secret clients send as their bearer token), or gateway.auth to say who is calling', true);
  } else if (!Object.hasOwn(stack.secrets ?? {}, service.token_secret)) {
    report('error', '/gateway/service/token_secret', `gateway.service.token_secret names "${service.token_secret}", which is not a secret in this file (secrets:): clients send its content as their bearer token`);
  }
  if (names.has(GATEWAY_SERVICE_NAME)) report('error', pointer('/servers', GATEWAY_SERVICE_NAME), `server name "${GATEWAY_SERVICE_NAME}" is the gateway service's; rename the server`, true);
  const served = [...names].filter((n) => stack.gateway?.servers?.[n]?.expose !== false);
  if (served.length === 0) report('error', '/gateway/service', 'gateway.service serves no server: every server has expose: false', true);
}

/** Settings only one backend has: a file asks for what its backend can do, or is told where it cannot. */
function checkBackend(stack: StackFile, servers: readonly EffectiveServer[], report: Report, once: (at: string) => boolean): void {
  // registry: is not among them: plain containers ignore it, and render kubernetes names images by it.
  const swarm = stack.backend === 'swarm';
  for (const s of servers) {
    const e = s.entry;
    const stdio = e.transport === undefined || e.transport === 'stdio' || (typeof e.transport === 'object' && e.transport.type === 'stdio');
    if (!swarm) {
      const swarmOnly: [string, boolean, string][] = [
        ['placement', e.placement !== undefined, s.origin('placement')],
        ['replicas', e.replicas !== undefined && e.replicas !== 1, s.origin('replicas')],
        ['resources.reservations', e.resources?.reservations !== undefined, s.origin('resources', 'reservations')],
      ];
      for (const [what, used, at] of swarmOnly) {
        if (used && once(at)) report('error', at, `${what} needs backend: swarm (the Swarm scheduler places and scales services); this file runs plain containers`, true);
      }
      continue;
    }
    if (stdio && e.replicas !== undefined && e.replicas > 1 && once(s.origin('replicas'))) {
      report('error', s.origin('replicas'), `server "${s.name}" is a stdio server: its clients share one process, so replicas must be 1 (an http server may run several)`);
    }
    const containerOnly: [string, boolean, string][] = [
      ['privileged', e.privileged === true, s.origin('privileged')],
      ['devices', (e.devices ?? []).length > 0, s.origin('devices')],
      ['pid', e.pid !== undefined, s.origin('pid')],
      ['network_mode', e.network_mode !== undefined, s.origin('network_mode')],
    ];
    for (const [what, used, at] of containerOnly) {
      if (used && once(at)) report('error', at, `server "${s.name}": ${what} is not available to Swarm services (backend: swarm)`, true);
    }
  }
}

/** Problems inside env files, located there; once each, though defaults: give one file to many servers. */
function envFileProblems(servers: readonly EffectiveServer[], ctx: ParseContext): Diagnostic[] {
  const found = new Map<string, Diagnostic>();
  for (const s of servers) {
    const files = typeof s.entry.env_file === 'string' ? [s.entry.env_file] : (s.entry.env_file ?? []);
    const abs = files.map((f) => path.resolve(ctx.dir, expandHome(f, ctx.env)));
    for (const d of envFromFiles(abs, s.entry.env ?? {}, ctx).diagnostics) found.set(formatDiagnostic(d), d);
  }
  return [...found.values()];
}

type Report = (severity: Severity, at: string, message: string, key?: boolean) => void;

function checkSettings(
  s: EffectiveServer,
  stack: StackFile,
  ctx: ParseContext,
  networks: ReadonlySet<string>,
  volumes: ReadonlySet<string>,
  report: Report,
  once: (at: string) => boolean,
): void {
  const e = s.entry;
  (e.volumes ?? []).forEach((text, i) => {
    const at = pointer(s.origin('volumes'), i);
    if (!once(at)) return;
    const v = parseVolume(text);
    if (!v.ok) return report('error', at, v.message);
    if (v.value.type === 'volume' && !volumes.has(v.value.source)) {
      report('error', at, `volume "${v.value.source}" is not declared under the top-level volumes:`);
    }
  });
  (e.networks ?? []).forEach((n, i) => {
    const at = pointer(s.origin('networks'), i);
    if (once(at) && !networks.has(n)) report('error', at, `network "${n}" is not declared under the top-level networks:`);
  });
  (e.ports ?? []).forEach((p, i) => {
    const at = pointer(s.origin('ports'), i);
    const parsed = parsePort(p);
    if (once(at) && !parsed.ok) report('error', at, parsed.message);
  });
  if (e.resources?.memory !== undefined) {
    const at = s.origin('resources', 'memory');
    const parsed = parseSize(e.resources.memory);
    if (once(at) && !parsed.ok) report('error', at, parsed.message);
    // The engine's own floor ("Minimum memory limit allowed is 6MB").
    else if (parsed.ok && parsed.value < 6 * 1024 * 1024) report('error', at, `memory limit ${e.resources.memory} is below the engine's minimum of 6m`);
  }
  if (e.resources?.reservations?.memory !== undefined) {
    const at = pointer(s.origin('resources', 'reservations'), 'memory');
    const parsed = parseSize(e.resources.reservations.memory);
    if (once(at) && !parsed.ok) report('error', at, parsed.message);
  }
  if (e.resources?.cpus !== undefined && (e.resources.cpus < 0.01 || e.resources.cpus > 1024)) {
    const at = s.origin('resources', 'cpus');
    if (once(at)) report('error', at, `cpus ${e.resources.cpus} is outside 0.01 to 1024 (the engine also refuses more than the host's CPUs)`);
  }
  if (e.resources?.pids !== undefined && e.resources.pids > Number.MAX_SAFE_INTEGER) {
    const at = s.origin('resources', 'pids');
    if (once(at)) report('error', at, `pids ${e.resources.pids} is more than the engine accepts`);
  }
  if (typeof e.ready === 'object' && e.ready.timeout !== undefined) {
    const at = s.origin('ready', 'timeout');
    const parsed = parseDurationSeconds(e.ready.timeout);
    if (once(at) && !parsed.ok) report('error', at, parsed.message);
  }
  // Swarm publishes through its routing mesh: two tasks behind one published port is what it does.
  if (e.rollout === 'start-first' && stack.backend !== 'swarm' && (e.ports ?? []).some((p) => String(p).includes(':')) && once(s.origin('rollout'))) {
    report('error', s.origin('rollout'), `server "${s.name}": rollout: start-first runs two instances at once, and both cannot publish the same host port; use stop-first or drop the host port`);
  }
  if (e.stop_timeout !== undefined) {
    const at = s.origin('stop_timeout');
    const parsed = parseDurationSeconds(e.stop_timeout);
    if (once(at) && !parsed.ok) report('error', at, parsed.message);
  }
  for (const key of ['command', 'entrypoint'] as const) {
    const value = e[key];
    const at = s.origin(key);
    if (typeof value === 'string' && once(at)) {
      const parsed = splitCommand(value);
      if (!parsed.ok) report('error', at, parsed.message);
    }
  }
  for (const key of Object.keys(e.labels ?? {})) {
    const at = s.origin('labels', key);
    if (key.startsWith(RESERVED_LABEL_PREFIX) && once(at)) {
      report('error', at, `label "${key}" uses the reserved prefix ${RESERVED_LABEL_PREFIX}`, true);
    }
  }
  checkTransport(s, report, once);
  if (e.network_mode !== undefined && e.networks !== undefined && once(s.origin('networks'))) {
    report('error', s.origin('networks'), `server "${s.name}": networks do not apply with network_mode: ${e.network_mode}`);
  }
  if (e.network_mode !== undefined && (e.ports ?? []).length > 0 && once(s.origin('ports'))) {
    report('error', s.origin('ports'), `server "${s.name}": ports do not apply with network_mode: ${e.network_mode}`);
  }
  const envFiles = typeof e.env_file === 'string' ? [e.env_file] : (e.env_file ?? []);
  envFiles.forEach((f, i) => {
    const at = typeof e.env_file === 'string' ? s.origin('env_file') : pointer(s.origin('env_file'), i);
    if (!once(at)) return;
    const abs = path.resolve(ctx.dir, expandHome(f, ctx.env));
    const read = ctx.host.readText(abs);
    if (!read.ok) return report('error', at, `env_file "${f}" cannot be read: ${read.reason}`);
    const mode = ctx.host.mode?.(abs);
    if (mode !== undefined && (mode & 0o004) !== 0) {
      report('warning', at, `env_file "${f}" is readable by every user on this machine (mode ${(mode & 0o777).toString(8)}); consider chmod 600`);
    }
  });
}

function checkSecrets(stack: StackFile, servers: readonly EffectiveServer[], ctx: ParseContext, report: Report): void {
  const declared = stack.secrets ?? {};
  for (const [name, secret] of Object.entries(declared)) {
    const at = pointer(pointer('/secrets', name), 'file');
    const file = path.resolve(ctx.dir, expandHome(secret.file, ctx.env));
    const read = ctx.host.readText(file);
    if (!read.ok) report('error', at, `secret "${name}": file "${secret.file}" cannot be read: ${read.reason}`);
    const mode = ctx.host.mode?.(file);
    if (read.ok && mode !== undefined && (mode & 0o004) !== 0) {
      report('warning', at, `secret "${name}": file "${secret.file}" is readable by every user on this machine (mode ${(mode & 0o777).toString(8)}); consider chmod 600`);
    }
  }
  for (const s of servers) {
    (s.entry.secrets ?? []).forEach((name, i) => {
      if (!Object.hasOwn(declared, name)) report('error', pointer(s.origin('secrets'), i), `secret "${name}" is not declared under the top-level secrets:`);
    });
  }
}

function checkTransport(s: EffectiveServer, report: Report, once: (at: string) => boolean): void {
  const t = s.entry.transport;
  const at = s.origin('transport');
  if (t === undefined || !once(at)) return;
  if (t === 'http' || (typeof t === 'object' && t.type === 'http' && t.port === undefined)) {
    report('error', at, `server "${s.name}": transport http needs a port: write transport: { type: http, port: 8080, path: /mcp }`);
  }
  if (typeof t === 'object' && t.type === 'stdio' && (t.port !== undefined || t.path !== undefined)) {
    report('error', at, `server "${s.name}": port and path apply only to transport http`);
  }
}

function checkSource(s: EffectiveServer, ctx: ParseContext, report: Report): void {
  const e = s.entry;
  const build = e.build;
  if (build !== undefined) {
    const context = typeof build === 'string' ? build : build.context;
    const at = typeof build === 'string' ? s.origin('build') : pointer(s.origin('build'), 'context');
    if (!ctx.host.isDirectory(path.resolve(ctx.dir, expandHome(context, ctx.env)))) {
      report('error', at, `build context "${context}" is not a directory (resolved against ${ctx.dir})`);
    }
  }
  (e.develop?.watch ?? []).forEach((w, i) => {
    const at = pointer(pointer(pointer(s.origin('develop'), 'watch'), i), 'path');
    if (!ctx.host.exists(path.resolve(ctx.dir, expandHome(w.path, ctx.env)))) {
      report('error', at, `develop.watch path "${w.path}" does not exist (resolved against ${ctx.dir})`);
    }
    if (w.action === 'rebuild' && build === undefined) {
      report('error', pointer(pointer(pointer(s.origin('develop'), 'watch'), i), 'action'), `server "${s.name}": action rebuild needs a build: source to rebuild; use restart for image:, npx: and uvx: servers`);
    }
  });
  if (e.image !== undefined) {
    const ref = parseImageReference(e.image);
    if (!ref.ok) report('error', s.origin('image'), ref.message);
  }
  if (typeof build === 'object' && build.tag !== undefined) {
    const ref = parseImageReference(build.tag);
    if (!ref.ok) report('error', pointer(s.origin('build'), 'tag'), ref.message);
  }
  if (e.npx !== undefined) {
    const npm = parseNpmSpec(e.npx);
    if (!npm.ok) report('error', s.origin('npx'), npm.message);
    else if (!npm.pinned) report('warning', s.origin('npx'), `npx package "${e.npx}" has no exact version: pin it (e.g. ${npm.name}@1.2.3) so every apply runs the same code`);
  }
  if (e.uvx !== undefined) {
    const py = parsePythonRequirement(e.uvx);
    if (!py.ok) report('error', s.origin('uvx'), py.message);
    else if (!py.pinned) report('warning', s.origin('uvx'), `uvx package "${e.uvx}" has no exact version: pin it (e.g. ${py.name}==1.2.3) so every apply runs the same code`);
  }
}

function checkCycles(servers: readonly EffectiveServer[], names: ReadonlySet<string>, report: Report): void {
  const deps = new Map(servers.map((s) => [s.name, (s.entry.depends_on ?? []).filter((d) => names.has(d) && d !== s.name)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const first = cycle[0] ?? name;
      if (!reported.has(first)) {
        cycle.forEach((n) => reported.add(n));
        const s = servers.find((x) => x.name === first);
        if (s) report('error', s.origin('depends_on'), `depends_on forms a cycle: ${cycle.join(' -> ')}`);
      }
      return;
    }
    state.set(name, 'visiting');
    for (const d of deps.get(name) ?? []) visit(d, [...trail, name]);
    state.set(name, 'done');
  };
  for (const s of servers) visit(s.name, []);
}

function checkPortConflicts(servers: readonly EffectiveServer[], report: Report): void {
  const taken = new Map<string, string>();
  for (const s of servers) {
    (s.entry.ports ?? []).forEach((p, i) => {
      const parsed = parsePort(p);
      if (!parsed.ok || parsed.value.hostPort === undefined) return;
      const key = bindingKey(parsed.value);
      const holder = taken.get(key);
      if (holder !== undefined) {
        report('error', pointer(s.origin('ports'), i), `host port ${parsed.value.hostPort}/${parsed.value.protocol} is already published by server "${holder}"`);
      } else {
        taken.set(key, s.name);
      }
    });
  }
}

function bindingKey(p: PortBinding): string {
  // 0.0.0.0 overlaps every address, so conflicts are keyed on the port alone.
  return `${p.hostPort ?? ''}/${p.protocol}`;
}
