import type { Server, ServerSettings, StackFile } from './stack-file.generated';
import { pointer } from './located-yaml';

export type ServerEntry = ServerSettings & Server;

const MERGED_MAPS = new Set(['env', 'labels', 'resources']);

/**
 * A server with `defaults:` applied: maps (env, labels, resources) merge key by key with the
 * server's own value winning; lists and scalars are replaced by the server's own.
 * `origin(key)` says where a value was written, so a problem is reported where it stands.
 */
export interface EffectiveServer {
  readonly name: string;
  readonly entry: ServerEntry;
  origin(key: string, subkey?: string): string;
}

/** Whether a server is a remote one (url:): no container, reached at its endpoint. */
export function isRemote(s: EffectiveServer): boolean {
  return (s.entry as { url?: unknown }).url !== undefined;
}

export function effectiveServers(stack: StackFile): EffectiveServer[] {
  const defaults: Record<string, unknown> = stack.defaults ?? {};
  return Object.keys(stack.servers)
    .sort()
    .map((name) => {
      const own = stack.servers[name] as Record<string, unknown>;
      // A remote server (url:) has no container: the defaults, all about containers, are not its.
      const inherited = Object.hasOwn(own, 'url') ? {} : defaults;
      const merged = Object.fromEntries([
        ...Object.entries(inherited).filter(([k]) => !Object.hasOwn(own, k)),
        ...Object.entries(own).map(([k, v]) => {
          const base = Object.hasOwn(inherited, k) ? inherited[k] : undefined;
          return [k, MERGED_MAPS.has(k) && isRecord(base) && isRecord(v) ? { ...base, ...v } : v];
        }),
      ]);
      const ownPath = pointer('/servers', name);
      return {
        name,
        entry: merged as ServerEntry,
        origin: (key: string, subkey?: string): string => {
          const ownValue = Object.hasOwn(own, key) ? own[key] : undefined;
          const fromOwn = subkey === undefined ? Object.hasOwn(own, key) : isRecord(ownValue) && Object.hasOwn(ownValue, subkey);
          const base = pointer(fromOwn ? ownPath : '/defaults', key);
          return subkey === undefined ? base : pointer(base, subkey);
        },
      };
    });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
