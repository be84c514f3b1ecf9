/**
 * A registry entry (server.json, the official MCP registry's format) as a server of the stack
 * file: pure, no I/O. A package becomes npx:, uvx: or image: at its exact version, its arguments
 * mapped; a remote becomes a url: server. Every value a user supplies (environment variables,
 * headers, argument placeholders) becomes a ${VARIABLE} reference, required ones with :?, defaults
 * kept with :-; the file never holds a value a publisher marked secret.
 */

interface Input {
  readonly name?: string;
  readonly value?: string;
  readonly default?: string;
  readonly description?: string;
  readonly isRequired?: boolean;
  readonly isSecret?: boolean;
  readonly variables?: Readonly<Record<string, Input>>;
}

interface Argument extends Input {
  readonly type?: 'positional' | 'named';
  readonly valueHint?: string;
  readonly isRepeated?: boolean;
}

interface Package {
  readonly registryType?: string;
  readonly identifier?: string;
  readonly version?: string;
  readonly runtimeHint?: string;
  readonly transport?: { readonly type?: string; readonly url?: string };
  readonly runtimeArguments?: readonly Argument[];
  readonly packageArguments?: readonly Argument[];
  readonly environmentVariables?: readonly Input[];
}

interface Remote {
  readonly type?: string;
  readonly url?: string;
  readonly headers?: readonly Input[];
}

export interface ServerJson {
  readonly name?: string;
  readonly description?: string;
  readonly version?: string;
  readonly packages?: readonly Package[];
  readonly remotes?: readonly Remote[];
}

/** What `add` writes: the server's definition, and what the user must know about it. */
export interface Mapped {
  readonly name: string;
  readonly definition: Record<string, unknown>;
  /** What it was made from, for the message: "npm @scope/pkg@1.2.3", "remote https://...". */
  readonly source: string;
  /** Variables the definition reads; the secret ones the publisher marked. */
  readonly variables: readonly string[];
  readonly secrets: readonly string[];
  /** What the entry asks that the stack file cannot say: told, not guessed. */
  readonly notes: readonly string[];
}

export class RegistryEntryError extends Error {}

/** Which of the entry's ways to run it: a package (npm, pypi, oci; the first the entry lists), or its remote. */
export type Choice = 'package' | 'remote';

const PACKAGE_TYPES = new Set(['npm', 'pypi', 'oci']);

export function mapServerJson(doc: ServerJson, choice?: Choice, as?: string): Mapped {
  const name = as ?? stackName(doc.name ?? '');
  const pkg = (doc.packages ?? []).find((p) => PACKAGE_TYPES.has(p.registryType ?? ''));
  const remote = [...(doc.remotes ?? [])].sort((a, b) => Number(a.type === 'sse') - Number(b.type === 'sse')).find((r) => r.type === 'streamable-http' || r.type === 'sse');
  const use = choice ?? (pkg !== undefined ? 'package' : 'remote');
  if (use === 'package' && pkg !== undefined) return mapPackage(name, pkg);
  if (use === 'remote' && remote !== undefined) return mapRemote(name, remote);
  const offered = [...(doc.packages ?? []).map((p) => p.registryType ?? '?'), ...(doc.remotes ?? []).map((r) => `${r.type ?? '?'} remote`)];
  const wanted = choice === 'remote' ? 'no Streamable HTTP or SSE remote' : choice === 'package' ? 'no npm, pypi or oci package' : 'neither an npm, pypi or oci package nor a Streamable HTTP or SSE remote';
  throw new RegistryEntryError(`${doc.name ?? 'the entry'} offers ${offered.length > 0 ? offered.join(', ') : 'nothing to run'}; ${wanted} to add`);
}

/** A stack file name from a registry name: "io.github.modelcontextprotocol/server-memory" is "memory". */
export function stackName(registryName: string): string {
  const last = registryName.split('/').pop() ?? registryName;
  const trimmed = last
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^(mcp-server-|server-|mcp-)/, '')
    .replace(/(-mcp-server|-server|-mcp)$/, '')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return trimmed === '' ? 'server' : trimmed.slice(0, 63);
}

function mapPackage(name: string, p: Package): Mapped {
  const refs = new References();
  const notes: string[] = [];
  const id = p.identifier ?? '';
  const version = p.version;
  if (id === '') throw new RegistryEntryError('the package has no identifier');
  const definition: Record<string, unknown> = {};
  let source: string;
  if (p.registryType === 'npm') {
    definition['npx'] = version !== undefined ? `${id}@${version}` : id;
    source = `npm ${String(definition['npx'])}`;
  } else if (p.registryType === 'pypi') {
    definition['uvx'] = version !== undefined ? `${id}==${version}` : id;
    source = `pypi ${String(definition['uvx'])}`;
  } else {
    // An OCI identifier carries its tag (older entries gave the version beside it).
    definition['image'] = /:[^/]+$|@sha256:/.test(id) || version === undefined ? id : `${id}:${version}`;
    source = `oci ${String(definition['image'])}`;
  }
  if (version === undefined && p.registryType !== 'oci') notes.push('the entry names no version: pin one before review');
  const env: Record<string, string> = {};
  for (const v of p.environmentVariables ?? []) if (v.name !== undefined) env[v.name] = refs.reference(v.name, v);
  const args = mapArguments(p.packageArguments ?? [], refs, notes);
  if (p.registryType === 'oci') {
    for (const a of p.runtimeArguments ?? []) dockerArgument(a, refs, env, notes);
  } else if ((p.runtimeArguments ?? []).length > 0) {
    notes.push(`runtime arguments for ${p.runtimeHint ?? p.registryType ?? 'the runtime'} (${(p.runtimeArguments ?? []).map((a) => a.name ?? a.value ?? a.valueHint ?? '?').join(' ')}) are not mapped: the orchestrator runs the package itself`);
  }
  if (args.length > 0) definition['args'] = args;
  if (Object.keys(env).length > 0) definition['env'] = env;
  const transport = p.transport?.type;
  if (transport === 'streamable-http' || transport === 'sse') {
    const url = URL.canParse((p.transport?.url ?? '').replace(/\{[^}]+\}/g, '8080')) ? new URL((p.transport?.url ?? '').replace(/\{[^}]+\}/g, '8080')) : undefined;
    definition['transport'] = { type: 'http', port: Number(url?.port || 8080), path: url?.pathname ?? '/mcp' };
    if (transport === 'sse') notes.push('the package serves the legacy HTTP+SSE transport: the gateway needs Streamable HTTP from a container');
  }
  return { name, definition, source, variables: refs.names(), secrets: refs.secretNames(), notes };
}

