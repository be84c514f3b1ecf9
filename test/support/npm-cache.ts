import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Tools the tests run but the project does not depend on (the conformance suite and Node 22, real
 * MCP clients): installed from the npm registry, once per set of versions, into a cache directory
 * of the tests. The directory's name carries the versions, so a new version installs afresh.
 */
export function npmCached(name: string, packages: readonly string[], expected: readonly string[]): string {
  const base = process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'mcp-orchestrator-test', `${name}-${packages.map((p) => p.split('@').pop() ?? '').join('-')}`);
  if (!expected.every((p) => fs.existsSync(path.join(dir, p)))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', ...packages, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'pipe', timeout: 300_000 });
  }
  return dir;
}
