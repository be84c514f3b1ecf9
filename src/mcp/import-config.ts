import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Document, YAMLMap } from 'yaml';
import { DANGEROUS_CAPABILITIES } from '../stack-file/policy';

/**
 * Client configs (Claude Desktop's claude_desktop_config.json and Cursor's mcp.json: `mcpServers`;
 * VS Code's mcp.json: `servers`) turned into a stack file. Pure: text in, text out. Secrets become
 * ${VAR} references the user sets outside the file; what cannot be mapped is kept as a comment.
 */
export interface ImportResult {
  readonly yaml: string;
  readonly servers: readonly string[];
  /** Variables the stack file now references and the user must set (never their values). */
  readonly secrets: readonly { readonly variable: string; readonly server: string }[];
  /** Entries or parts that were kept as comments. */
  readonly notes: readonly string[];
}

export class ImportError extends Error {}

const SECRET_KEY = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;
const SECRET_VALUE = /^(gh[pousr]_|github_pat_|sk-|sk_live_|xox[abpr]-|AKIA|AIza|glpat-|eyJ)[A-Za-z0-9_\-.]{8,}|^[A-Za-z0-9+/_-]{32,}={0,2}$/;

/** docker run flags that take a value: without this list, a flag's value would be taken for the image. */
const DOCKER_VALUE_FLAGS = new Set([
  '-e', '--env', '-v', '--volume', '-p', '--publish', '-u', '--user', '-w', '--workdir', '--name', '--network', '--net',
  '--env-file', '--mount', '--entrypoint', '--cap-add', '--cap-drop', '-m', '--memory', '--cpus', '--pids-limit', '--restart',
  '-l', '--label', '--add-host', '--dns', '-h', '--hostname', '--platform', '--pull', '--security-opt', '--tmpfs', '--device',
  '--ulimit', '--log-driver', '--log-opt', '--stop-timeout', '--stop-signal', '--shm-size', '--ipc', '--pid', '--gpus',
  '--runtime', '--group-add', '--memory-swap', '--cpu-shares', '--cpuset-cpus', '--expose', '--network-alias', '--ip',
]);

interface Mapped {
  server: Record<string, unknown>;
  notes: string[];
  /** Named volumes the server mounts: declared at the top level of the stack file. */
  volumes?: string[];
}

export function importClientConfig(text: string, source: string, project: string): ImportResult {
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) throw new ImportError(`${source}: not JSON (${printParseErrorCode(first.error)} at offset ${first.offset})`);
  const root = isRecord(parsed) ? parsed : {};
  const entries = isRecord(root['mcpServers']) ? root['mcpServers'] : isRecord(root['servers']) ? root['servers'] : undefined;
  if (!entries) throw new ImportError(`${source}: no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object`);

  const servers: Record<string, Record<string, unknown>> = {};
  const volumes = new Set<string>();
  const secrets: { variable: string; server: string }[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  for (const [rawName, rawEntry] of Object.entries(entries)) {
    const name = uniqueName(serverName(rawName), taken);
    const entry = isRecord(rawEntry) ? rawEntry : {};
    const mapped = mapEntry(name, entry, secrets);
    if (mapped === undefined) {
      notes.push(`server "${rawName}" was not imported: ${unmappedReason(entry)}. Its entry: ${JSON.stringify(redact(entry))}`);
      continue;
    }
    servers[name] = mapped.server;
    for (const v of mapped.volumes ?? []) volumes.add(v);
    notes.push(...mapped.notes.map((n) => `server "${name}": ${n}`));
  }

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
  doc.commentBefore = [
    ` Imported from ${source} by mcp-orchestrator import.`,
    secrets.length ? ` Set these in your environment or in a .env file beside this file: ${[...new Set(secrets.map((s) => s.variable))].join(', ')}` : undefined,
    ...notes.map((n) => ` NOTE: ${n}`),
  ]
    .filter((l): l is string => l !== undefined)
    .join('\n');
  if (doc.contents instanceof YAMLMap) doc.contents.commentBefore = ' yaml-language-server: $schema=https://mcp-orchestrator.dev/schemas/mcp-stack.schema.json';
  return { yaml: doc.toString({ lineWidth: 0 }), servers: Object.keys(servers), secrets, notes };
}

