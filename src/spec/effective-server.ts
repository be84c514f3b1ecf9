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

export function effectiveServers(stack: StackFile): EffectiveServer[] {
  const defaults: Record<string, unknown> = stack.defaults ?? {};
  return Object.keys(stack.servers)
    .sort()
    .map((name) => {
      const own = stack.servers[name] as Record<string, unknown>;
      const merged: Record<string, unknown> = { ...defaults };
      for (const [k, v] of Object.entries(own)) {
        const base = defaults[k];
        merged[k] = MERGED_MAPS.has(k) && isRecord(base) && isRecord(v) ? { ...base, ...v } : v;
      }
      const ownPath = pointer('/servers', name);
      return {
        name,
        entry: merged as ServerEntry,
        origin: (key: string, subkey?: string): string => {
          const ownValue = own[key];
          const fromOwn = subkey === undefined ? key in own : isRecord(ownValue) && subkey in ownValue;
          const base = pointer(fromOwn ? ownPath : '/defaults', key);
          return subkey === undefined ? base : pointer(base, subkey);
        },
      };
    });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
