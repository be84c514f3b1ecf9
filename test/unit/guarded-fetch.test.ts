import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as dns from 'node:dns/promises';
import { guardedFetch } from '../../src/outbound/guarded-fetch';
import { nonPublicRange } from '../../src/util/outbound-address';

/**
 * The outbound client against real listeners on loopback (allowed here, as allow: [private_urls]
 * does): redirects judged each, credentials left behind at another origin; and without the allow,
 * a name that resolves to this machine refused at connect time.
 */
describe('guarded fetch', () => {
  const servers: http.Server[] = [];
  const listen = async (handler: http.RequestListener): Promise<string> => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  it('follows a redirect to another origin without the credentials it was given', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const other = await listen((req, res) => {
      seen.push({ authorization: req.headers.authorization, key: req.headers['x-api-key'] as string | undefined, accept: req.headers.accept });
      res.end('landed');
    });
    const first = await listen((req, res) => {
      seen.push({ authorization: req.headers.authorization });
      res.writeHead(302, { location: `${other}/next` }).end();
    });
    const fetch = guardedFetch({ allowPrivate: true });
    const r = await fetch(`${first}/start`, { headers: { Authorization: 'Bearer canary-token', 'X-Api-Key': 'canary-key', Accept: 'text/plain' } });
    expect(await r.text()).toBe('landed');
    expect(seen).toEqual([{ authorization: 'Bearer canary-token' }, { authorization: undefined, key: undefined, accept: 'text/plain' }]);
  });

  it('judges every hop: a redirect to plain http elsewhere, or to a metadata address, is refused', async () => {
    const toMetadata = await listen((_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const fetch = guardedFetch({ allowPrivate: true });
    await expect(fetch(toMetadata)).rejects.toThrow(/plain http to 169\.254\.169\.254/);
    const strict = guardedFetch({ allowPrivate: false });
    const toLiteral = await listen((_req, res) => res.writeHead(302, { location: 'https://10.0.0.1/' }).end());
    // The first hop itself is on loopback: refused before any request without the allow.
    await expect(strict(toLiteral)).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
  });

  it('a host name is judged after DNS, at connect time: one that resolves to this machine is refused without allow: [private_urls]', async () => {
    const candidates = [os.hostname(), 'ip6-localhost', 'localhost.localdomain'];
    let name: string | undefined;
    for (const c of candidates) {
      const found = await dns.lookup(c, { all: true }).catch(() => []);
      if (found.length > 0 && found.every((a) => nonPublicRange(a.address) !== undefined)) {
        name = c;
        break;
      }
    }
    if (name === undefined) throw new Error(`none of ${candidates.join(', ')} resolves to a non-public address on this machine`);
    const fetch = guardedFetch({ allowPrivate: false });
    await expect(fetch(`https://${name}:9/mcp`)).rejects.toThrow(/resolves to .*, a (loopback|private|link-local.*) address: a remote server there needs allow: \[private_urls\]/);
  });
});
