import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePrivateDir } from '../util/private-dir';
import { OrchestratorError } from '../errors';
import { processAlive } from '../util/process-alive';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

export class LockHeldError extends OrchestratorError {
  constructor(
    readonly project: string,
    readonly holder: LockHolder | undefined,
    readonly file: string,
    waitedMs: number,
  ) {
    super(
      'LOCK_HELD',
      holder
        ? `project ${project} is locked by \`${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.since}); waited ${Math.round(waitedMs / 1000)}s. ` +
            `If that process is gone, remove ${file}.`
        : `project ${project} is locked (${file}); waited ${Math.round(waitedMs / 1000)}s.`,
    );
  }
}

export interface LockOptions {
  /** Where lock files live; one per project. Processes that share an engine must share this directory. */
  readonly dir: string;
  /** How long to wait for a holder to finish before giving up. */
  readonly waitMs: number;
  readonly pollMs?: number;
  /** Told once when the lock is busy, so the user knows why nothing happens. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

/**
 * Where the project locks and serve records live: a directory of this user's (XDG_RUNTIME_DIR,
 * else ~/.cache), never a shared one another user could create first. Checked where it is used.
 */
export function defaultLockDir(env: NodeJS.ProcessEnv): string {
  const explicit = env['MCP_ORCHESTRATOR_LOCK_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime !== undefined && runtime !== '') return path.join(runtime, 'mcp-orchestrator');
  const home = env['HOME'] || os.homedir();
  if (home !== '' && home !== '/') return path.join(env['XDG_CACHE_HOME'] || path.join(home, '.cache'), 'mcp-orchestrator', 'locks');
  return path.join(os.tmpdir(), `mcp-orchestrator-${process.getuid?.() ?? 'user'}`);
}

/**
 * One writer per project: apply and each reconcile of watch hold this lock while they change the
 * engine. The lock is a file created exclusively; a holder whose process has died on this host is
 * taken over at once (a SIGKILLed apply must not block the next one).
 */
export async function acquireProjectLock(project: string, command: string, options: LockOptions): Promise<() => void> {
  ensurePrivateDir(options.dir);
  const file = path.join(options.dir, `${project}.lock`);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  const started = Date.now();
  let told = false;
  for (;;) {
    if (tryCreate(file, me)) return () => release(file, me);
    const holder = readHolder(file);
    if (holder && holder.host === me.host && !processAlive(holder.pid)) {
      takeOverStale(file, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.waitMs) throw new LockHeldError(project, holder, file, waited);
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
  }
}

function tryCreate(file: string, me: LockHolder): boolean {
  try {
    fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Moves the stale file aside atomically, then checks that what was moved is the stale holder's:
 * if another process took over first, its fresh lock is put back (link fails if yet another exists).
 */
function takeOverStale(file: string, stale: LockHolder): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Someone else holds a newer lock; the moved one's owner will find out when it releases.
    }
  }
  fs.rmSync(aside, { force: true });
}

function release(file: string, me: LockHolder): void {
  const holder = readHolder(file);
  if (holder && holder.pid === me.pid && holder.since === me.since) fs.rmSync(file, { force: true });
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const h = parsed as Record<string, unknown>;
    return typeof h['pid'] === 'number' && typeof h['host'] === 'string'
      ? { pid: h['pid'], host: h['host'], command: String(h['command'] ?? '?'), since: String(h['since'] ?? '?') }
      : undefined;
  } catch {
    return undefined;
  }
}
