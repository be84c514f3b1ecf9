import type { CallerRule } from '../stack-file/stack-spec';
import type { Caller } from './caller-auth';
import type { Endpoint } from './endpoint-server';
import { qualify, unqualify } from './names';

/** What a caller asks to use: a tool or prompt by its gateway name, a resource by URI; always of one server. */
export interface Target {
  readonly kind: 'tool' | 'prompt' | 'resource';
  readonly server: string;
  /** `<server><sep><name>` for tools and prompts; the URI for a resource. */
  readonly name: string;
}

export interface Decision {
  readonly allowed: boolean;
  /** The rule that allowed it; none when no rule did (or when there are no rules). */
  readonly rule?: string;
  readonly reason: string;
}

/**
 * gateway.rules: allow-lists over the caller's claims, deny by default once any rule exists. Pure:
 * the same claims and target always get the same decision, which `authz check` shows offline. A
 * small language of the file's own rather than Cedar: the rules are reviewed in the same YAML diff
 * as the servers they name, checked with located errors, and a decision is a few glob matches (no
 * WebAssembly engine to load); what a team asks of a gateway (these groups, these servers or
 * tools) is an allow-list, which is all this says.
 */
export class CallerRules {
  private readonly compiled: readonly CompiledRule[];

  constructor(rules: readonly CallerRule[]) {
    this.compiled = rules.map(compile);
  }

  get active(): boolean {
    return this.compiled.length > 0;
  }

  decide(caller: Caller | undefined, target: Target): Decision {
    if (!this.active) return { allowed: true, reason: 'no rules: every caller may use everything' };
    if (caller === undefined) return { allowed: false, reason: 'no caller: rules need gateway.auth' };
    for (const rule of this.compiled) {
      if (rule.matches(caller) && rule.allows(target)) return { allowed: true, rule: rule.name, reason: `rule ${rule.name} allows it` };
    }
    return { allowed: false, reason: 'no rule allows it' };
  }
}

interface CompiledRule {
  readonly name: string;
  matches(caller: Caller): boolean;
  allows(target: Target): boolean;
}

function compile(rule: CallerRule): CompiledRule {
  const when = Object.entries(rule.when).map(([key, globs]) => ({ values: claimValues(key), match: matcher(globs) }));
  const allow = {
    servers: matcher(rule.allow.servers),
    tools: matcher(rule.allow.tools),
    prompts: matcher(rule.allow.prompts),
    resources: matcher(rule.allow.resources),
  };
  return {
    name: rule.name,
    matches: (caller) => when.every(({ values, match }) => values(caller).some((v) => match(v))),
    allows: (target) => allow.servers(target.server) || (target.kind === 'tool' ? allow.tools(target.name) : target.kind === 'prompt' ? allow.prompts(target.name) : allow.resources(target.name)),
  };
}

/**
 * Globs over whole values: `*` is any run of characters (a URI's `/` included: a name or URI is one
 * string here, not a path), `?` one character; everything else is itself.
 */
export function matcher(globs: readonly string[] | undefined): (value: string) => boolean {
  if (globs === undefined || globs.length === 0) return () => false;
  const source = globs.map((g) => g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')).join('|');
  const re = new RegExp(`^(?:${source})$`, 's');
  return (value) => re.test(value);
}

/** The values of a caller's claim a `when` key reads: strings, or lists of them. */
function claimValues(key: string): (caller: Caller) => string[] {
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  switch (key) {
    case 'subject':
      return (c) => [c.subject];
    case 'client_id':
      return (c) => (c.clientId !== undefined ? [c.clientId] : []);
    case 'scopes':
      return (c) => [...c.scopes];
    default:
      return (c) => strings(c.claims[key]);
  }
}

/**
 * A tool call or prompt (one JSON-RPC request) the rules do not allow its caller: the body of the
 * 403 it is answered with before any server sees it. The handlers check again, for what cannot be
 * judged from the body alone (resources, batches).
 */
export function refusalByRules(rules: CallerRules, body: unknown, endpoint: Endpoint, caller: Caller | undefined, separator: string, servers: readonly string[]): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { method, params, id } = body as { method?: unknown; params?: { name?: unknown }; id?: unknown };
  if ((method !== 'tools/call' && method !== 'prompts/get') || typeof params?.name !== 'string') return undefined;
  const target = endpoint.kind === 'server' ? { server: endpoint.server, name: params.name } : unqualify(params.name, servers, separator);
  if (target === undefined) return undefined;
  const kind = method === 'tools/call' ? 'tool' : 'prompt';
  const decision = rules.decide(caller, { kind, server: target.server, name: qualify(target.server, target.name, separator) });
  if (decision.allowed) return undefined;
  return { jsonrpc: '2.0', id: id ?? null, error: { code: -32003, message: `${kind} "${params.name}" is not allowed to this caller: ${decision.reason}` } };
}
