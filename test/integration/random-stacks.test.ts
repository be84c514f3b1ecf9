import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_NODE_IMAGE } from '../support/docker';
import { projectContainers } from '../support/engine-cleanup';
import { useWorkspace } from '../support/workspace';

/** How many random stacks are applied in sequence, and how many random invalid edits are refused. */
export const RANDOM_VALID_RUNS = 25;
export const RANDOM_INVALID_RUNS = RANDOM_VALID_RUNS;

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'eps'];
const text = fc.string({ unit: fc.constantFrom(...'abc XYZ=$:"\'\n\t✓é漢'.split('')), maxLength: 12 });

/** A valid stack: a random subset of servers with random env, labels, limits, networks, volumes and an acyclic depends_on. */
const validStack = (project: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      servers: fc.subarray(NAMES, { minLength: 1 }),
      env: fc.array(fc.dictionary(fc.constantFrom('A', 'B_2', 'LONG_NAME', 'x'), text, { maxKeys: 3 }), { minLength: 5, maxLength: 5 }),
      labels: fc.array(fc.dictionary(fc.constantFrom('com.example.a', 'team'), text, { maxKeys: 2 }), { minLength: 5, maxLength: 5 }),
      restart: fc.array(fc.constantFrom('no', 'on-failure', 'always', 'unless-stopped'), { minLength: 5, maxLength: 5 }),
      memory: fc.array(fc.option(fc.constantFrom('64m', '128m', '1g'), { nil: undefined }), { minLength: 5, maxLength: 5 }),
      private: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      volume: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      dependsOnFirst: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    })
    .map((r) => {
      const servers: Record<string, unknown> = {};
      r.servers.forEach((name, i) => {
        const first = r.servers[0];
        servers[name] = {
          image: TEST_NODE_IMAGE,
          command: ['sleep', '600'],
          ready: 'running',
          // A literal $ is $$ in the file.
          env: Object.fromEntries(Object.entries(r.env[i] ?? {}).map(([k, v]) => [k, v.replace(/\$/g, '$$$$')])),
          labels: Object.fromEntries(Object.entries(r.labels[i] ?? {}).map(([k, v]) => [k, v.replace(/\$/g, '$$$$')])),
          restart: r.restart[i],
          ...(r.memory[i] !== undefined && { resources: { memory: r.memory[i] } }),
          ...(r.private[i] && { networks: ['default', 'private'] }),
          ...(r.volume[i] && { volumes: ['data:/data'] }),
          ...(r.dependsOnFirst[i] && i > 0 && first !== undefined && { depends_on: [first] }),
        };
      });
      return { version: 1, project, servers, networks: { private: { internal: true } }, volumes: { data: {} } };
    });

/** Edits that make any stack invalid, each in a different stage of validation. */
const breakIt = fc.constantFrom<(s: Record<string, unknown>) => string>(
  (s) => `${stringify(s)}\nservers: {}\n`,
  (s) => stringify({ ...s, version: 2 }),
  (s) => stringify({ ...s, servers: { ...(s['servers'] as object), Bad_Name: { image: 'x' } } }),
  (s) => stringify({ ...s, servers: { ...(s['servers'] as object), extra: { image: 'x', restart: 'sometimes' } } }),
  (s) => stringify({ ...s, servers: { ...(s['servers'] as object), extra: { image: 'x', depends_on: ['ghost'] } } }),
  (s) => stringify({ ...s, servers: { ...(s['servers'] as object), extra: { image: 'x', volumes: ['/etc:/etc'] } } }),
  (s) => stringify({ ...s, servers: { ...(s['servers'] as object), extra: { image: 'x', env: { A: '${UNSET_VARIABLE:?must be set}' } } } }),
  (s) => `${stringify(s)}  broken: [\n`,
);

describeDocker('random stacks through the whole pipeline, against the real engine', () => {
  const ws = useWorkspace('random');
  const project = ws.project;
  let file: string;
  const env = (): NodeJS.ProcessEnv => ({ HOME: os.homedir(), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });

  beforeAll(() => {
    file = path.join(ws.dir, 'mcp-stack.yml');
  });

  it(`${RANDOM_VALID_RUNS} random valid stacks in sequence each apply and converge; ${RANDOM_INVALID_RUNS} invalid edits are refused and change nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(validStack(project), breakIt, async (stack, broken) => {
        fs.writeFileSync(file, stringify(stack));
        const applied = captureOutput();
        const code = await main(['apply', '-f', file], env(), applied);
        if (code !== ExitCode.OK) throw new Error(`apply failed:\n${applied.stdout.join('\n')}\n${applied.stderr.join('\n')}\n${stringify(stack)}`);
        expect(await main(['plan', '-f', file, '--detailed-exitcode'], env(), captureOutput())).toBe(ExitCode.OK);
        const servers = Object.keys(stack['servers'] as object).sort();
        const containers = await projectContainers(project);
        expect(containers.map((c) => c.labels['io.mcp-orchestrator.server']).sort()).toEqual(servers);

        const before = containers.map((c) => `${c.id} ${c.state}`);
        fs.writeFileSync(file, broken(stack));
        const refused = captureOutput();
        expect(await main(['apply', '-f', file], env(), refused)).toBe(ExitCode.INVALID_SPEC);
        expect(refused.stderr[0]).toMatch(/^[^:]+:\d+:\d+: /);
        expect((await projectContainers(project)).map((c) => `${c.id} ${c.state}`)).toEqual(before);
      }),
      { numRuns: RANDOM_VALID_RUNS, endOnFailure: true },
    );
  }, 300_000);
});
