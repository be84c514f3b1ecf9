import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * Writes `text` into a new file beside `near`, under a fresh random name, created exclusively
 * (O_EXCL, O_NOFOLLOW: never through a file or link that is already there, whoever planted it), with
 * `mode` whatever the umask. Returns its path, for a rename into place.
 */
export function writeNewBeside(near: string, text: string, mode: number): string {
  for (let attempt = 0; ; attempt++) {
    const tmp = `${near}.${randomBytes(6).toString('hex')}.tmp`;
    let fd: number;
    try {
      fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw err;
    }
    try {
      fs.writeFileSync(fd, text);
      fs.fchmodSync(fd, mode);
    } finally {
      fs.closeSync(fd);
    }
    return tmp;
  }
}

/**
 * Replaces a user's file (a client config, the stack file) through a temporary file beside it,
 * so a crash leaves the old content or the new one. A symlink is followed and stays a symlink
 * (dotfile managers link these files); the file keeps its mode.
 */
export function replaceFile(file: string, text: string, newFileMode = 0o644): void {
  const target = fs.existsSync(file) ? fs.realpathSync(file) : file;
  const mode = fs.existsSync(target) ? fs.statSync(target).mode & 0o777 : newFileMode;
  fs.renameSync(writeNewBeside(target, text, mode), target);
}

/**
 * Puts `text` at `file` whatever is there now: a rename replaces the directory entry itself, so a
 * link planted at that name is replaced, never followed (its target is left as it was).
 */
export function putFile(file: string, text: string, mode: number): void {
  fs.renameSync(writeNewBeside(file, text, mode), file);
}
