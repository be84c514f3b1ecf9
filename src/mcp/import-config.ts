import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Document, YAMLMap } from 'yaml';
import { parseNpmSpec, parsePythonRequirement } from '../stack-file/package-specs';
import { DANGEROUS_CAPABILITIES } from '../stack-file/policy';
import { judgeRemoteUrl } from '../stack-file/remote-servers';
import { fromDockerRun, type Mapped } from './import/docker-run';
import { containerPathFor, hostPath } from './import/host-paths';
import { SECRET_KEY, SecretNames, type SecretReference } from './import/secret-names';
import { redacted, stackArgs, stackValue, WORKSPACE, type ValueContext } from './import/stack-values';

/**
 * Client configs turned into a stack file: Claude Desktop's claude_desktop_config.json, Cursor's and
 * Windsurf's mcp.json (`mcpServers`), VS Code's mcp.json (`servers`) and settings.json
 * (`mcp.servers`). Pure: text in, text out (`exists` answers for paths beside the output). Secrets
 * become ${VAR} references the user sets outside the file; what cannot be mapped is kept as a
 * comment, with secrets masked.
 */
export interface ImportResult {
  readonly yaml: string;
  readonly servers: readonly string[];
  /** Variables the stack file now references and the user must set (never their values). */
  readonly secrets: readonly SecretReference[];
  /** Entries or parts that were kept as comments. */
  readonly notes: readonly string[];
}

export class ImportError extends Error {}

export interface ImportOptions {
  /** Whether a path (as the client config wrote it) exists beside the stack file being written. */
  readonly exists?: (relativePath: string) => boolean;
}

export function importClientConfig(text: string, source: string, project: string, options: ImportOptions = {}): ImportResult {
  const entries = serverEntries(text, source);
  const exists = options.exists ?? ((): boolean => false);
  const servers: Record<string, Record<string, unknown>> = {};
  const volumes = new Set<string>();
  const secrets = new SecretNames();
  const notes: string[] = [];
  const taken = new Set<string>();
  for (const [rawName, rawEntry] of Object.entries(entries)) {
    const name = uniqueName(serverName(rawName), taken);
    const entry = isRecord(rawEntry) ? rawEntry : {};
    const ctx: ValueContext = { server: name, secrets, usesWorkspace: false };
    const mapped = mapEntry(entry, ctx, exists);
    if (typeof mapped === 'string') {
      notes.push(`server "${rawName}" was not imported: ${mapped}. Its entry: ${JSON.stringify(redacted(entry))}`);
      continue;
    }
    if (ctx.usesWorkspace) {
      // The workspace holds this stack file: a server that could write it could widen what it may do.
      mapped.server['volumes'] = [...((mapped.server['volumes'] as string[] | undefined) ?? []), `.:${WORKSPACE}:ro`];
      notes.push(`server "${name}": the workspace (\${workspaceFolder}) is mounted read-only at ${WORKSPACE}, since it holds this stack file; to let the server write there, keep the stack file outside the directory it mounts`);
    }
    servers[name] = mapped.server;
    for (const v of mapped.volumes) volumes.add(v);
    notes.push(...mapped.notes.map((n) => `server "${name}": ${n}`));
  }
  notes.push(...secrets.notes);
  for (const v of volumes) notes.push(`named volume "${v}" is now the project's volume "${project}-${v}"; copy its data over if you need it`);
  const allow = permissionsNeeded(servers);
  if (allow.length > 0) notes.push(`allow: ${allow.join(', ')} was added because the client config gave its servers that power; review it`);
  const doc = new Document({
    version: 1,
    project,
    ...(allow.length > 0 && { allow }),
    servers,
    ...(volumes.size > 0 && { volumes: Object.fromEntries([...volumes].sort().map((v) => [v, {}])) }),
  });
  const variables = [...new Set(secrets.references.map((s) => s.variable))];
  doc.commentBefore = [
    ` Imported from ${source} by mcp-orchestrator import.`,
    variables.length ? ` Set these in your environment or in a .env file beside this file: ${variables.join(', ')}` : undefined,
    ...notes.map((n) => ` NOTE: ${n}`),
  ]
    .filter((l): l is string => l !== undefined)
    .join('\n');
  if (doc.contents instanceof YAMLMap) doc.contents.commentBefore = ' yaml-language-server: $schema=https://mcp-orchestrator.dev/schemas/mcp-stack.schema.json';
  return { yaml: doc.toString({ lineWidth: 0 }), servers: Object.keys(servers), secrets: secrets.references, notes };
}

