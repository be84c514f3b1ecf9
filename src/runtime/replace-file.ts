import * as fs from 'node:fs';

/**
 * Replaces a user's file (a client config, the stack file) through a temporary file beside it,
 * so a crash leaves the old content or the new one. A symlink is followed and stays a symlink
 * (dotfile managers link these files); the file keeps its mode.
 */
export function replaceFile(file: string, text: string, newFileMode = 0o644): void {
  const target = fs.existsSync(file) ? fs.realpathSync(file) : file;
  const mode = fs.existsSync(target) ? fs.statSync(target).mode & 0o777 : newFileMode;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, target);
}
