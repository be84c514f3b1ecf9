import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processAlive } from './process-alive';

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
  fs.mkdirSync(lockDir, { recursive: true });
  const file = recordFile(lockDir, project);
  const me: ServeRecord = { pid: process.pid, host: os.hostname(), ...record };
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(me), { mode: 0o600 });
  fs.renameSync(temp, file);
  return () => {
    if (findServe(lockDir, project)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}

export function findServe(lockDir: string, project: string): ServeRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(recordFile(lockDir, project), 'utf8')) as ServeRecord;
    if (r.host !== os.hostname() || !processAlive(r.pid)) return undefined;
    return r;
  } catch {
    return undefined;
  }
}
