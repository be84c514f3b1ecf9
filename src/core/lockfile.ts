import { Document, isMap, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, SourceLocation } from '../errors';
import { canonicalJson, sha256 } from '../util/hash';

/**
 * mcp-stack.lock: what each server of a stack file resolved to when it last rolled out, meant to be
 * committed beside the file. Per server: the image digest of an image: server, the exact version an
 * npx:/uvx: spec resolved to, and the names of its tools with digests of their input schemas and
 * descriptions (a changed description changes what an agent is told a tool does). Pure: reading and
 * writing the file and asking servers for their tools live in runtime/.
 */
export const LOCKFILE_VERSION = 1;

export interface ToolLock {
  readonly input: string;
  readonly description: string;
}

export interface ServerLock {
  /** image: servers: the reference, and the registry digest it was pulled by (the image ID when it has none). */
  readonly image?: { readonly ref: string; readonly digest: string };
  /** npx: and uvx: servers: the spec as written and the version it resolved to. */
  readonly package?: { readonly kind: 'npx' | 'uvx'; readonly spec: string; readonly version: string };
  /** A remote server (url:): its endpoint. What runs there is not ours to pin: its tools are. */
  readonly url?: string;
  /** Absent for a server that is not checked as an MCP server (`ready: running`), or whose tools are not known yet. */
  readonly tools?: Readonly<Record<string, ToolLock>>;
}

export interface Lockfile {
  readonly project: string;
  readonly servers: Readonly<Record<string, ServerLock>>;
}

/** A lockfile read from disk, with where each server's entry stands in it. */
export interface LoadedLockfile {
  readonly lock: Lockfile;
  readonly file: string;
  entryAt(server: string): SourceLocation;
}

/** What a server resolves to now; a part that is not known (an image not built yet, tools not asked) is undefined. */
export interface ServerResolution {
  readonly image?: { readonly ref: string; readonly digest?: string };
  readonly package?: {
    readonly kind: 'npx' | 'uvx';
    readonly spec: string;
    /** What the image built on this machine installed. */
    readonly version?: string;
    /** What the spec resolves to on its registry now (an unpinned spec: a rebuild would install it). */
    readonly registry?: string;
  };
  readonly url?: string;
  readonly tools?: Readonly<Record<string, ToolLock>>;
}

export type DriftKind = 'unlocked' | 'gone' | 'image' | 'package' | 'url' | 'tools';

export interface Drift {
  readonly server: string;
  readonly kind: DriftKind;
  readonly message: string;
}

/** The lockfile of a stack file: beside it, with .lock for .yml/.yaml. */
export function lockfilePath(stackFile: string): string {
  return /\.ya?ml$/i.test(stackFile) ? stackFile.replace(/\.ya?ml$/i, '.lock') : `${stackFile}.lock`;
}

const digest = (value: unknown): string => `sha256:${sha256(canonicalJson(value ?? null)).slice(0, 32)}`;

/** A tool as tools/list gives it, reduced to what the lock keeps. */
export function toolLock(tool: { readonly description?: string | undefined; readonly inputSchema?: unknown }): ToolLock {
  return { input: digest(tool.inputSchema), description: digest(tool.description ?? '') };
}

/** Every way `now` differs from `lock`, server by server, in a stable order. */
export function lockDrift(lock: Lockfile, now: Readonly<Record<string, ServerResolution>>): Drift[] {
  const out: Drift[] = [];
  for (const server of Object.keys(now).sort()) {
    const locked = lock.servers[server];
    const current = now[server];
    if (current === undefined) continue;
    if (locked === undefined) {
      out.push({ server, kind: 'unlocked', message: 'is not in the lockfile' });
      continue;
    }
    out.push(...resolutionDrift(server, locked, current), ...toolDrift(server, locked.tools, current.tools));
  }
  for (const server of Object.keys(lock.servers).sort()) {
    if (now[server] === undefined) out.push({ server, kind: 'gone', message: 'is in the lockfile but not in the stack file' });
  }
  return out;
}

