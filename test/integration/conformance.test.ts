import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, waitFor } from '../support/cli-process';
import { runServerScenarios, type Requirements, type ScenarioResults } from '../support/conformance';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'conformance-server');
const BASELINE = path.join(FIXTURE, 'baseline.json');
const SETS: readonly Requirements[] = ['2026-07-28', '2025-11-25'];

type Baseline = Record<Requirements, { passed: string[]; failed: string[] }>;

/**
 * The official conformance suite's frozen requirement sets (2026-07-28 and 2025-11-25), each at its
 * own wire version, against a server built on the SDK v2 for the suite's server scenarios
 * (test/fixtures/conformance-server): directly, and through the gateway to it over stdio and over
 * http. Every scenario that passes directly passes through the gateway. The direct results are a
 * committed baseline (baseline.json), so a change in them shows in review; with
 * MCPO_UPDATE_CONFORMANCE_BASELINE=1 the run writes it anew.
 */
describeDocker('the official conformance suite, directly and through the gateway [needs the npm registry or its cache]', () => {
  const ws = useWorkspace('conformance');
  let direct: ChildProcess | undefined;
  let serve: CliProcess | undefined;
  let directUrl: string;
  let base: string;
  const directResults = new Map<Requirements, ScenarioResults>();

  beforeAll(async () => {
    // Directly: the fixture as a process on loopback (the DNS-rebinding scenario needs a localhost URL).
    const port = await freePort();
    direct = spawn(process.execPath, [path.join(FIXTURE, 'server.mjs'), '--http', String(port)], { stdio: 'ignore' });
    directUrl = `http://127.0.0.1:${port}/mcp`;
    // Through the gateway: the same server in containers, over stdio and over http.
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${ws.project}`,
        'servers:',
        '  stdio:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [conformance-fixture]',
        '  web:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [conformance-fixture, --http, "3000"]',
        '    transport: { type: http, port: 3000, path: /mcp }',
        '',
      ].join('\n'),
    );
    const gatewayPort = await freePort();
    base = `http://127.0.0.1:${gatewayPort}`;
    serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${gatewayPort}`, '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor('the fixture answering', async () => ((await fetch(directUrl, { method: 'GET' }).catch(() => undefined)) !== undefined ? true : undefined), 20_000, 100);
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 90_000, 250);
    for (const set of SETS) directResults.set(set, await runServerScenarios(directUrl, set));
  }, 400_000);

  afterAll(async () => {
    direct?.kill();
    serve?.kill('SIGKILL');
    await serve?.exited;
    await removeProject(ws.project);
  }, 60_000);

  it('directly: the results are the committed baseline (every scored scenario of both sets passes)', () => {
    const now = Object.fromEntries(SETS.map((set) => [set, { passed: [...(directResults.get(set)?.passed ?? [])].sort(), failed: [...(directResults.get(set)?.failed ?? [])].sort() }])) as Baseline;
    if (process.env['MCPO_UPDATE_CONFORMANCE_BASELINE'] === '1') fs.writeFileSync(BASELINE, `${JSON.stringify(now, null, 2)}\n`);
    expect(now).toEqual(JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as Baseline);
    for (const set of SETS) {
      const r = directResults.get(set);
      expect(r?.failed.filter((s) => !r.notScored.includes(s))).toEqual([]);
      expect(r?.passed.length).toBeGreaterThanOrEqual(set === '2026-07-28' ? 37 : 30);
    }
  });

  it.each(SETS.flatMap((set) => (['stdio', 'web'] as const).map((server) => [set, server] as const)))('requirements %s through /servers/%s/mcp: every scenario that passes directly passes', async (set, server) => {
    const through = await runServerScenarios(`${base}/servers/${server}/mcp`, set);
    expect((directResults.get(set)?.passed ?? []).filter((s) => !through.passed.includes(s))).toEqual([]);
  }, 300_000);
});
