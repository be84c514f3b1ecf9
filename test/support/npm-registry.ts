import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import Docker from 'dockerode';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lock-server');

/**
 * An npm registry of one package (test/fixtures/lock-server, published under versions and tool
 * lists the test chooses), for builds in containers to install from: it listens on the default
 * bridge's gateway address, which containers reach and nothing off this machine does.
 */
export interface FixtureRegistry {
  /** The URL as the stack file gives it to builds. */
  readonly url: string;
  readonly name: string;
  /** Packs the fixture as `version` with these tools, and makes it the latest. */
  publish(version: string, tools: readonly unknown[]): void;
  close(): Promise<void>;
}

export async function startFixtureRegistry(): Promise<FixtureRegistry> {
  const bridge = await new Docker().getNetwork('bridge').inspect();
  const host = (bridge.IPAM?.Config?.[0] as { Gateway?: string } | undefined)?.Gateway ?? '172.17.0.1';
  const name = 'mcpo-lock-fixture';
  const versions: Record<string, unknown> = {};
  const tarballs = new Map<string, Buffer>();
  let latest = '';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-registry-'));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://registry');
    if (url.pathname === `/${name}`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, 'dist-tags': { latest }, versions }));
      return;
    }
    const tarball = tarballs.get(url.pathname);
    if (tarball !== undefined) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(tarball);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, () => resolve()));
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/`,
    name,
    publish(version, tools) {
      const dir = path.join(work, version);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of ['server.js', 'package.json']) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
      const pkg = { ...(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>), version };
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
      fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify(tools));
      const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
      const data = fs.readFileSync(path.join(work, file));
      const tarPath = `/${name}/-/${name}-${version}.tgz`;
      tarballs.set(tarPath, data);
      versions[version] = {
        ...pkg,
        dist: { tarball: `${base}${tarPath}`, shasum: createHash('sha1').update(data).digest('hex'), integrity: `sha512-${createHash('sha512').update(data).digest('base64')}` },
      };
      latest = version;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