function resolutionDrift(server: string, locked: ServerLock, current: ServerResolution): Drift[] {
  const d = (kind: DriftKind, message: string): Drift => ({ server, kind, message });
  const out: Drift[] = [];
  if (current.image !== undefined) {
    if (locked.image === undefined) out.push(d('image', `runs image ${current.image.ref} (locked: ${locked.package ? `${locked.package.kind}: ${locked.package.spec}` : 'no image'})`));
    else if (locked.image.ref !== current.image.ref) out.push(d('image', `runs image ${current.image.ref} (locked: ${locked.image.ref})`));
    else if (current.image.digest !== undefined && current.image.digest !== locked.image.digest) {
      out.push(d('image', `image ${current.image.ref} is now ${short(current.image.digest)} (locked: ${short(locked.image.digest)})`));
    }
  }
  if (current.package !== undefined) {
    const p = current.package;
    if (locked.package === undefined) out.push(d('package', `runs ${p.kind}: ${p.spec} (locked: ${locked.image ? `image ${locked.image.ref}` : 'no package'})`));
    else if (locked.package.kind !== p.kind || locked.package.spec !== p.spec) out.push(d('package', `runs ${p.kind}: ${p.spec} (locked: ${locked.package.kind}: ${locked.package.spec})`));
    else {
      if (p.version !== undefined && p.version !== locked.package.version) out.push(d('package', `${p.kind}: ${p.spec} resolved to ${p.version} (locked: ${locked.package.version})`));
      if (p.registry !== undefined && p.registry !== locked.package.version && p.registry !== p.version) {
        out.push(d('package', `${p.kind}: ${p.spec} now resolves to ${p.registry} on its registry (locked: ${locked.package.version}); apply --build installs it`));
      }
    }
  }
  if (current.url !== undefined && current.url !== locked.url) out.push(d('url', `is at ${current.url} (locked: ${locked.url ?? 'no url'})`));
  return out;
}

/** How a server's tools differ from the locked ones (nothing when either is not known). */
export function toolDrift(server: string, locked: ServerLock['tools'], current: ServerResolution['tools']): Drift[] {
  if (locked === undefined || current === undefined) return [];
  const parts: string[] = [];
  const added = Object.keys(current).filter((t) => locked[t] === undefined).sort();
  const removed = Object.keys(locked).filter((t) => current[t] === undefined).sort();
  if (added.length > 0) parts.push(`${plural(added, 'tool')} ${added.join(', ')} added`);
  if (removed.length > 0) parts.push(`${plural(removed, 'tool')} ${removed.join(', ')} removed`);
  for (const t of Object.keys(current).sort()) {
    const was = locked[t];
    const is = current[t];
    if (was === undefined || is === undefined) continue;
    const what = [was.input !== is.input && 'input schema', was.description !== is.description && 'description'].filter(Boolean).join(' and ');
    if (what !== '') parts.push(`tool ${t} changed its ${what}`);
  }
  return parts.length === 0 ? [] : [{ server, kind: 'tools', message: parts.join('; ') }];
}

const plural = (list: readonly string[], word: string): string => (list.length === 1 ? word : `${word}s`);
const short = (d: string): string => d.replace(/(sha256:[0-9a-f]{12})[0-9a-f]*/, '$1');

