import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asUnattended } from '../../src/mcp/remote-probe';
import { TokenStore } from '../../src/outbound/oauth/token-store';

/** The per-user token store: private by construction, refusing what it did not make. */
describe('the token store', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-token-store-'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const key = { server: 'linear', resource: 'https://mcp.linear.app/mcp' };
  const save = (store: TokenStore, k = key, token = 'canary-access'): void =>
    void store.update(k, (r) => ({ ...r, issuers: { 'https://as.example': { tokens: { access_token: token, token_type: 'Bearer' }, savedAt: 1 } }, current: 'https://as.example' }));

  it('a directory 0700 and files 0600, whatever the umask; keyed by server name and URL', () => {
    const old = process.umask(0);
    try {
      const store = new TokenStore(path.join(base, 'auth'));
      save(store);
      save(store, { server: 'other-name', resource: key.resource }, 'second');
      expect(fs.statSync(store.dir).mode & 0o777).toBe(0o700);
      const files = fs.readdirSync(store.dir);
      expect(files).toHaveLength(2);
      for (const f of files) expect(fs.statSync(path.join(store.dir, f)).mode & 0o777).toBe(0o600);
      expect(store.read(key)?.issuers['https://as.example']?.tokens?.access_token).toBe('canary-access');
      expect(store.read({ server: 'linear', resource: 'https://elsewhere.example/mcp' })).toBeUndefined();
      expect(store.list().map((r) => r.server).sort()).toEqual(['linear', 'other-name']);
      expect(store.remove(key)).toBe(true);
      expect(store.read(key)).toBeUndefined();
    } finally {
      process.umask(old);
    }
  });

  it('a record replaced by a link, or readable by others, is refused with a clear error; a link planted at a new name is not written through', () => {
    const store = new TokenStore(path.join(base, 'auth'));
    save(store);
    const [file = ''] = fs.readdirSync(store.dir);
    const full = path.join(store.dir, file);
    const elsewhere = path.join(base, 'elsewhere.json');
    fs.writeFileSync(elsewhere, fs.readFileSync(full));
    fs.rmSync(full);
    fs.symlinkSync(elsewhere, full);
    expect(() => store.read(key)).toThrow(/cannot be used: it is a link; remove it, then log in again/);
    fs.rmSync(full);
    fs.writeFileSync(full, fs.readFileSync(elsewhere), { mode: 0o644 });
    fs.chmodSync(full, 0o644);
    expect(() => store.read(key)).toThrow(/others may use it \(mode 644\)/);
    // A link at the record's name: the update replaces the name itself, the link's target stays as it was.
    fs.rmSync(full);
    fs.symlinkSync(elsewhere, full);
    const before = fs.readFileSync(elsewhere, 'utf8');
    expect(() => save(store)).toThrow(/it is a link/);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe(before);
  });

  it('a store directory others may use is refused', () => {
    const dir = path.join(base, 'shared');
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    expect(() => save(new TokenStore(dir))).toThrow(/the token store .* cannot be used: others may use it \(mode 777\).*MCP_ORCHESTRATOR_AUTH_DIR/);
  });
});

describe('what test --url answers for nobody at the keyboard', () => {
  it("a form it can submit as it stands is accepted with its defaults; any other request, declined", () => {
    expect(asUnattended({ requestedSchema: { properties: { name: { default: 'Ada' }, n: { default: 3 }, free: {} }, required: ['name'] } })).toEqual({ action: 'accept', content: { name: 'Ada', n: 3 } });
    expect(asUnattended({ requestedSchema: { properties: { name: {} }, required: ['name'] } })).toEqual({ action: 'decline' });
    expect(asUnattended({ mode: 'url' })).toEqual({ action: 'decline' });
  });
});
