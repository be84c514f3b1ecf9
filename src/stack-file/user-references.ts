import type { Severity } from '../errors';
import { USER_REFERENCES } from './interpolate';
import { pointer } from './located-yaml';
import type { StackFile } from './stack-file.generated';

/**
 * `${user:NAME}`, a caller's own value (a personal credential each user gives the gateway), stands
 * only in the env of a server whose sessions are per user: each user's session (and container)
 * then gets that user's value, and no other process ever does. Anywhere else it would be sent as
 * it is, or to everyone.
 */
export function checkUserReferences(stack: StackFile, report: (severity: Severity, at: string, message: string) => void): void {
  const perUser = new Set(Object.entries(stack.gateway?.servers ?? {}).filter(([, g]) => g.sessions === 'per_user').map(([name]) => name));
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const names = [...value.matchAll(USER_REFERENCES)].map((m) => m[1]);
      if (names.length === 0) return;
      const env = /^\/servers\/([^/]+)\/env\/[^/]+$/.exec(at);
      const server = env?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
      if (server !== undefined && perUser.has(server) && (stack.servers[server] as { url?: unknown } | undefined)?.url === undefined) return;
      report('error', at, `\${user:${names[0] ?? ''}} is a caller's own value: it stands only in the env of a container server with sessions: per_user (gateway.servers.<server>.sessions), whose session each user gets with their own value`);
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, pointer(at, i)));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, pointer(at, k));
  };
  walk(stack, '');
}

/** The `${user:NAME}` names a server's env reads, sorted. */
export function userReferences(env: Readonly<Record<string, string>>): string[] {
  return [...new Set(Object.values(env).flatMap((v) => [...v.matchAll(USER_REFERENCES)].map((m) => m[1] ?? '')))].sort();
}

/** A server's env with each `${user:NAME}` replaced by this user's value. */
export function withUserValues(env: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return env.map((entry) => entry.replace(USER_REFERENCES, (whole, name: string) => values[name] ?? whole));
}