/** The lockfile as committed: sorted, one tool per line, a header saying what it is. */
export function formatLockfile(lock: Lockfile, stackFileName: string): string {
  const servers: Record<string, unknown> = {};
  for (const name of Object.keys(lock.servers).sort()) {
    const s = lock.servers[name];
    if (s === undefined) continue;
    const tools = s.tools && Object.fromEntries(Object.keys(s.tools).sort().map((t) => [t, s.tools?.[t]]));
    servers[name] = { ...(s.image && { image: s.image }), ...(s.package && { package: s.package }), ...(s.url !== undefined && { url: s.url }), ...(tools && { tools }) };
  }
  const header = [
    `# What the servers of ${stackFileName} resolved to. Written by \`mcp-orchestrator apply\` and`,
    '# `mcp-orchestrator lock`; commit it. `apply --locked` refuses to roll out anything else.',
  ].join('\n');
  const doc = new Document({ lockfileVersion: LOCKFILE_VERSION, project: lock.project, servers });
  // One line per image, package and tool: a change in review is a changed line.
  for (const [name, s] of Object.entries(lock.servers)) {
    const paths = [['image'], ['package'], ...Object.keys(s.tools ?? {}).map((t) => ['tools', t])];
    for (const p of paths) {
      const node = doc.getIn(['servers', name, ...p], true);
      if (isMap(node)) node.flow = true;
    }
  }
  return `${header}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}

/** Reads a lockfile's text; anything that is not one is a located diagnostic. */
export function parseLockfile(text: string, file: string): { ok: true; loaded: LoadedLockfile } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, strict: true });
  const at = (offset: number | undefined): SourceLocation => ({ file, ...lineCounter.linePos(offset ?? 0) });
  const fail = (offset: number | undefined, message: string): { ok: false; diagnostics: Diagnostic[] } => ({ ok: false, diagnostics: [{ severity: 'error', message, location: at(offset) }] });
  const syntax = doc.errors[0];
  if (syntax) return fail(syntax.pos[0], `not a lockfile: ${syntax.message.split('\n')[0] ?? ''}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch {
    return fail(0, 'not a lockfile: it uses YAML aliases, which a lockfile never does');
  }
  const root = asRecord(value);
  if (root === undefined) return fail(0, 'not a lockfile: expected lockfileVersion, project and servers');
  const offsetOf = (path: readonly string[]): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range?.[0];
  };
  const keyOffset = (path: readonly string[]): number | undefined => {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return offsetOf(path);
    const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
    return (pair?.key as { range?: [number, number, number] } | null)?.range?.[0] ?? offsetOf(path);
  };
  if (root['lockfileVersion'] !== LOCKFILE_VERSION) {
    return fail(keyOffset(['lockfileVersion']), `lockfileVersion ${JSON.stringify(root['lockfileVersion'] ?? null)} is not one this version reads (${LOCKFILE_VERSION})`);
  }
  if (typeof root['project'] !== 'string') return fail(keyOffset(['project']), 'project must be a string');
  const servers = asRecord(root['servers']);
  if (servers === undefined) return fail(keyOffset(['servers']), 'servers must be a map of server name to entry');
  const out: Record<string, ServerLock> = {};
  for (const [name, raw] of Object.entries(servers)) {
    const entry = serverLock(raw);
    if ('problem' in entry) return fail(keyOffset(['servers', name, ...(entry.field !== undefined ? [entry.field] : [])]), `server ${name}: ${entry.problem}`);
    out[name] = entry.lock;
  }
  return {
    ok: true,
    loaded: { lock: { project: root['project'], servers: out }, file, entryAt: (server) => at(keyOffset(['servers', server]) ?? keyOffset(['servers'])) },
  };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const DIGEST = /^sha256:[0-9a-f]{32}$/;

/** An entry, or what is wrong with it and in which field. */
function serverLock(raw: unknown): { lock: ServerLock } | { field?: string; problem: string } {
  const r = asRecord(raw);
  if (r === undefined) return { problem: 'an entry is a map (image, package, url, tools)' };
  const unknownKey = Object.keys(r).find((k) => !['image', 'package', 'url', 'tools'].includes(k));
  if (unknownKey !== undefined) return { field: unknownKey, problem: `${unknownKey} is not a lockfile field` };
  const out: { image?: ServerLock['image']; package?: ServerLock['package']; url?: string; tools?: Record<string, ToolLock> } = {};
  if (r['url'] !== undefined) {
    if (typeof r['url'] !== 'string') return { field: 'url', problem: 'url must be a string' };
    out.url = r['url'];
  }
  if (r['image'] !== undefined) {
    const i = asRecord(r['image']);
    if (i === undefined || typeof i['ref'] !== 'string' || typeof i['digest'] !== 'string') return { field: 'image', problem: 'image needs ref and digest' };
    out.image = { ref: i['ref'], digest: i['digest'] };
  }
  if (r['package'] !== undefined) {
    const p = asRecord(r['package']);
    if (p === undefined || (p['kind'] !== 'npx' && p['kind'] !== 'uvx') || typeof p['spec'] !== 'string' || typeof p['version'] !== 'string') {
      return { field: 'package', problem: 'package needs kind (npx or uvx), spec and version' };
    }
    out.package = { kind: p['kind'], spec: p['spec'], version: p['version'] };
  }
  if (r['tools'] !== undefined) {
    const t = asRecord(r['tools']);
    if (t === undefined) return { field: 'tools', problem: 'tools must be a map of tool name to digests' };
    out.tools = {};
    for (const [name, v] of Object.entries(t)) {
      const d = asRecord(v);
      if (d === undefined || typeof d['input'] !== 'string' || !DIGEST.test(d['input']) || typeof d['description'] !== 'string' || !DIGEST.test(d['description'])) {
        return { field: 'tools', problem: `tool ${name} needs input and description digests (sha256:<32 hex>)` };
      }
      out.tools[name] = { input: d['input'], description: d['description'] };
    }
  }
  return { lock: out };
}
