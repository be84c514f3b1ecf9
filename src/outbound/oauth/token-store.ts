import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';
import { OrchestratorError } from '../../errors';
import { ensurePrivateDir, notPrivate } from '../../util/private-dir';
import { putFile } from '../../util/replace-file';

/** What one authorization server issued for one remote server: the client it registered, the tokens. */
export interface IssuerEntry {
  readonly client?: StoredOAuthClientInformation;
  readonly tokens?: StoredOAuthTokens;
  /** When the tokens were saved (ms since the epoch): with `expires_in`, when they expire. */
  readonly savedAt?: number;
}

/** Whose record: a remote server by its name and URL (the resource its tokens are bound to). */
export interface StoreKey {
  readonly server: string;
  readonly resource: string;
}

/** One remote server's record, its entries by issuer. */
export interface ServerRecord {
  readonly server: string;
  readonly resource: string;
  readonly issuers: Readonly<Record<string, IssuerEntry>>;
  /** The issuer whose tokens were saved last: the ones sent. */
  readonly current?: string;
}

/** A record no bigger than this is read; a bigger one is not the store's. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * The per-user store of OAuth clients and tokens for remote servers: a directory of this user's
 * alone (0700, checked for owner and mode like the locks), one file (0600) per server, keyed by
 * the server's name and URL, entries within it by issuer. Files are read without following a link and
 * only when they are regular files of this user's that nobody else may read; they are replaced
 * through a fresh file renamed into place, never written through what is there. Tokens are in
 * no other file: not the stack file, the lockfile, a plan, a log or any output.
 */
export class TokenStore {
  /**
   * What each file held when last read, by what the file was then: the transport asks for the
   * tokens before every request, and a file unchanged since (same inode, size, times, owner and
   * mode) is not opened and parsed again. A login elsewhere replaces the file: read anew.
   */
  private readonly seen = new Map<string, { readonly stamp: string; readonly record: ServerRecord | undefined }>();
  private readonly files = new Map<string, string>();

  constructor(readonly dir: string) {}

  static forUser(env: NodeJS.ProcessEnv): TokenStore {
    const explicit = env['MCP_ORCHESTRATOR_AUTH_DIR'];
    if (explicit !== undefined && explicit !== '') return new TokenStore(path.resolve(explicit));
    const home = env['HOME'] || os.homedir();
    return new TokenStore(path.join(env['XDG_STATE_HOME'] || path.join(home, '.local', 'state'), 'mcp-orchestrator', 'auth'));
  }

  private fileFor(key: StoreKey): string {
    const name = `${key.server}\n${key.resource}`;
    let file = this.files.get(name);
    if (file === undefined) {
      file = path.join(this.dir, `${createHash('sha256').update(`${key.server}\n${canonicalResource(key.resource)}`).digest('hex').slice(0, 32)}.json`);
      this.files.set(name, file);
    }
    return file;
  }

  read(key: StoreKey): ServerRecord | undefined {
    const file = this.fileFor(key);
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    const stamp = st === undefined ? 'none' : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.mode}:${st.uid}`;
    const known = this.seen.get(file);
    if (known?.stamp === stamp) return known.record;
    // readRecord judges the file itself (no link, regular, this user's, private) on what it opens.
    const found = st === undefined ? undefined : readRecord(file);
    const record = found?.resource === canonicalResource(key.resource) && found.server === key.server ? found : undefined;
    this.seen.set(file, { stamp, record });
    return record;
  }

  /** Reads, changes and writes back one server's record (a record that ends up empty is removed). */
  update(key: StoreKey, change: (record: ServerRecord) => ServerRecord): ServerRecord {
    ensurePrivateDir(this.dir, 'the token store', 'MCP_ORCHESTRATOR_AUTH_DIR');
    const before = this.read(key) ?? { server: key.server, resource: canonicalResource(key.resource), issuers: {} };
    const after = change(before);
    const file = this.fileFor(key);
    if (Object.keys(after.issuers).length === 0) fs.rmSync(file, { force: true });
    else putFile(file, `${JSON.stringify(after, null, 2)}\n`, 0o600);
    return after;
  }

  /** Every record, for `auth status`. */
  list(): ServerRecord[] {
    if (!fs.existsSync(this.dir)) return [];
    ensurePrivateDir(this.dir, 'the token store', 'MCP_ORCHESTRATOR_AUTH_DIR');
    const names = fs.readdirSync(this.dir).filter((n) => /^[0-9a-f]{32}\.json$/.test(n)).sort();
    return names.flatMap((name) => {
      const record = readRecord(path.join(this.dir, name));
      return record !== undefined && typeof record.resource === 'string' && typeof record.server === 'string' ? [record] : [];
    });
  }

  /** Forgets what was stored for a server (every issuer's client and tokens). */
  remove(key: StoreKey): boolean {
    const had = this.read(key) !== undefined;
    if (had) fs.rmSync(this.fileFor(key), { force: true });
    return had;
  }
}

/** The resource a server's URL names (RFC 8707): no fragment, a lower-case scheme and host. */
export function canonicalResource(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** A record file: read without following a link, only a regular file of this user's that nobody else may use. */
function readRecord(file: string): ServerRecord | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw unusable(file, 'it is a link');
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    const why = !st.isFile() ? 'it is not a regular file' : (notPrivate(st) ?? (st.size > MAX_RECORD_BYTES ? 'it is too big to be a record of the store' : undefined));
    if (why !== undefined) throw unusable(file, why);
    return JSON.parse(fs.readFileSync(fd, 'utf8')) as ServerRecord;
  } catch (err) {
    if (err instanceof SyntaxError) throw unusable(file, 'it is not a record of the store (not JSON)');
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

function unusable(file: string, why: string): OrchestratorError {
  return new OrchestratorError('USAGE', `the token store's file ${file} cannot be used: ${why}; remove it, then log in again (mcp-orchestrator auth login)`);
}

/** Whether stored tokens are past their expiry. */
export function expired(entry: IssuerEntry, now = Date.now()): boolean {
  const ttl = entry.tokens?.expires_in;
  return ttl !== undefined && entry.savedAt !== undefined && entry.savedAt + ttl * 1000 <= now;
}