function mapRemote(name: string, r: Remote): Mapped {
  const refs = new References();
  const url = r.url ?? '';
  if (/\{[^}]+\}/.test(url)) throw new RegistryEntryError(`the remote's URL has placeholders (${url}): write it with your values as a url: server`);
  const definition: Record<string, unknown> = { url };
  if (r.type === 'sse') definition['transport'] = 'sse';
  const headers: Record<string, string> = {};
  for (const h of r.headers ?? []) {
    if (h.name === undefined) continue;
    headers[h.name] = h.value !== undefined ? refs.template(h.value, h, variableName(h.name)) : refs.reference(variableName(h.name), h);
  }
  if (Object.keys(headers).length > 0) definition['headers'] = headers;
  return { name, definition, source: `remote ${url}`, variables: refs.names(), secrets: refs.secretNames(), notes: [] };
}

/** Package arguments: positional values and `--name value`, placeholders as variables. */
function mapArguments(list: readonly Argument[], refs: References, notes: string[]): string[] {
  const out: string[] = [];
  for (const a of list) {
    const value = a.value !== undefined ? refs.template(a.value, a, variableName(a.valueHint ?? a.name ?? 'arg')) : refs.reference(variableName(a.valueHint ?? a.name ?? 'arg'), a);
    if (a.type === 'named' && a.name !== undefined) out.push(a.name, value);
    else out.push(value);
    if (a.isRepeated === true) notes.push(`argument ${a.valueHint ?? a.name ?? ''} may be given more than once: repeat it in args as you need`);
  }
  return out;
}

/** `docker run` arguments of an OCI entry: -e is env; -i, --rm and the image itself are the orchestrator's; the rest is told. */
function dockerArgument(a: Argument, refs: References, env: Record<string, string>, notes: string[]): void {
  if (a.type === 'positional') return; // "run", the image name: the orchestrator's own
  if (a.name === '-e' || a.name === '--env') {
    const [key = '', template = ''] = (a.value ?? '').split(/=(.*)/s);
    if (key !== '') env[key] = template === '' ? refs.reference(key, a) : refs.template(template, a, key);
    return;
  }
  if (a.name === '-i' || a.name === '--interactive' || a.name === '--rm' || a.name === '-t') return;
  notes.push(`docker run ${a.name ?? ''} ${a.value ?? ''} is not mapped: write its stack file equivalent (volumes:, network:, ...) if the server needs it`);
}

/** The variables a definition reads, each once, with whether the publisher marked it secret. */
class References {
  private readonly all = new Map<string, boolean>();

  /** `${NAME}` for a value the user gives: required without a default is `:?`, a default is `:-`. */
  reference(name: string, input: Input): string {
    const variable = variableName(name);
    this.all.set(variable, (this.all.get(variable) ?? false) || input.isSecret === true);
    if (input.default !== undefined && input.isSecret !== true) return `\${${variable}:-${escape(input.default)}}`;
    if (input.isRequired === true) return `\${${variable}:?${escape(required(input, variable))}}`;
    return `\${${variable}}`;
  }

  /** A value with {placeholders}: each one a variable (a whole value without any is kept as written, unless secret). */
  template(value: string, input: Input, fallback: string): string {
    const placeholders = [...value.matchAll(/\{([^}]+)\}/g)];
    if (placeholders.length === 0) return input.isSecret === true ? this.reference(fallback, input) : escape(value);
    let out = '';
    let at = 0;
    for (const m of placeholders) {
      const key = m[1] ?? '';
      out += escape(value.slice(at, m.index)) + this.reference(key, input.variables?.[key] ?? { isRequired: input.isRequired, isSecret: input.isSecret });
      at = (m.index ?? 0) + m[0].length;
    }
    return out + escape(value.slice(at));
  }

  names(): string[] {
    return [...this.all.keys()].sort();
  }

  secretNames(): string[] {
    return [...this.all].filter(([, secret]) => secret).map(([n]) => n).sort();
  }
}

function variableName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(upper) || upper === '' ? `V_${upper}` : upper;
}

function required(input: Input, variable: string): string {
  const why = (input.description ?? '').replace(/[}\n\r]/g, ' ').trim().slice(0, 120);
  return why === '' ? `${variable} is required` : `${variable} is required: ${why}`;
}

/** A literal in a value the stack file interpolates: `$` doubled, as Compose reads it. */
function escape(text: string): string {
  return text.replace(/\$/g, '$$$$');
}
