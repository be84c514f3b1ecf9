import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { npmCached } from './npm-cache';

/**
 * The official conformance suite (it needs Node 22, the project's floor: it runs on the node that
 * runs the tests), installed from the npm registry into a cache directory of its own, once per
 * version: not a project dependency.
 */
const CONFORMANCE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';

/** The frozen requirement sets of the suite: what conformance to each revision requires, run at its own wire version. */
export type Requirements = '2026-07-28' | '2025-11-25';

export function conformanceTools(): { node: string; cli: string } {
  const cli = path.join('node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  const dir = npmCached('conformance', [CONFORMANCE], [cli]);
  return { node: process.execPath, cli: path.join(dir, cli) };
}

/** What one run reports: the scenarios that passed and failed, scored and not (pending, extensions), by name. */
export interface ScenarioResults {
  readonly passed: string[];
  readonly failed: string[];
  /** The names the suite listed as not scored for the revision (they still run and are compared). */
  readonly notScored: string[];
}

/** Runs a requirement set's server scenarios against `url`. */
export async function runServerScenarios(url: string, requirements: Requirements): Promise<ScenarioResults> {
  const { node, cli } = conformanceTools();
  let out: string;
  try {
    out = (await promisify(execFile)(node, [cli, 'server', '--url', url, '--requirements', requirements], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    // It exits non-zero when any scenario fails; its report is still on stdout.
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  return scenarioResults(out);
}

/** The suite's report: it lists every scenario run, then names again those not scored. */
function scenarioResults(out: string): ScenarioResults {
  const [scored = '', rest = ''] = out.split(/^Not scored for /m);
  const names = (text: string, mark: string): string[] => [...text.matchAll(new RegExp(`^\\s*${mark} ([\\w/-]+)`, 'gm'))].map((m) => m[1] ?? '');
  return { passed: names(scored, '✓'), failed: names(scored, '✗'), notScored: [...names(rest, '✓'), ...names(rest, '✗')].sort() };
}

/**
 * Runs a requirement set's client scenarios: the suite starts `command` once per scenario with
 * the scenario's server URL appended (and its name and context in the environment).
 */
export async function runClientScenarios(command: string, requirements: Requirements, env: NodeJS.ProcessEnv): Promise<ScenarioResults> {
  const { node, cli } = conformanceTools();
  let out: string;
  try {
    out = (await promisify(execFile)(node, [cli, 'client', '--command', command, '--requirements', requirements], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } })).stdout;
  } catch (err) {
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  return scenarioResults(out);
}
