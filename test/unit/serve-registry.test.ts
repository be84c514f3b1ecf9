import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePrivateDir } from '../../src/util/private-dir';
import { defaultLockDir } from '../../src/runtime/project-lock';
import { announceServe, findServe } from '../../src/runtime/serve-registry';

/** The serve records `attach` trusts with a token: only what this user alone could have written. */
describe('serve records and the lock directory', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-registry-'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const plant = (dir: string, record: Record<string, unknown>, mode = 0o600): void => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'p.serve.json'), JSON.stringify({ pid: process.pid, host: os.hostname(), url: 'http://127.0.0.1:9/', tokenEnv: 'T', ...record }), { mode });
    fs.chmodSync(path.join(dir, 'p.serve.json'), mode);
  };

  it('the default directory is the user\'s own, never a shared one in /tmp', () => {
    expect(defaultLockDir({ XDG_RUNTIME_DIR: '/run/user/1000', HOME: '/home/u' })).toBe('/run/user/1000/mcp-orchestrator');
    expect(defaultLockDir({ HOME: '/home/u' })).toBe('/home/u/.cache/mcp-orchestrator/locks');
    expect(defaultLockDir({ HOME: '/home/u', XDG_CACHE_HOME: '/c' })).toBe('/c/mcp-orchestrator/locks');
    expect(defaultLockDir({ MCP_ORCHESTRATOR_LOCK_DIR: '/x' })).toBe('/x');
    expect(defaultLockDir({ HOME: '/' })).toMatch(new RegExp(`mcp-orchestrator-${process.getuid?.() ?? 'user'}$`));
  });

  it('a record written by serve is found; one in a directory others may write is refused with what to do', () => {
    const mine = path.join(base, 'mine');
    announceServe(mine, 'p', { url: 'http://127.0.0.1:9/', tokenEnv: 'T' });
    expect(fs.statSync(mine).mode & 0o777).toBe(0o700);
    expect(findServe(mine, 'p')?.url).toBe('http://127.0.0.1:9/');
    const shared = path.join(base, 'shared');
    plant(shared, {});
    fs.chmodSync(shared, 0o777);
    expect(() => findServe(shared, 'p')).toThrow(/lock directory .*shared is not this user's alone \(others may use it \(mode 777\)\)/);
    expect(() => ensurePrivateDir(shared)).toThrow(/cannot be used: others may use it \(mode 777\); remove it/);
  });

  it('a record others may read or write, or a link, is refused; one naming an address off loopback is ignored', () => {
    const dir = path.join(base, 'd');
    fs.mkdirSync(dir, { mode: 0o700 });
    plant(dir, {}, 0o644);
    expect(() => findServe(dir, 'p')).toThrow(/serve record .* is not this user's alone \(others may use it \(mode 644\)\)/);
    fs.rmSync(path.join(dir, 'p.serve.json'));
    fs.writeFileSync(path.join(base, 'elsewhere.json'), '{}', { mode: 0o600 });
    fs.symlinkSync(path.join(base, 'elsewhere.json'), path.join(dir, 'p.serve.json'));
    expect(() => findServe(dir, 'p')).toThrow(/it is a link/);
    fs.rmSync(path.join(dir, 'p.serve.json'));
    plant(dir, { url: 'http://203.0.113.9:8808/' });
    expect(findServe(dir, 'p')).toBeUndefined();
  });

  (process.getuid?.() === 0 ? it : it.skip)('a directory another user made first is refused (as root: chown to another uid)', () => {
    const theirs = path.join(base, 'theirs');
    fs.mkdirSync(theirs, { mode: 0o700 });
    fs.chownSync(theirs, 4242, 4242);
    expect(() => ensurePrivateDir(theirs)).toThrow(/belongs to uid 4242, not to this user \(0\)/);
    plant(path.join(base, 'own'), {});
    fs.chownSync(path.join(base, 'own', 'p.serve.json'), 4242, 4242);
    expect(() => findServe(path.join(base, 'own'), 'p')).toThrow(/belongs to uid 4242/);
  });
});
