import { UriTemplate } from '@modelcontextprotocol/server';
import { DEFAULT_GATEWAY_SEPARATOR } from '../stack-file/stack-spec';

/**
 * Names on the aggregate endpoint: every tool, prompt and resource template of server `s` is
 * `s<sep><name>`, always, whatever other servers exist. No conditional prefixing: a collision
 * cannot happen, and adding a server never renames another's tools. Pure.
 */
export const DEFAULT_SEPARATOR = DEFAULT_GATEWAY_SEPARATOR;

export function qualify(server: string, name: string, separator: string = DEFAULT_SEPARATOR): string {
  return `${server}${separator}${name}`;
}

/**
 * The server and its own name for a qualified name, or undefined when no server of `servers`
 * prefixes it. The longest matching server name wins, so `a__b__t` is server `a__b`'s tool `t`
 * when both `a` and `a__b` exist (the gateway refuses server names that hold the separator, so
 * that case never reaches a client).
 */
export function unqualify(qualified: string, servers: Iterable<string>, separator: string = DEFAULT_SEPARATOR): { server: string; name: string } | undefined {
  let best: string | undefined;
  for (const s of servers) {
    if (qualified.startsWith(`${s}${separator}`) && (best === undefined || s.length > best.length)) best = s;
  }
  return best === undefined ? undefined : { server: best, name: qualified.slice(best.length + separator.length) };
}

/** A tool filter from the stack file: allow (when given) then deny, by the server's own names. */
export interface ToolFilter {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

export function toolAllowed(name: string, filter: ToolFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.allow !== undefined && !filter.allow.includes(name)) return false;
  return !(filter.deny ?? []).includes(name);
}

/** What a server lists of resources: concrete URIs and RFC 6570 templates, as the server wrote them. */
export interface ResourceLists {
  readonly resources: readonly Readonly<Record<string, unknown>>[];
  readonly templates: readonly Readonly<Record<string, unknown>>[];
}

/** Parsed templates per list: a list is replaced, never changed, so its parse is kept as long as it is. */
const parsedTemplates = new WeakMap<object, readonly UriTemplate[]>();

function templatesOf(list: ResourceLists['templates']): readonly UriTemplate[] {
  let parsed = parsedTemplates.get(list);
  if (parsed === undefined) {
    parsed = list.flatMap((t) => {
      try {
        return typeof t['uriTemplate'] === 'string' ? [new UriTemplate(t['uriTemplate'])] : [];
      } catch {
        // A template the SDK cannot parse matches nothing.
        return [];
      }
    });
    parsedTemplates.set(list, parsed);
  }
  return parsed;
}

/**
 * Resources keep their URIs (a URI is already global); on the aggregate endpoint a read is routed
 * to the server that listed the URI, or whose resource template matches it (or is it: completion
 * names a template). Two servers of one stack may list the same URI (two instances of one
 * server): such a URI is ambiguous on the aggregate endpoint and is read through the server's own
 * endpoint instead. The servers that own `uri`, sorted. Pure.
 */
export function resourceOwners(uri: string, servers: Iterable<readonly [string, ResourceLists]>): string[] {
  const all = [...servers];
  const listed = all.filter(([, l]) => l.resources.some((r) => r['uri'] === uri) || l.templates.some((t) => t['uriTemplate'] === uri)).map(([s]) => s);
  if (listed.length > 0) return listed.sort();
  return all.filter(([, l]) => templatesOf(l.templates).some((t) => t.match(uri) !== null)).map(([s]) => s).sort();
}

/**
 * Which clients (their server instances) subscribed to which resource of which server. `add` says
 * whether this is the URI's first subscriber (subscribe upstream), `remove` whether it was the last.
 */
export class ResourceSubscriptions<Subscriber = unknown> {
  private readonly byKey = new Map<string, Set<Subscriber>>();

  add(server: string, uri: string, who: Subscriber): boolean {
    const key = `${server}\n${uri}`;
    const set = this.byKey.get(key) ?? new Set<Subscriber>();
    const first = set.size === 0;
    set.add(who);
    this.byKey.set(key, set);
    return first;
  }

  remove(server: string, uri: string, who: Subscriber): boolean {
    const key = `${server}\n${uri}`;
    const set = this.byKey.get(key);
    if (set === undefined || !set.delete(who)) return false;
    if (set.size > 0) return false;
    this.byKey.delete(key);
    return true;
  }

  /** Every subscription of `who` goes (its session closed); the URIs left without subscribers. */
  removeAll(who: Subscriber): { server: string; uri: string }[] {
    const emptied: { server: string; uri: string }[] = [];
    for (const [key, set] of this.byKey) {
      if (!set.delete(who) || set.size > 0) continue;
      this.byKey.delete(key);
      const [server = '', uri = ''] = key.split('\n');
      emptied.push({ server, uri });
    }
    return emptied;
  }

  subscribers(server: string, uri: string): Subscriber[] {
    return [...(this.byKey.get(`${server}\n${uri}`) ?? [])];
  }
}
