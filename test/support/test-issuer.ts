import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

/**
 * An OAuth issuer of the test's own, on loopback: discovery and JWKS as an authorization server
 * publishes them, keys it can rotate, and tokens it signs however the test wants them (good and
 * bad). What the gateway must refuse is made here; a real provider is the oauth fixture.
 */
export interface TestIssuer {
  readonly url: string;
  /** A token signed by the current key (or `key`), with these claims over sane defaults. */
  sign(claims: JWTPayload, options?: { key?: SigningKey; header?: Record<string, unknown>; expiresIn?: number }): Promise<string>;
  /** A new key, published (the old one withdrawn); tokens are signed with it from now on. */
  rotate(): Promise<void>;
  newKey(kid: string): Promise<SigningKey>;
  readonly current: () => SigningKey;
  /** How often its keys were fetched. */
  readonly jwksFetches: () => number;
  close(): Promise<void>;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  let keys: SigningKey[] = [];
  let fetches = 0;
  const newKey = async (kid: string): Promise<SigningKey> => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    return { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' } };
  };
  keys = [await newKey('key-1')];
  let url = '';
  const server = http.createServer((req, res) => {
    const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') return json({ issuer: url, jwks_uri: `${url}/jwks`, authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/token`, response_types_supported: ['code'] });
    if (req.url === '/jwks') {
      fetches++;
      return json({ keys: keys.map((k) => k.publicJwk) });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let counter = 1;
  return {
    url,
    current: () => keys[keys.length - 1] as SigningKey,
    newKey,
    jwksFetches: () => fetches,
    async rotate() {
      keys = [await newKey(`key-${++counter}`)];
    },
    async sign(claims, options = {}) {
      const key = options.key ?? (keys[keys.length - 1] as SigningKey);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: url, iat: now, exp: now + (options.expiresIn ?? 300), ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt', ...options.header })
        .sign(key.privateKey);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