function mapEntry(name: string, entry: Record<string, unknown>, secrets: { variable: string; server: string }[]): Mapped | undefined {
  const command = typeof entry['command'] === 'string' ? entry['command'] : undefined;
  if (command === undefined) return undefined;
  const args = Array.isArray(entry['args']) ? entry['args'].map(String) : [];
  const rawEnv: Record<string, string> = Object.fromEntries(Object.entries(isRecord(entry['env']) ? entry['env'] : {}).map(([k, v]) => [k, String(v)]));
  const base = baseName(command);
  let mapped: Mapped | undefined;
  if (base === 'npx' || base === 'npx.cmd') mapped = fromPackageRunner('npx', args, ['-y', '--yes', '-q', '--quiet']);
  else if (base === 'uvx' || base === 'uvx.exe') mapped = fromPackageRunner('uvx', args, ['-q', '--quiet']);
  else if (base === 'docker' || base === 'podman') mapped = fromDockerRun(args, rawEnv);
  if (!mapped) return undefined;
  const env = classifyEnv(name, rawEnv, secrets);
  if (Object.keys(env).length > 0) mapped.server['env'] = env;
  if (typeof entry['envFile'] === 'string') mapped.server['env_file'] = entry['envFile'].replace('${workspaceFolder}/', './');
  return mapped;
}

/** `npx -y pkg args...` / `uvx pkg args...`: the package becomes the source, host paths become bind mounts. */
function fromPackageRunner(kind: 'npx' | 'uvx', args: string[], skip: string[]): Mapped | undefined {
  const notes: string[] = [];
  let i = 0;
  while (i < args.length && (args[i] ?? '').startsWith('-')) {
    if (!skip.includes(args[i] ?? '')) notes.push(`${kind} flag ${args[i] ?? ''} was dropped`);
    i++;
  }
  const pkg = args[i];
  if (pkg === undefined) return undefined;
  const rest = args.slice(i + 1);
  const server: Record<string, unknown> = { [kind]: pkg };
  if (rest.length) server['args'] = rest;
  const mounts = hostPaths(rest);
  if (mounts.length) server['volumes'] = mounts.map((p) => `${p}:${p}`);
  return { server, notes };
}

/** `docker run -i --rm -e KEY -v a:b image args...`: flags that have a stack file key are mapped. */
function fromDockerRun(args: string[], env: Record<string, string>): Mapped | undefined {
  if (args[0] !== 'run') return undefined;
  const server: Record<string, unknown> = {};
  const notes: string[] = [];
  const volumes: string[] = [];
  const ports: string[] = [];
  const capAdd: string[] = [];
  const capDrop: string[] = [];
  const resources: Record<string, string | number> = {};
  const labels: Record<string, string> = {};
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-')) break;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = inline ?? (DOCKER_VALUE_FLAGS.has(flag) ? args[++i] : undefined);
    switch (flag) {
      case '-i':
      case '--interactive':
      case '--rm':
      case '-t':
      case '--tty':
      case '-it':
      case '--init':
      case '-d':
      case '--detach':
      case '--name':
        break;
      case '-e':
      case '--env': {
        const v = value ?? '';
        const eq = v.indexOf('=');
        // -e KEY passes the variable through from the client's env entry (or the shell: a ${KEY} reference).
        if (eq > 0) env[v.slice(0, eq)] = v.slice(eq + 1);
        else if (!Object.hasOwn(env, v)) env[v] = `\${${v}}`;
        break;
      }
      case '-v':
      case '--volume':
        if (value) volumes.push(value);
        break;
      case '-p':
      case '--publish':
        if (value) ports.push(value);
        break;
      case '-u':
      case '--user':
        if (value) server['user'] = value;
        break;
      case '-w':
      case '--workdir':
        if (value) server['working_dir'] = value;
        break;
      case '--read-only':
        server['read_only'] = true;
        break;
      case '--env-file':
        if (value) server['env_file'] = value;
        break;
      case '--entrypoint':
        if (value) server['entrypoint'] = value;
        break;
      case '--cap-add':
        if (value) capAdd.push(value);
        break;
      case '--cap-drop':
        if (value) capDrop.push(value);
        break;
      case '-m':
      case '--memory':
        if (value) resources['memory'] = value;
        break;
      case '--cpus':
        if (value) resources['cpus'] = Number(value);
        break;
      case '--pids-limit':
        if (value) resources['pids'] = Number(value);
        break;
      case '--restart':
        if (value && ['no', 'on-failure', 'always', 'unless-stopped'].includes(value)) server['restart'] = value;
        break;
      case '-l':
      case '--label': {
        const [k = '', v = ''] = (value ?? '').split(/=(.*)/s);
        if (k) labels[k] = v;
        break;
      }
      default:
        notes.push(`docker flag ${flag}${value !== undefined ? ` ${value}` : ''} has no stack file key and was dropped`);
    }
  }
  const image = args[i];
  if (image === undefined) return undefined;
  const named = volumes.map((v) => v.split(':')[0] ?? '').filter((src) => src !== '' && !/^[/.~]/.test(src));
  return {
    volumes: named,
    server: {
      image,
      ...(args.length > i + 1 && { args: args.slice(i + 1) }),
      ...(volumes.length && { volumes }),
      ...(ports.length && { ports }),
      ...(capAdd.length && { cap_add: capAdd }),
      ...(capDrop.length && { cap_drop: capDrop }),
      ...(Object.keys(resources).length && { resources }),
      ...(Object.keys(labels).length && { labels }),
      ...server,
    },
    notes,
  };
}

