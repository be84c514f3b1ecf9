import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { CLI } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';

const docker = new Docker();

/**
 * Project `X-b` with volume `c` and project `X` with volume `b-c` both name the engine volume
 * `X-b-c`. The second must not mount (and overwrite) the first one's data: the name is another
 * project's, so its server cannot be made, and plan and apply say why.
 */
describeDocker('names that collide across projects', () => {
  const base = uniqueProject('names');
  const first = `${base}-b`;
  let dir: string;

  const stack = (project: string, volume: string, write: string): string =>
    [
      'version: 1',
      `project: ${project}`,
      `volumes: { ${volume}: {} }`,
      'servers:',
      '  s:',
      `    image: ${TEST_NODE_IMAGE}`,
      `    command: [sh, -c, "echo ${write} > /data/owner; sleep 600"]`,
      '    ready: running',
      `    volumes: ["${volume}:/data"]`,
      '',
    ].join('\n');
  const cli = (args: string[]): { code: number | null; out: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') }, timeout: 120_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-names-'));
    fs.writeFileSync(path.join(dir, 'first.yml'), stack(first, 'c', 'first'));
    fs.writeFileSync(path.join(dir, 'second.yml'), stack(base, 'b-c', 'second'));
  });

  afterAll(async () => {
    await removeProject(base);
    await removeProject(first);
    for (const v of [`${first}-c`]) await docker.getVolume(v).remove().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("the second project's plan and apply refuse the first one's volume; its data stays", async () => {
    expect(cli(['apply', '-f', path.join(dir, 'first.yml'), '--wait']).code).toBe(0);
    const plan = cli(['plan', '-f', path.join(dir, 'second.yml')]);
    expect(plan.out).toContain(`! fail           server s: volume ${first}-c already exists and belongs to project ${first}, not ${base}`);
    const apply = cli(['apply', '-f', path.join(dir, 'second.yml')]);
    expect(apply.code).toBe(1);
    expect(apply.out).toContain('the names collide, and it is never adopted');
    const second = await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${base}`] } });
    expect(second).toEqual([]);
    const volume = await docker.getVolume(`${first}-c`).inspect();
    expect(volume.Labels['io.mcp-orchestrator.project']).toBe(first);
    const read = await docker.getContainer(`${first}-s`).exec({ Cmd: ['cat', '/data/owner'], AttachStdout: true });
    const stream = await read.start({});
    const text = await new Promise<string>((resolve) => {
      let out = '';
      stream.on('data', (b: Buffer) => (out += b.toString('utf8')));
      stream.on('end', () => resolve(out));
    });
    expect(text).toContain('first');
  }, 120_000);
});
