import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const RECORDED = path.join(__dirname, '..', 'fixtures', 'registry');

/**
 * A registry serving the v0 API as the official registry's OpenAPI describes it, from recorded
 * server.json documents (test/fixtures/registry) and any the test adds:
 * `GET /v0/servers?search=` and `GET /v0/servers/{name}/versions/{version|latest}`.
 */
export async function startRegistry(extra: readonly object[] = []): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const entries = [
    ...fs.readdirSync(RECORDED).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(RECORDED, f), 'utf8')) as { name: string; version: string }),
    ...(extra as { name: string; version: string }[]),
  ];
  const wrap = (server: { name: string; version: string }): object => ({
    server,
    _meta: { 'io.modelcontextprotocol.registry/official': { status: 'active', publishedAt: '2026-11-02T10:00:00Z', updatedAt: '2026-11-02T10:00:00Z', isLatest: true } },
  });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://registry');
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/v0/servers') {
      const search = url.searchParams.get('search') ?? '';
      const found = entries.filter((e) => e.name.includes(search));
      return json(200, { servers: found.map(wrap), metadata: { count: found.length } });
    }
    const m = /^\/v0\/servers\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
    if (m !== null) {
      const name = decodeURIComponent(m[1] ?? '');
      const version = decodeURIComponent(m[2] ?? '');
      const entry = entries.find((e) => e.name === name && (version === 'latest' || e.version === version));
      return entry === undefined ? json(404, { title: 'Not Found', status: 404, detail: 'Server not found' }) : json(200, wrap(entry));
    }
    json(404, { title: 'Not Found', status: 404 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