/** The servers object of any of the supported shapes, or an ImportError that names the shapes. */
function serverEntries(text: string, source: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(text.startsWith('\uFEFF') ? text.slice(1) : text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) throw new ImportError(`${source}: not JSON (${printParseErrorCode(first.error)} at offset ${first.offset})`);
  const root = isRecord(parsed) ? parsed : {};
  const mcp = isRecord(root['mcp']) ? root['mcp'] : {};
  const entries = [root['mcpServers'], root['servers'], mcp['servers'], root['mcp.servers']].find(isRecord);
  if (entries) return entries;
  throw new ImportError(
    `${source}: no "mcpServers" (Claude Desktop, Cursor, Windsurf), "servers" (VS Code mcp.json) or "mcp": {"servers"} (VS Code settings.json) object`,
  );
}

/** The entry as a server, or why it cannot be one. */
function mapEntry(entry: Record<string, unknown>, ctx: ValueContext, exists: (p: string) => boolean): Mapped | string {
  const remote = [entry['url'], entry['serverUrl'], entry['httpUrl']].find((u): u is string => typeof u === 'string');
  if (remote !== undefined) return fromRemote(remote, entry, ctx);
  if (entry['type'] === 'http' || entry['type'] === 'sse') return `it is a remote server (type: ${String(entry['type'])}) without a url`;
  if (typeof entry['command'] !== 'string') return 'it has neither command nor url';
  let command = entry['command'];
  let args = Array.isArray(entry['args']) ? entry['args'].map(String) : [];
  // Windows: `cmd /c npx ...` runs npx.
  if (/^cmd(\.exe)?$/i.test(baseName(command)) && /^\/[ck]$/i.test(args[0] ?? '') && args[1] !== undefined) {
    command = args[1];
    args = args.slice(2);
  }
  const env: Record<string, string> = Object.fromEntries(Object.entries(isRecord(entry['env']) ? entry['env'] : {}).map(([k, v]) => [k, String(v)]));
  const base = baseName(command).toLowerCase().replace(/\.(cmd|exe|bat)$/, '');
  const mapped =
    base === 'npx' ? fromPackageRunner('npx', args, ctx) : base === 'uvx' ? fromPackageRunner('uvx', args, ctx) : base === 'docker' || base === 'podman' ? fromDockerRun(args, env, ctx, exists) : undefined;
  if (mapped === undefined) return `its command "${baseName(command)}" is not npx, uvx or docker run; package it with build: (a Dockerfile)`;
  if (typeof mapped === 'string') return mapped;
  const stackEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, stackValue(v, ctx, k)]));
  if (Object.keys(stackEnv).length > 0) mapped.server['env'] = stackEnv;
  if (typeof entry['envFile'] === 'string') {
    const p = hostPath(entry['envFile']);
    const file = p.kind === 'path' ? p.host : entry['envFile'];
    if (exists(file)) mapped.server['env_file'] = file;
    else mapped.notes.push(`envFile ${entry['envFile']} does not exist beside the stack file: create it there, then add env_file: ${file}`);
  }
  return mapped;
}

/**
 * A remote server's entry (`url`, Windsurf's `serverUrl`, Gemini's `httpUrl`; `type: sse` for the
 * legacy transport) as a url: server. Every header becomes a variable (a header may carry a
 * credential, which a stack file never holds), and so does a query parameter named like one.
 */
function fromRemote(url: string, entry: Record<string, unknown>, ctx: ValueContext): Mapped | string {
  const notes: string[] = [];
  if (!URL.canParse(url)) return `its url "${String(redacted(url))}" is not an absolute URL`;
  const parsed = new URL(url);
  let query = '';
  for (const [name, value] of parsed.searchParams) {
    const shown = SECRET_KEY.test(name) ? ctx.secrets.reference(`${ctx.server}_${name}`, value, ctx.server) : value.replace(/\$/g, '$$$$');
    query += `${query === '' ? '?' : '&'}${encodeURIComponent(name)}=${shown}`;
  }
  const server: Record<string, unknown> = { url: `${parsed.origin}${parsed.pathname.replace(/\$/g, '$$$$')}${query}` };
  if (entry['type'] === 'sse' || entry['transport'] === 'sse') server['transport'] = 'sse';
  const headers = isRecord(entry['headers']) ? entry['headers'] : {};
  const mapped = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, headerValue(name, String(value), ctx)]));
  if (Object.keys(mapped).length > 0) server['headers'] = mapped;
  if (parsed.protocol === 'http:') notes.push(`its url is plain http: a remote server is reached over https (plain http only to this machine, with allow: [private_urls])`);
  return { server, notes, volumes: [] };
}

/** A header's value as a variable: all of it, or, for `Bearer <token>`, the token. */
function headerValue(name: string, value: string, ctx: ValueContext): string {
  const scheme = /^(Bearer|Basic|Token)\s+(.+)$/i.exec(value);
  const raw = scheme?.[2] ?? value;
  const reference = /^\$\{(?:input|env):[^}]+\}$|^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(raw) ? stackValue(raw, ctx, name) : ctx.secrets.reference(`${ctx.server}_${name}`, raw, ctx.server);
  return scheme ? `${scheme[1] ?? ''} ${reference}` : reference;
}

