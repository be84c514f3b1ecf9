import * as fs from 'node:fs';
import { OrchestratorError } from '../errors';

/**
 * Whether a file or directory is this user's alone: owned by this uid, nobody else may write it
 * (nor read a record in it), not a link. Why not, when it is not.
 */
export function notPrivate(st: fs.Stats): string | undefined {
  if (st.isSymbolicLink()) return 'it is a link';
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `it belongs to uid ${st.uid}, not to this user (${uid})`;
  if ((st.mode & 0o077) !== 0) return `others may use it (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * A directory of this user's alone (the locks and serve records): made with mode 0700 when it is
 * missing; one that exists must be a directory of this user's that nobody else may use, since
 * whoever can write in it could announce a gateway of their own to `attach`.
 */
export function ensurePrivateDir(dir: string, what = 'the lock directory', envVar = 'MCP_ORCHESTRATOR_LOCK_DIR'): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  const why = st.isDirectory() ? notPrivate(st) : 'it is not a directory';
  if (why !== undefined) throw new OrchestratorError('USAGE', `${what} ${dir} cannot be used: ${why}; remove it (or chmod 700 it if it is yours), or set ${envVar}`);
}
