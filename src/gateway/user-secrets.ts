import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorError } from '../errors';
import { ensurePrivateDir, notPrivate } from '../util/private-dir';
import { putFile } from '../util/replace-file';

/** The variables that give the store's key: the key itself (base64 or hex of 32 bytes), or a file holding it. */
export const USER_SECRETS_KEY_ENV = 'MCP_ORCHESTRATOR_USER_SECRETS_KEY';
export const USER_SECRETS_KEY_FILE_ENV = 'MCP_ORCHESTRATOR_USER_SECRETS_KEY_FILE';
export const USER_SECRETS_DIR_ENV = 'MCP_ORCHESTRATOR_USER_SECRETS_DIR';

/** A value no longer than this is taken (a token, a key: not a file). */
export const MAX_USER_VALUE_BYTES = 16 * 1024;
const MAX_STORE_BYTES = 8 * 1024 * 1024;

interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** The store's file: per user (by a digest of their subject), per server, per variable, each value sealed. */
type StoreFile = Record<string, Record<string, Record<string, Sealed>>>;

/**
 * Personal credentials (`${user:NAME}` in a per-user server's env), each user's own, given to the
 * gateway once (`auth set`): one file per project in a directory of this process's user alone
 * (0700; the file 0600, replaced by rename, read only as a regular file of this user's), each value
 * sealed with AES-256-GCM under a key from a variable or a file, bound to its user, server and
 * name (a value moved to another user's place does not open). The file names no user: a subject is
 * kept as a digest. Values are in no label, log line, lockfile or other user's container.
 */
export class UserSecrets {
  private constructor(
    private readonly file: string,
    private readonly key: Buffer,
  ) {}

  /** The store of `project`, or why there is none (no key given). */
  static open(project: string, env: NodeJS.ProcessEnv): UserSecrets | { readonly missing: string } {
    const key = keyFrom(env);
    if (key === undefined) return { missing: `no key for the personal credentials' store: set ${USER_SECRETS_KEY_ENV} (32 bytes, base64 or hex) or ${USER_SECRETS_KEY_FILE_ENV}` };
    const home = env['HOME'] || os.homedir();
    const dir = env[USER_SECRETS_DIR_ENV] || path.join(env['XDG_STATE_HOME'] || path.join(home, '.local', 'state'), 'mcp-orchestrator', 'user-secrets');
    return new UserSecrets(path.join(path.resolve(dir), `${project}.json`), key);
  }

  /** This user's values for the server, by name (those stored of `names`). */
  values(subject: string, server: string, names: readonly string[]): Record<string, string> {
    const mine = this.read()[userKey(subject)]?.[server] ?? {};
    const out: Record<string, string> = {};
    for (const name of names) {
      const sealed = mine[name];
      if (sealed !== undefined) out[name] = this.unseal(sealed, subject, server, name);
    }
    return out;
  }

  /** The names this user has set for the server. */
  names(subject: string, server: string): string[] {
    return Object.keys(this.read()[userKey(subject)]?.[server] ?? {}).sort();
  }

  set(subject: string, server: string, name: string, value: string): void {
    this.change((store) => {
      const user = (store[userKey(subject)] ??= {});
      (user[server] ??= {})[name] = this.seal(value, subject, server, name);
    });
  }

  /** Whether there was one. */
  remove(subject: string, server: string, name: string): boolean {
    let had = false;
    this.change((store) => {
      const user = store[userKey(subject)];
      const values = user?.[server];
      if (values?.[name] === undefined) return;
      had = true;
      delete values[name];
      if (Object.keys(values).length === 0) delete user?.[server];
      if (user !== undefined && Object.keys(user).length === 0) delete store[userKey(subject)];
    });
    return had;
  }

  private change(fn: (store: StoreFile) => void): void {
    ensurePrivateDir(path.dirname(this.file), "the personal credentials' store", USER_SECRETS_DIR_ENV);
    const store = this.read();
    fn(store);
    putFile(this.file, `${JSON.stringify(store)}\n`, 0o600);
  }

  private read(): StoreFile {
    let fd: number;
    try {
      fd = fs.openSync(this.file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return {};
      throw unusable(this.file, code === 'ELOOP' ? 'it is a link' : String(code));
    }
    try {
      const st = fs.fstatSync(fd);
      const why = !st.isFile() ? 'it is not a regular file' : (notPrivate(st) ?? (st.size > MAX_STORE_BYTES ? 'it is too big' : undefined));
      if (why !== undefined) throw unusable(this.file, why);
      const parsed: unknown = JSON.parse(fs.readFileSync(fd, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unusable(this.file, 'it is not the store');
      return parsed as StoreFile;
    } catch (err) {
      if (err instanceof SyntaxError) throw unusable(this.file, 'it is not the store (not JSON)');
      throw err;
    } finally {
      fs.closeSync(fd);
    }
  }

  private seal(value: string, subject: string, server: string, name: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(binding(subject, server, name));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  private unseal(sealed: Sealed, subject: string, server: string, name: string): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(binding(subject, server, name));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new OrchestratorError('USAGE', `a personal credential in ${this.file} does not open with this key (another key, or not this user's): set it again (mcp-orchestrator auth set ${server} ${name})`);
    }
  }
}

function keyFrom(env: NodeJS.ProcessEnv): Buffer | undefined {
  const file = env[USER_SECRETS_KEY_FILE_ENV];
  let text = env[USER_SECRETS_KEY_ENV];
  if (file !== undefined && file !== '') {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    const why = st === undefined ? 'it does not exist' : !st.isFile() ? 'it is not a regular file' : notPrivate(st);
    if (why !== undefined) throw new OrchestratorError('USAGE', `${USER_SECRETS_KEY_FILE_ENV} ${file} cannot be used: ${why}`);
    text = fs.readFileSync(file, 'utf8');
  }
  if (text === undefined || text.trim() === '') return undefined;
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new OrchestratorError('USAGE', `the personal credentials' key must be 32 bytes (base64 or hex, e.g. openssl rand -base64 32); it is ${key.length}`);
  return key;
}

function userKey(subject: string): string {
  return createHash('sha256').update(`user\0${subject}`).digest('hex').slice(0, 32);
}

function binding(subject: string, server: string, name: string): Buffer {
  return Buffer.from(`${subject}\0${server}\0${name}`, 'utf8');
}

function unusable(file: string, why: string): OrchestratorError {
  return new OrchestratorError('USAGE', `the personal credentials' store ${file} cannot be used: ${why}`);
}