/** env values: secrets become ${VAR} references (the name listed, the value never written). */
function classifyEnv(server: string, env: Record<string, string>, secrets: { variable: string; server: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value)?.[1];
    if (reference !== undefined) {
      out[key] = value;
      secrets.push({ variable: reference, server });
      continue;
    }
    const input = /^\$\{input:([^}]+)\}$/.exec(value)?.[1];
    const variable = input !== undefined ? input.toUpperCase().replace(/[^A-Z0-9_]/g, '_') : key;
    if (input !== undefined || SECRET_KEY.test(key) || SECRET_VALUE.test(value)) {
      out[key] = `\${${variable}}`;
      secrets.push({ variable, server });
    } else {
      out[key] = value.replace(/\$/g, '$$$$');
    }
  }
  return out;
}

/** The allow: entries the imported servers need: they had these powers in the client's config already. */
function permissionsNeeded(servers: Record<string, Record<string, unknown>>): string[] {
  const need = new Set<string>();
  for (const server of Object.values(servers)) {
    for (const v of (server['volumes'] as string[] | undefined) ?? []) {
      const source = v.split(':')[0] ?? '';
      if (source === '/var/run/docker.sock' || source === '/run/docker.sock') need.add('docker_socket');
      else if (/^[/~]/.test(source)) need.add('host_paths');
    }
    if (((server['cap_add'] as string[] | undefined) ?? []).some((c) => DANGEROUS_CAPABILITIES.has(c.toUpperCase().replace(/^CAP_/, '')))) need.add('cap_add');
  }
  return [...need].sort();
}

function unmappedReason(entry: Record<string, unknown>): string {
  if (typeof entry['url'] === 'string') return 'it is a remote server (url), already running elsewhere; nothing to run in a container';
  if (typeof entry['command'] === 'string') return `its command "${baseName(entry['command'])}" is not npx, uvx or docker run; package it with build: (a Dockerfile)`;
  return 'it has neither command nor url';
}

function hostPaths(args: string[]): string[] {
  return [...new Set(args.filter((a) => /^(\/|~\/)/.test(a) && !a.startsWith('//')))];
}

function redact(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (isRecord(v)) out[k] = redact(v);
    else if (SECRET_KEY.test(k) || (typeof v === 'string' && (SECRET_VALUE.test(v) || /^(Bearer|Basic)\s/i.test(v)))) out[k] = '***';
    else out[k] = v;
  }
  return out;
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
