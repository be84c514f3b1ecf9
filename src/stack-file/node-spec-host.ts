import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathKind, SpecHost } from './spec-host';

/**
 * Far beyond any real env file, secret, CA bundle or stack file: a larger one is a mistake (a log,
 * a disk image) and is refused before it is read.
 */
export const MAX_READ_BYTES = 1024 * 1024;

/**
 * The real file system, as parsing sees it. Only regular files are read, at most MAX_READ_BYTES of
 * them: a FIFO would block forever and /dev/zero never ends. The file is opened without blocking
 * and judged by what the descriptor is, so a path swapped between a check and the read cannot slip
 * a device in.
 */
export const nodeSpecHost: SpecHost = {
  readText(absPath) {
    const read = readRegularFile(absPath, MAX_READ_BYTES);
    return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
  },
  isDirectory(absPath) {
    try {
      return fs.statSync(absPath).isDirectory();
    } catch {
      return false;
    }
  },
  exists(absPath) {
    return fs.existsSync(absPath);
  },
  mode(absPath) {
    try {
      return fs.statSync(absPath).mode;
    } catch {
      return undefined;
    }
  },
  resolve(absPath) {
    return resolvePath(absPath);
  },
};

export function readRegularFile(absPath: string, maxBytes: number): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'it is a directory' };
    if (!st.isFile()) return { ok: false, reason: `it is not a regular file (${kindOf(st)})` };
    if (st.size > maxBytes) return { ok: false, reason: `it is ${st.size} bytes; at most ${maxBytes} are read` };
    // Read to the end, bounded: a file in /proc says size 0 and still has content.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, reason: `it is more than ${maxBytes} bytes; at most ${maxBytes} are read` };
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (err) {
    return { ok: false, reason: ioReason(err) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Every symlink followed; a path that does not exist is resolved through its deepest existing ancestor. */
export function resolvePath(absPath: string): { real: string; kind: PathKind } {
  let existing = absPath;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = path.join(fs.realpathSync(existing), ...rest);
      if (rest.length > 0) return { real, kind: 'missing' };
      return { real, kind: pathKind(fs.statSync(real)) };
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return { real: absPath, kind: 'missing' };
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

function pathKind(st: fs.Stats): PathKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSocket()) return 'socket';
  return 'other';
}

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

export function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  return err instanceof Error ? err.message : String(err);
}
