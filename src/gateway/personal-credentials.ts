import type * as http from 'node:http';
import type { StackSpec } from '../stack-file/stack-spec';
import { userReferences } from '../stack-file/user-references';
import type { Caller as TokenCaller } from './caller-auth';
import { json, readBody, TOO_LARGE } from './http-body';
import { MAX_USER_VALUE_BYTES, UserSecrets } from './user-secrets';

/** Where a caller gives the gateway their own values: PUT/DELETE /user-secrets/<server>/<NAME>, GET /user-secrets/<server>. */
export const USER_SECRETS_PATH = '/user-secrets/';

/** The `${user:NAME}` names a per-user server's env reads (none for any other server). */
export function personalNames(spec: StackSpec, server: string): string[] {
  const g = spec.gateway.servers.find((x) => x.name === server);
  const s = spec.servers.find((x) => x.name === server);
  return g?.perClient?.by === 'user' && s !== undefined ? userReferences(s.env) : [];
}

/**
 * A caller's own values for a per-user server (`${user:NAME}` in its env), each set for themselves
 * only, by the subject of the token they came with: never read back (GET says which are set), never
 * logged. A changed value holds from their next session of the server (`changed` ends the current).
 */
export async function answerPersonal(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  caller: TokenCaller | undefined,
  spec: StackSpec,
  store: () => UserSecrets | { readonly missing: string },
  changed: (subject: string, server: string) => void,
): Promise<void> {
  if (caller === undefined) return json(res, 403, { error: 'personal credentials need gateway.auth: the gateway keeps them per caller' });
  const [server = '', name, ...rest] = path.slice(USER_SECRETS_PATH.length).split('/');
  const names = personalNames(spec, server);
  if (names.length === 0 || rest.length > 0) return json(res, 404, { error: `server ${server} takes no personal credentials (\${user:NAME} in the env of a server with sessions: per_user)` });
  const opened = store();
  if ('missing' in opened) return json(res, 503, { error: opened.missing });
  if (name === undefined || name === '') {
    if (req.method !== 'GET') return json(res, 405, { error: 'GET /user-secrets/<server>, or PUT/DELETE /user-secrets/<server>/<NAME>' });
    const set = opened.names(caller.subject, server).filter((n) => names.includes(n));
    return json(res, 200, { server, needed: names, set });
  }
  if (!names.includes(name)) return json(res, 404, { error: `server ${server} takes no \${user:${name}}; it takes ${names.join(', ')}` });
  if (req.method === 'DELETE') {
    const had = opened.remove(caller.subject, server, name);
    changed(caller.subject, server);
    return json(res, had ? 200 : 404, had ? { server, removed: name } : { error: `no ${name} of yours for server ${server}` });
  }
  if (req.method !== 'PUT') return json(res, 405, { error: 'PUT (the value as the body) or DELETE' });
  const body = await readBody(req, MAX_USER_VALUE_BYTES);
  if (body === TOO_LARGE) return json(res, 413, { error: `a value is at most ${MAX_USER_VALUE_BYTES} bytes` });
  const value = body.toString('utf8').replace(/\r?\n$/, '');
  if (value === '') return json(res, 400, { error: 'the value is empty' });
  opened.set(caller.subject, server, name, value);
  changed(caller.subject, server);
  return json(res, 200, { server, set: name });
}
