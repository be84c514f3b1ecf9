import { execFile } from 'node:child_process';
import * as path from 'node:path';

/**
 * `describeDocker` runs a block against the real engine. When no engine answers, the block is
 * skipped with the loud message global-setup printed, except under CI, where global setup has
 * already failed the run.
 */
export const dockerAvailable = process.env['MCPO_TEST_DOCKER'] === '1';
export const describeDocker: jest.Describe = dockerAvailable || process.env['CI'] ? describe : describe.skip;

export const TEST_NODE_IMAGE = 'mcp-orchestrator-test/node:local';
export const TEST_SERVERS_IMAGE = 'mcp-orchestrator-test/mcp-servers:local';

/** A project name no other test run uses, so tests sharing the engine cannot see each other. */
export function uniqueProject(prefix: string): string {
  return `t-${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The project's own image, built from its Dockerfile on the local Debian base (test/images/build.sh debian). */
export const ORCHESTRATOR_IMAGE = 'mcp-orchestrator-test/orchestrator:local';
export const DEBIAN_BASE_IMAGE = 'mcp-orchestrator-test/node-debian:local';

export async function buildOrchestratorImage(): Promise<string> {
  const root = path.join(__dirname, '..', '..');
  await new Promise<void>((resolve, reject) =>
    execFile('docker', ['build', '-q', '--build-arg', `NODE_IMAGE=${DEBIAN_BASE_IMAGE}`, '-t', ORCHESTRATOR_IMAGE, root], { timeout: 300_000 }, (err) => (err ? reject(err) : resolve())),
  );
  return ORCHESTRATOR_IMAGE;
}
