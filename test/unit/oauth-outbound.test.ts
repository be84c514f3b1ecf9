import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { probeRemote, smokeTestRemote } from '../../src/mcp/remote-probe';
import { guardedFetch, type Fetch } from '../../src/outbound/guarded-fetch';
import { headlessAuthorizer, LoopbackReceiver, terminalAuthorizer } from '../../src/outbound/oauth/authorizers';
import { StoredOAuthProvider } from '../../src/outbound/oauth/client-provider';
import { TokenStore } from '../../src/outbound/oauth/token-store';

/**
 * The OAuth client's requests are held to the outbound rules like the server's own: a protected
 * resource whose metadata, authorization server or authorization endpoint points at this machine,
 * a private address or the cloud metadata address is refused, and nothing is sent there. The
 * remote server itself stands for a public one here (the only origin the test lets through).
 */
describe('OAuth discovery and authorization under the outbound rules', () => {
  const servers: http.Server[] = [];
  let dir: string;
  const listen = async (handler: http.RequestListener): Promise<string> => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-oauth-outbound-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A trap on loopback: whatever points here must never be reached. */
  let trapHits = 0;
  const trap = (): Promise<string> => listen((_req, res) => void (trapHits++, res.end('{}')));

  /** A remote server that asks for OAuth and names `where` for its metadata and authorization server. */
  const resource = (where: { metadata?: string; authorizationServer?: string; authorizationEndpoint?: string }): Promise<string> => {
    let self = '';
    const url = listen((req, res) => {
      const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return json({ resource: `${self}/mcp`, authorization_servers: [where.authorizationServer ?? self] });
      if (req.url === '/.well-known/oauth-authorization-server') {
        return json({ issuer: self, authorization_endpoint: where.authorizationEndpoint ?? `${self}/authorize`, token_endpoint: `${self}/token`, registration_endpoint: `${self}/register`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
      }
      if (req.url === '/register') return json({ client_id: 'registered', redirect_uris: ['http://127.0.0.1/callback'] });
      res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${where.metadata ?? `${self}/.well-known/oauth-protected-resource/mcp`}"` }).end();
    });
    return url.then((u) => (self = u));
  };

  /** What the strict rules did with each URL asked of them. */
  const outcomes: { url: string; outcome: 'refused' | 'sent' }[] = [];
  /** The outbound rules as for a file without allow: [private_urls], the remote server's own origin aside. */
  const strictBut = (origin: string): Fetch => {
    const loose = guardedFetch({ allowPrivate: true });
    const strict = guardedFetch({ allowPrivate: false });
    return async (url, init) => {
      if (new URL(String(url)).origin === origin) return loose(url, init);
      try {
        const r = await strict(url, init);
        outcomes.push({ url: String(url), outcome: 'sent' });
        return r;
      } catch (err) {
        outcomes.push({ url: String(url), outcome: 'refused' });
        throw err;
      }
    };
  };

  const probe = async (server: string, fetch: Fetch, authorize = headlessAuthorizer(fetch)): Promise<string> => {
    const store = new TokenStore(path.join(dir, `store-${Math.random().toString(36).slice(2)}`));
    const oauth = new StoredOAuthProvider(store, `${server}/mcp`, 'remote', { grant: 'authorization_code' }, { redirectUrl: new URL('http://127.0.0.1:1/callback'), authorize });
    const r = await probeRemote('remote', { url: new URL(`${server}/mcp`), transport: 'streamable-http', headers: {}, fetch, oauth }, 5000, 'test');
    expect(r.ok).toBe(false);
    return r.error ?? '';
  };

  it('protected resource metadata at the cloud metadata address or a private one is refused (discovery goes on at the server itself)', async () => {
    for (const metadata of ['https://169.254.169.254/.well-known/oauth-protected-resource', 'https://10.1.2.3/.well-known/oauth-protected-resource']) {
      const server = await resource({ metadata });
      outcomes.length = 0;
      await probe(server, strictBut(server));
      expect(outcomes.filter((o) => o.url === metadata)).toEqual([{ url: metadata, outcome: 'refused' }]);
      expect(outcomes.filter((o) => o.outcome === 'sent')).toEqual([]);
    }
  });

  it('an authorization server on this machine is refused, and never reached', async () => {
    const at = await trap();
    trapHits = 0;
    const server = await resource({ authorizationServer: at });
    expect(await probe(server, strictBut(server))).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(trapHits).toBe(0);
  });

  it('an authorization endpoint on this machine is neither fetched nor shown to the user to open', async () => {
    const at = await trap();
    trapHits = 0;
    const server = await resource({ authorizationEndpoint: `${at}/authorize` });
    expect(await probe(server, strictBut(server))).toMatch(/127\.0\.0\.1 is a loopback address/);
    const shown: string[] = [];
    const receiver = new LoopbackReceiver();
    await receiver.start(0);
    try {
      const asked = await probe(server, strictBut(server), terminalAuthorizer(receiver, (line) => shown.push(line), undefined, false));
      expect(asked).toMatch(/127\.0\.0\.1 is a loopback address/);
    } finally {
      receiver.close();
    }
    expect(shown).toEqual([]);
    expect(trapHits).toBe(0);
  });

  it("a stack file's remote server that leads to a refused address fails with the file's location and the rule that refused it", async () => {
    const server = await listen((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="http://169.254.169.254/latest/meta-data/"' }).end());
    const store = new TokenStore(path.join(dir, 'located'));
    const r = await smokeTestRemote(
      { name: 'metadata-trap', url: `${server}/mcp`, transport: 'streamable-http', headers: {}, timeoutSeconds: 5, allowPrivate: true, where: { file: 'mcp-stack.yml', line: 7, col: 3 } },
      'test',
      undefined,
      store,
    );
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^mcp-stack\.yml:7:3: server "metadata-trap": http:\/\/127\.0\.0\.1:\d+: refused by the outbound rules: http:\/\/169\.254\.169\.254: plain http to 169\.254\.169\.254/);
  });
});
