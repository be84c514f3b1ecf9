import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { describeDocker, TEST_NODE_IMAGE, uniqueProject } from '../support/docker';
import { projectContainers, removeProject } from '../support/engine-cleanup';
import { useWorkspace } from '../support/workspace';
import { CliProcess, waitFor } from '../support/cli-process';

const docker = new Docker();
const ROOT = path.join(__dirname, '..', '..');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string; logs: string }> {
  const io = captureOutput();
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(args, { HOME: os.homedir(), ...env }, io, { stdout: sink, stderr: sink });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), logs: Buffer.concat(chunks).toString('utf8') };
}

describeDocker('build: sources, logs, and secrets', () => {
  const project = uniqueProject('build');
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-build-'));
    fs.cpSync(path.join(ROOT, 'examples', 'build'), dir, { recursive: true });
    const stack = fs.readFileSync(path.join(dir, 'mcp-stack.yml'), 'utf8').replace('project: example-build', `project: ${project}`);
    fs.writeFileSync(path.join(dir, 'mcp-stack.yml'), stack);
  });

  afterAll(async () => {
    await removeProject(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('builds the image from the context, tags it <project>-<server>:latest, and runs it', async () => {
    const r = await cli(['apply', '-f', path.join(dir, 'mcp-stack.yml')], { NODE_IMAGE: TEST_NODE_IMAGE });
    expect(r.err).toBe('');
    expect(r.code).toBe(ExitCode.OK);
    expect(r.out).toContain(`✓ build-image image ${project}-hello:latest`);
    const image = await docker.getImage(`${project}-hello:latest`).inspect();
    expect(image.Config.Labels?.['io.mcp-orchestrator.project']).toBe(project);
    expect((await projectContainers(project)).map((c) => c.state)).toEqual(['running']);
  }, 120_000);

  it('a changed source rebuilt with --build recreates the server', async () => {
    fs.appendFileSync(path.join(dir, 'server', 'server.js'), '\n// changed\n');
    const before = (await projectContainers(project))[0]?.id;
    const r = await cli(['apply', '--build', '-f', path.join(dir, 'mcp-stack.yml')], { NODE_IMAGE: TEST_NODE_IMAGE });
    expect(r.code).toBe(ExitCode.OK);
    expect(r.out).toMatch(/✓ recreate server hello/);
    const after = (await projectContainers(project))[0]?.id;
    expect(after).not.toBe(before);
  }, 120_000);

  it("logs prints the server's output; an unknown server is a clear error", async () => {
    const name = `${project}-hello`;
    const container = docker.getContainer(name);
    const exec = await container.exec({ Cmd: ['sh', '-c', 'echo from-exec > /proc/1/fd/1'], AttachStdout: true });
    await exec.start({});
    await new Promise((r) => setTimeout(r, 300));
    const r = await cli(['logs', 'hello', '--tail', '5', '-f', path.join(dir, 'mcp-stack.yml')]);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.logs).toContain('from-exec');
    const missing = await cli(['logs', 'nope', '-f', path.join(dir, 'mcp-stack.yml')]);
    expect(missing.code).toBe(ExitCode.FAILED);
    expect(missing.err).toBe(`server "nope" has no container in project ${project} (servers with containers: hello)`);
  }, 60_000);
});

describeDocker('secrets stay out of labels and output', () => {
  const ws = useWorkspace('secret');
  const project = ws.project;
  const CANARY = `canary-${Math.random().toString(36).slice(2)}`;

  it('a secret from the environment, .env, an env_file and secrets: appears in no label, no output, no log line', async () => {
    const dir = ws.dir;
    fs.writeFileSync(path.join(dir, 'secret.env'), `FILE_TOKEN=${CANARY}-file\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, '.env'), `DOTENV_TOKEN=${CANARY}-dotenv\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'api_key.txt'), `${CANARY}-secretfile`, { mode: 0o600 });
    const file = path.join(dir, 'mcp-stack.yml');
    const stack = (value: string): string =>
      [
        'version: 1',
        `project: ${project}`,
        'servers:',
        '  s:',
        `    image: ${TEST_NODE_IMAGE}`,
        '    command: [sleep, "600"]',
        '    ready: running',
        '    env_file: secret.env',
        '    secrets: [api_key]',
        '    env:',
        '      API_TOKEN: ${API_TOKEN}',
        '      FROM_DOTENV: ${DOTENV_TOKEN}',
        `      OTHER: ${value}`,
        'secrets:',
        '  api_key: { file: ./api_key.txt }',
        '',
      ].join('\n');
    fs.writeFileSync(file, stack('a'));
    const env = { API_TOKEN: `${CANARY}-env` };
    const outputs = [
      await cli(['plan', '-f', file], env),
      await cli(['apply', '-f', file, '--json'], env),
      await cli(['ps', '-f', file, '--json'], env),
    ];
    fs.appendFileSync(path.join(dir, 'secret.env'), 'MORE=1\n');
    fs.writeFileSync(path.join(dir, 'api_key.txt'), `${CANARY}-secretfile-rotated`);
    outputs.push(await cli(['plan', '-f', file, '--json'], env), await cli(['apply', '-f', file], env), await cli(['validate', '-f', file, '--json'], env));
    expect(outputs[3]?.out).toContain('env MORE added, contents of secrets or tls.ca_file changed');

    // watch, logging at debug level, through one repair.
    const watch = new CliProcess(['watch', '-f', file, '--log-format', 'json', '--log-level', 'debug'], { ...env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') });
    await waitFor('watch reconciled', () => (watch.lines.some((l) => l.includes('"reconciled"')) ? true : undefined), 30_000);
    const [running] = await projectContainers(project);
    await docker.getContainer(running?.id ?? '').remove({ force: true });
    await waitFor('watch repaired the server', () => (watch.lines.some((l) => l.includes('"action":"create"')) ? true : undefined), 30_000);
    watch.kill('SIGTERM');
    await watch.exited;

    for (const o of outputs) expect(`${o.out}\n${o.err}`).not.toContain(CANARY);
    expect(watch.lines.join('\n')).not.toContain(CANARY);
    const [c] = await projectContainers(project);
    expect(JSON.stringify(c?.labels)).not.toContain(CANARY);
    // The values do reach the container, or the test would prove nothing.
    const container = docker.getContainer(c?.id ?? '');
    const inspect = await container.inspect();
    expect(inspect.Config.Env).toEqual(expect.arrayContaining([`API_TOKEN=${CANARY}-env`, `FILE_TOKEN=${CANARY}-file`, `FROM_DOTENV=${CANARY}-dotenv`]));
    const exec = await container.exec({ Cmd: ['cat', '/run/secrets/api_key'], AttachStdout: true });
    const stream = await exec.start({});
    const chunks: Buffer[] = [];
    await new Promise((r) => {
      stream.on('data', (b: Buffer) => chunks.push(b));
      stream.on('end', r);
    });
    expect(Buffer.concat(chunks).toString('utf8')).toContain(`${CANARY}-secretfile-rotated`);
  }, 120_000);
});

describe('an unreachable engine', () => {
  it('apply exits 4 with one paragraph naming the socket, and no stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-unreach-'));
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, 'version: 1\nservers:\n  a: { image: "x:1" }\n');
    const r = await cli(['--host', 'unix:///nonexistent/docker.sock', 'apply', '-f', file]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(ExitCode.ENGINE_UNREACHABLE);
    expect(r.err).toMatch(/^Cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker\.sock/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 20_000);
});
