import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorError } from '../errors';
import { processAlive } from '../util/process-alive';
import { ensurePrivateDir, notPrivate } from '../util/private-dir';
import { putFile } from '../util/replace-file';

/**
 * Where a running `serve` of a project can be found: a file beside the project's lock, written when
 * the gateway listens and removed when it stops; a file whose process is gone is ignored. It holds
 * the URL and where the token is, never the token.
 */
export interface ServeRecord {
  readonly pid: number;
  readonly host: string;
  /** The gateway as this machine reaches it: http://127.0.0.1:PORT for a wildcard listener. */
  readonly url: string;
  /** The file holding the bearer token, when the gateway has one from a file. */
  readonly tokenFile?: string;
  /** The variable holding the bearer token, when it comes from one. */
  readonly tokenEnv?: string;
}

function recordFile(lockDir: string, project: string): string {
  // Project names have no ".", so this never collides with a project's own lock.
  return path.join(lockDir, `${project}.serve.json`);
}

export function announceServe(lockDir: string, project: string, record: Omit<ServeRecord, 'pid' | 'host'>): () => void {
  ensurePrivateDir(lockDir);
  const file = recordFile(lockDir, project);
  const me: ServeRecord = { pid: process.pid, host: os.hostname(), ...record };
  putFile(file, JSON.stringify(me), 0o600);
  return () => {
    if (findServe(lockDir, project)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}

/**
 * The running serve of a project, from its record. Only a record this user wrote is believed: the
 * directory and the file must be this user's alone (anything else is an error saying so), and the
 * gateway must be on this machine's loopback, where `attach` may send it the token.
 */
export function findServe(lockDir: string, project: string): ServeRecord | undefined {
  const file = recordFile(lockDir, project);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  for (const [what, at, stat] of [['the lock directory', lockDir, fs.lstatSync(lockDir)], ['the serve record', file, st]] as const) {
    const why = notPrivate(stat);
    if (why !== undefined) throw new OrchestratorError('USAGE', `${what} ${at} is not this user's alone (${why}): its record of a running serve is not used; remove it`);
  }
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as ServeRecord;
    if (r.host !== os.hostname() || !processAlive(r.pid) || !isLoopbackUrl(r.url)) return undefined;
    return r;
  } catch {
    return undefined;
  }
}

function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