const RUNNER_FLAGS = {
  npx: { skip: ['-y', '--yes', '-q', '--quiet', '--no-install'], withValue: ['--package', '-p', '--registry', '--cache'], from: ['--package', '-p'] },
  uvx: { skip: ['-q', '--quiet', '--isolated', '--no-cache', '--offline'], withValue: ['--from', '--with', '--python', '-p', '--index-url', '--index', '--with-requirements'], from: ['--from'] },
} as const;

/**
 * `npx -y pkg args`, `npx -p pkg cmd args`, `uvx pkg args`, `uvx --from pkg cmd args`: the package
 * becomes the source (parsed as the tools parse it), a command other than the package's own becomes
 * the entrypoint, host paths in the arguments become bind mounts.
 */
function fromPackageRunner(kind: 'npx' | 'uvx', args: string[], ctx: ValueContext): Mapped | string {
  const flags = RUNNER_FLAGS[kind];
  const notes: string[] = [];
  let from: string | undefined;
  let i = 0;
  for (; i < args.length && (args[i] ?? '').startsWith('-'); i++) {
    const a = args[i] ?? '';
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if ((flags.skip as readonly string[]).includes(flag)) continue;
    const value = eq > 0 ? a.slice(eq + 1) : (flags.withValue as readonly string[]).includes(flag) ? args[++i] : undefined;
    if ((flags.from as readonly string[]).includes(flag) && value !== undefined) from = value;
    else notes.push(`${kind} flag ${flag}${value !== undefined ? ` ${String((redacted([flag, value]) as unknown[])[1])}` : ''} was dropped`);
  }
  const first = args[i];
  const pkg = from ?? first;
  if (pkg === undefined) return `${kind} names no package`;
  const parsed = kind === 'npx' ? parseNpmSpec(pkg) : parsePythonRequirement(pkg);
  if (!parsed.ok) return parsed.message;
  // A Windows config names the command's executable (`mcp-server-git.exe`); in the container it is the command's name.
  const command = from !== undefined ? first?.replace(/\.(exe|cmd|bat)$/i, '') : undefined;
  const rest = args.slice(i + 1);
  const server: Record<string, unknown> = { [kind]: pkg };
  if (command !== undefined && command !== parsed.name.split('/').pop()) {
    server['entrypoint'] = kind === 'npx' ? [`/app/node_modules/.bin/${command}`] : [command];
  }
  const mounts = new Map<string, string>();
  const inContainer = rest.map((a) => {
    const p = hostPath(a);
    if (p.kind === 'windows') {
      notes.push(`argument ${a} is a Windows path, not a path on this engine's host: mount the right path with volumes: and change the argument`);
      return a;
    }
    if (p.kind !== 'path' || p.host.startsWith('.')) return a;
    mounts.set(p.host, containerPathFor(p.host));
    return containerPathFor(p.host);
  });
  if (inContainer.length) server['args'] = stackArgs(inContainer, ctx);
  if (mounts.size) server['volumes'] = [...mounts].map(([host, target]) => `${host}:${target}`);
  return { server, notes, volumes: [] };
}

/** The allow: entries the imported servers need: they had these powers in the client's config already. */
function permissionsNeeded(servers: Record<string, Record<string, unknown>>): string[] {
  const need = new Set<string>();
  for (const server of Object.values(servers)) {
    for (const v of (server['volumes'] as string[] | undefined) ?? []) {
      const source = v.split(':')[0] ?? '';
      if (source === '/var/run/docker.sock' || source === '/run/docker.sock') need.add('docker_socket');
      else if (/^([/~]|\.\.)/.test(source)) need.add('host_paths');
      else if (source === '.' || source === './') need.add('stack_dir');
    }
    if (server['network_mode'] === 'host') need.add('host_network');
    if (typeof server['url'] === 'string' && !judgeRemoteUrl(server['url'], false).ok && judgeRemoteUrl(server['url'], true).ok) need.add('private_urls');
    if (((server['cap_add'] as string[] | undefined) ?? []).some((c) => DANGEROUS_CAPABILITIES.has(c.toUpperCase().replace(/^CAP_/, '')))) need.add('cap_add');
  }
  return [...need].sort();
}

function serverName(raw: string): string {
  const n = raw.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 63);
  return n || 'server';
}

function uniqueName(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 2; taken.has(n); i++) n = `${name.slice(0, 60)}-${i}`;
  taken.add(n);
  return n;
}

function baseName(command: string): string {
  return command.split(/[\\/]/).pop() ?? command;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
