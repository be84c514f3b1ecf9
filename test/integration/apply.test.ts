import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_NODE_IMAGE, TEST_SERVERS_IMAGE, uniqueProject } from '../support/docker';
import {
  containerExists,
  projectContainers,
  projectNetworks,
  projectVolumes,
  removeContainer,
  removeProject,
  runPlainContainer,
} from '../support/engine-cleanup';

function stackText(project: string, servers: Record<string, string>): string {
  return [
    'version: 1',
    `project: ${project}`,
    'servers:',
    ...Object.entries(servers).map(([name, body]) => `  ${name}:\n${body.replace(/^/gm, '    ')}`),
    'networks:',
    '  private: {}',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');
}

const MEMORY = `image: ${TEST_SERVERS_IMAGE}\ncommand: [mcp-server-memory]\nenv: { MEMORY_FILE_PATH: /data/memory.json }\nvolumes: [data:/data]`;
const EVERYTHING = `image: ${TEST_SERVERS_IMAGE}\ncommand: [mcp-server-everything]\nnetworks: [private]\ndepends_on: [memory]`;
const SLEEPER = `image: ${TEST_NODE_IMAGE}\ncommand: [sleep, "600"]\nenv: { MODE: one }\nready: running`;

describeDocker('apply, plan, ps, down against the real engine', () => {
  let dir: string;
  let project: string;
  let file: string;
  const strangers: string[] = [];

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = captureOutput();
    const code = await main(args, { HOME: os.homedir() }, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const write = (servers: Record<string, string>): void => fs.writeFileSync(file, stackText(project, servers));
  const ids = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await projectContainers(project)).map((c) => [c.labels['io.mcp-orchestrator.server'] ?? c.name, c.id]));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-apply-'));
    project = uniqueProject('apply');
    file = path.join(dir, 'mcp-stack.yml');
    // Survivors: another project's container, and an unlabelled one named like ours.
    strangers.push(await runPlainContainer(`${project}x-other`, TEST_NODE_IMAGE, { 'io.mcp-orchestrator.project': `${project}x` }));
    strangers.push(await runPlainContainer(`${project}-sleeper-copy`, TEST_NODE_IMAGE));
  }, 60_000);

  afterAll(async () => {
    await removeProject(project);
    await removeProject(`${project}x`);
    await Promise.all(strangers.map(removeContainer));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  afterEach(async () => {
    for (const id of strangers) expect(await containerExists(id)).toBe(true);
  });

  it('apply from nothing creates every server, running, with its network and volume', async () => {
    write({ memory: MEMORY, everything: EVERYTHING, sleeper: SLEEPER });
    const r = await cli('apply', '-f', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(ExitCode.OK);
    const containers = await projectContainers(project);
    expect(containers.map((c) => [c.name, c.state])).toEqual([
      [`${project}-everything`, 'running'],
      [`${project}-memory`, 'running'],
      [`${project}-sleeper`, 'running'],
    ]);
    expect(await projectNetworks(project)).toEqual([`${project}-default`, `${project}-private`]);
    expect(await projectVolumes(project)).toEqual([`${project}-data`]);
  }, 60_000);

  it('apply again changes nothing: same container IDs, and says so', async () => {
    const before = await ids();
    const r = await cli('apply', '-f', file);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.out).toBe(`No changes: project ${project} matches the stack file (3 servers up to date).`);
    expect(await ids()).toEqual(before);
    const plan = await cli('plan', '-f', file, '--detailed-exitcode');
    expect(plan.code).toBe(ExitCode.OK);
  }, 60_000);

  it("changing one server's env recreates only that server", async () => {
    const before = await ids();
    write({ memory: MEMORY, everything: EVERYTHING, sleeper: SLEEPER.replace('MODE: one', 'MODE: two') });
    const plan = await cli('plan', '-f', file, '--detailed-exitcode');
    expect(plan.code).toBe(ExitCode.CHANGES_PENDING);
    expect(plan.out).toContain('~ recreate       server sleeper: env MODE changed');
    const r = await cli('apply', '-f', file);
    expect(r.code).toBe(ExitCode.OK);
    const after = await ids();
    expect(after['memory']).toBe(before['memory']);
    expect(after['everything']).toBe(before['everything']);
    expect(after['sleeper']).not.toBe(before['sleeper']);
    const containers = await projectContainers(project);
    expect(containers.map((c) => c.name)).toEqual([`${project}-everything`, `${project}-memory`, `${project}-sleeper`]);
    expect(containers.every((c) => c.state === 'running')).toBe(true);
  }, 60_000);

  it('ps shows each server in sync, and a stopped one as stopped', async () => {
    const ps = await cli('ps', '-f', file, '--json');
    const rows = (JSON.parse(ps.out) as { servers: { server: string; sync: string; state: string }[] }).servers;
    expect(rows.map((r) => [r.server, r.state, r.sync])).toEqual([
      ['everything', 'running', 'in sync'],
      ['memory', 'running', 'in sync'],
      ['sleeper', 'running', 'in sync'],
    ]);
  }, 30_000);

  it('a server removed from the file is removed', async () => {
    write({ memory: MEMORY, everything: EVERYTHING });
    const r = await cli('apply', '-f', file);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.out).toContain(`✓ remove server sleeper (${project}-sleeper)`);
    expect((await projectContainers(project)).map((c) => c.name)).toEqual([`${project}-everything`, `${project}-memory`]);
  }, 60_000);

  it('a server whose image does not exist fails alone while the others come up', async () => {
    write({ memory: MEMORY, everything: EVERYTHING, ghost: 'image: mcp-orchestrator-test/no-such-image:1', sleeper: SLEEPER });
    const r = await cli('apply', '-f', file);
    expect(r.code).toBe(ExitCode.FAILED);
    expect(r.out).toMatch(/✗ pull-image image mcp-orchestrator-test\/no-such-image:1: .+/);
    expect(r.out).toMatch(/- create server ghost: skipped, image mcp-orchestrator-test\/no-such-image:1 failed: .+/);
    expect(r.out).toContain('Apply finished with failures');
    const containers = await projectContainers(project);
    expect(containers.map((c) => [c.name, c.state])).toEqual([
      [`${project}-everything`, 'running'],
      [`${project}-memory`, 'running'],
      [`${project}-sleeper`, 'running'],
    ]);
  }, 90_000);

  it('down leaves nothing of the project but its volumes; --volumes removes those too', async () => {
    const r = await cli('down', '-f', file);
    expect(r.code).toBe(ExitCode.OK);
    expect(await projectContainers(project)).toEqual([]);
    expect(await projectNetworks(project)).toEqual([]);
    expect(await projectVolumes(project)).toEqual([`${project}-data`]);
    const again = await cli('down', '-p', project, '--volumes');
    expect(again.code).toBe(ExitCode.OK);
    expect(await projectVolumes(project)).toEqual([]);
  }, 60_000);
});
