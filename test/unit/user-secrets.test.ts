import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserSecrets } from '../../src/gateway/user-secrets';

/** The personal credentials' store: sealed per user, server and name; private; never through a link. */
describe("the personal credentials' store", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-user-secrets-'));
    env = { MCP_ORCHESTRATOR_USER_SECRETS_DIR: path.join(dir, 'store'), MCP_ORCHESTRATOR_USER_SECRETS_KEY: randomBytes(32).toString('base64') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const open = (e: NodeJS.ProcessEnv = env): UserSecrets => {
    const s = UserSecrets.open('team', e);
    if ('missing' in s) throw new Error(s.missing);
    return s;
  };

  it('keeps each user their own values, sealed: the file names no user and holds no value; private modes', () => {
    const store = open();
    store.set('alice@example.com', 'github', 'GITHUB_TOKEN', 'ghp_alice_canary');
    store.set('bob', 'github', 'GITHUB_TOKEN', 'ghp_bob_canary');
    expect(store.values('alice@example.com', 'github', ['GITHUB_TOKEN', 'OTHER'])).toEqual({ GITHUB_TOKEN: 'ghp_alice_canary' });
    expect(store.values('bob', 'github', ['GITHUB_TOKEN'])).toEqual({ GITHUB_TOKEN: 'ghp_bob_canary' });
    expect(store.values('carol', 'github', ['GITHUB_TOKEN'])).toEqual({});
    const file = path.join(dir, 'store', 'team.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(/canary|alice|bob/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'store')).mode & 0o777).toBe(0o700);
    expect(store.remove('bob', 'github', 'GITHUB_TOKEN')).toBe(true);
    expect(store.names('bob', 'github')).toEqual([]);
  });

  it("a value moved to another user's place does not open; another key opens nothing", () => {
    const store = open();
    store.set('alice', 'github', 'GITHUB_TOKEN', 'ghp_alice');
    store.set('mallory', 'github', 'GITHUB_TOKEN', 'ghp_mallory');
    const file = path.join(dir, 'store', 'team.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;
    const [aliceKey, malloryKey] = Object.keys(data);
    // Mallory puts Alice's sealed value in her own place.
    data[malloryKey ?? '']!['github']!['GITHUB_TOKEN'] = data[aliceKey ?? '']!['github']!['GITHUB_TOKEN'];
    fs.writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
    const who = open().values('alice', 'github', ['GITHUB_TOKEN'])['GITHUB_TOKEN'] === 'ghp_alice' ? 'mallory' : 'alice';
    expect(() => open().values(who, 'github', ['GITHUB_TOKEN'])).toThrow(/does not open with this key/);
    expect(() => open({ ...env, MCP_ORCHESTRATOR_USER_SECRETS_KEY: randomBytes(32).toString('hex') }).values('alice', 'github', ['GITHUB_TOKEN'])).toThrow(/does not open/);
  });

  it('no key: says which variables give one; a wrong key size, a link for the file or a shared directory are refused', () => {
    expect(UserSecrets.open('team', { MCP_ORCHESTRATOR_USER_SECRETS_DIR: dir })).toEqual({ missing: expect.stringContaining('MCP_ORCHESTRATOR_USER_SECRETS_KEY') });
    expect(() => UserSecrets.open('team', { ...env, MCP_ORCHESTRATOR_USER_SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/must be 32 bytes/);
    fs.mkdirSync(path.join(dir, 'store'), { mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'elsewhere.json'), '{}', { mode: 0o600 });
    fs.symlinkSync(path.join(dir, 'elsewhere.json'), path.join(dir, 'store', 'team.json'));
    expect(() => open().names('alice', 'github')).toThrow(/it is a link/);
    fs.rmSync(path.join(dir, 'store', 'team.json'));
    fs.chmodSync(path.join(dir, 'store'), 0o777);
    expect(() => open().set('alice', 'github', 'X', 'v')).toThrow(/others may use it/);
  });
});
