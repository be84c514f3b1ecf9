import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './free-port';

/**
 * A local image registry (Debian's docker-registry package, installed by scripts/machine-setup.sh
 * tests) on loopback, storing in a temporary directory; the engine pushes to 127.0.0.1 over plain
 * HTTP without configuration. Elsewhere (`host`: a test network's gateway address, for engines in
 * containers), those engines need it as an insecure registry. `stop()` ends it and removes what it stored.
 */
export async function startImageRegistry(host = '127.0.0.1'): Promise<{ address: string; catalog(): Promise<string[]>; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-registry-'));
  const port = await freePort();
  const address = `${host}:${port}`;
  fs.writeFileSync(path.join(dir, 'config.yml'), ['version: 0.1', 'log: { level: error }', 'storage:', `  filesystem: { rootdirectory: ${path.join(dir, 'data')} }`, 'http:', `  addr: ${address}`, ''].join('\n'));
  const child: ChildProcess = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => child.on('error', (err) => reject(new Error(`docker-registry cannot run (scripts/machine-setup.sh tests installs it): ${err.message}`))));
  const catalog = async (): Promise<string[]> => ((await (await fetch(`http://${address}/v2/_catalog`)).json()) as { repositories: string[] }).repositories;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await Promise.race([catalog().then(() => true, () => false), failed]);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer at ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    catalog,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
