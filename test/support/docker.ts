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
