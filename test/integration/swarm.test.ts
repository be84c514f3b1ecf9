import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Docker from 'dockerode';
import { CLI, CliProcess, waitFor } from '../support/cli-process';
import { buildOrchestratorImage, describeDocker, ORCHESTRATOR_IMAGE, TEST_SERVERS_IMAGE } from '../support/docker';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { untilServing } from '../support/gateway-health';
import { removeProject } from '../support/engine-cleanup';
import { startImageRegistry } from '../support/image-registry';
import { useWorkspace } from '../support/workspace';

const execFileAsync = promisify(execFile);
const docker = new Docker({ timeout: 30_000 });

/**
 * backend: swarm on a single-node swarm (`docker swarm init --advertise-addr 127.0.0.1`): the
 * unit of behaviour of the Swarm backend, through the built CLI, against the real engine and real
 * MCP servers. The swarm is made for this file when the engine is not in one, and left after.
 */
describeDocker('backend: swarm on a single-node swarm', () => {
  const ws = useWorkspace('swarm');
  let file: string;
  let madeSwarm = false;
  const env = (): NodeJS.ProcessEnv => ({ MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });

  const cli = async (...args: string[]): Promise<{ code: number; out: string }> => {
    try {
      const r = await execFileAsync(process.execPath, [CLI, ...args], {
        cwd: ws.dir,
        env: { ...process.env, ...env() },
        encoding: 'utf8',
        timeout: 240_000,
      });
      return { code: 0, out: `${r.stdout}${r.stderr}` };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };
  const write = (servers: string[], token = 'token-one'): void => {
    fs.writeFileSync(path.join(ws.dir, 'token.txt'), `${token}\n`, { mode: 0o600 });
    fs.writeFileSync(file, ['version: 1', `project: ${ws.project}`, 'backend: swarm', 'servers:', ...servers, 'secrets:', '  token: { file: ./token.txt }', ''].join('\n'));
  };
  const memory = (extra: string[] = []): string[] => ['  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', '    secrets: [token]', ...extra];
  const web = (mode: string): string[] => [
    '  web:',
    `    image: ${TEST_SERVERS_IMAGE}`,
    '    command: [mcp-server-everything, streamableHttp]',
    `    env: { PORT: "3001", MODE: ${mode} }`,
    '    transport: { type: http, port: 3001, path: /mcp }',
    '    replicas: 2',
    '    rollout: start-first',
  ];
  const services = async (): Promise<Docker.Service[]> => docker.listServices({ status: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } });
  const service = async (server: string): Promise<Docker.Service | undefined> => (await services()).find((s) => s.Spec?.Name === `${ws.project}-${server}`);
  const envOf = (s: Docker.Service | undefined): string[] => {
    const template = s?.Spec?.TaskTemplate;
    return template !== undefined && 'ContainerSpec' in template ? (template.ContainerSpec?.Env ?? []) : [];
  };
  const secrets = async (): Promise<string[]> => (await docker.listSecrets({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).map((s) => s.Spec?.Name ?? '').sort();
  /** What the server's running task reads at /run/secrets/token. */
  const secretInTask = async (server: string): Promise<string> => {
    const [task] = await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${ws.project}-${server}`], status: ['running'] } });
    if (task === undefined) return '(no running task)';
    return (await execFileAsync('docker', ['exec', task.Id, 'cat', '/run/secrets/token'], { encoding: 'utf8' })).stdout.trim();
  };

  beforeAll(async () => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    const info = await docker.info();
    if ((info as { Swarm?: { LocalNodeState?: string } }).Swarm?.LocalNodeState !== 'active') {
      await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
      madeSwarm = true;
    }
  }, 60_000);

  it('apply: each server a service with the project labels and config hash, secrets as Swarm secrets, replicas', async () => {
    write([...memory(), ...web('a')]);
    const r = await cli('apply');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/create server memory/);
    const [mem, www] = [await service('memory'), await service('web')];
    expect(mem?.Spec?.Labels?.['io.mcp-orchestrator.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(www?.Spec?.Mode?.Replicated?.Replicas).toBe(2);
    expect(await secretInTask('memory')).toBe('token-one');
    const ps = JSON.parse((await cli('ps', '--json')).out) as { servers: { server: string; state: string; sync: string }[] };
    expect(ps.servers.map((s) => [s.server, s.state])).toEqual([
      ['memory', 'running'],
      ['web', 'running'],
    ]);
    expect((await cli('plan')).out).toMatch(/No changes/);
    // `test` probes each server with a throwaway plain container beside the services: none is left.
    const probed = await cli('test');
    expect(probed).toMatchObject({ code: 0 });
    expect(probed.out).toMatch(/memory tools: .*read_graph/);
    expect(await docker.listContainers({ all: true, filters: { label: [`io.mcp-orchestrator.project=${ws.project}`, 'io.mcp-orchestrator.probe'] } })).toEqual([]);
  }, 240_000);

  it('a change is an update in place of the same service, gated on the MCP handshake', async () => {
    const before = await service('web');
    write([...memory(), ...web('b')]);
    const r = await cli('apply');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/recreate server web/);
    const after = await service('web');
    expect(after?.ID).toBe(before?.ID);
    expect(envOf(after)).toContain('MODE=b');
    await waitFor('both tasks of the updated service', async () => ((await service('web'))?.ServiceStatus?.RunningTasks === 2 ? true : undefined), 30_000);
  }, 240_000);

  it.each([
    ['never answers the handshake: our gate rolls the service back', '[sleep, "600"]', /rolled back: memory: not ready within 5s/],
    ['exits at once: the engine rolls its own update back', '[sh, -c, "exit 3"]', /rolled back: memory|the engine rolled the update back/],
  ])('a replacement that %s', async (_what, command, message) => {
    const before = await service('memory');
    write([...memory(['    ready: { timeout: 5s }']).map((l) => (l.includes('command:') ? `    command: ${command}` : l)), ...web('b')]);
    const r = await cli('apply');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
    const after = await service('memory');
    expect(after?.ID).toBe(before?.ID);
    // A stdio server runs behind its bridge: the bridged image, with the server's command after the bridge's arguments.
    const template = after?.Spec?.TaskTemplate;
    const container = template !== undefined && 'ContainerSpec' in template ? template.ContainerSpec : undefined;
    expect(container?.Image).toMatch(new RegExp(`^${ws.project}-bridged:`));
    expect(container?.Args).toEqual(['--name', 'memory', '--', 'mcp-server-memory']);
    await waitFor('the old task serving again', async () => ((await service('memory'))?.ServiceStatus?.RunningTasks === 1 ? true : undefined), 30_000);
    // The file still asks for the bad command: put it back for the next case.
    write([...memory(), ...web('b')]);
  }, 240_000);

  it('secrets rotate: a new file content is a new secret in the task; an unused one goes', async () => {
    const first = await secrets();
    write([...memory(), ...web('b')], 'token-two');
    expect(await cli('apply')).toMatchObject({ code: 0 });
    expect(await secretInTask('memory')).toBe('token-two');
    write([...memory(), ...web('b')], 'token-three');
    expect(await cli('apply')).toMatchObject({ code: 0 });
    expect(await secretInTask('memory')).toBe('token-three');
    // The one from two rotations ago is used by no spec (nor a previous spec kept for rollback).
    const now = await secrets();
    expect(now.filter((s) => first.includes(s))).toEqual([]);
    expect(now.length).toBeLessThanOrEqual(2);
  }, 240_000);

  it('registry: an image it builds is pushed, and the service runs it by digest; a rebuild is an update to the new digest', async () => {
    const registry = await startImageRegistry();
    try {
      fs.mkdirSync(path.join(ws.dir, 'built'), { recursive: true });
      const dockerfile = (flavour: string): void => fs.writeFileSync(path.join(ws.dir, 'built', 'Dockerfile'), `FROM ${TEST_SERVERS_IMAGE}\nENV FLAVOUR=${flavour}\n`);
      const withRegistry = (): void => {
        write([...memory(), '  built:', '    build: ./built', '    command: [mcp-server-memory]']);
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('backend: swarm\n', `backend: swarm\nregistry: ${registry.address}/team\n`));
      };
      // An image: server pulled from a registry is locked by its registry digest.
      const pulledRef = `${registry.address}/team/${ws.project}-pulled:1`;
      await execFileAsync('docker', ['tag', TEST_SERVERS_IMAGE, pulledRef]);
      await execFileAsync('docker', ['push', pulledRef]);
      dockerfile('one');
      withRegistry();
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('servers:\n', `servers:\n  pulled:\n    image: ${pulledRef}\n    command: [mcp-server-memory]\n`));
      expect(await cli('apply')).toMatchObject({ code: 0 });
      expect(await registry.catalog()).toContain(`team/${ws.project}-built`);
      expect(fs.readFileSync(path.join(ws.dir, 'mcp-stack.lock'), 'utf8')).toContain(`${registry.address}/team/${ws.project}-pulled@sha256:`);
      const imageOf = async (): Promise<string | undefined> => {
        const s = await service('built');
        const template = s?.Spec?.TaskTemplate;
        return template !== undefined && 'ContainerSpec' in template ? template.ContainerSpec?.Image : undefined;
      };
      const first = await imageOf();
      // A stdio server runs bridged: the bridged image, built on the pushed one, is pushed too and run by digest.
      expect(await registry.catalog()).toContain(`team/${ws.project}-bridged`);
      expect(first).toMatch(new RegExp(`^${registry.address.replace(/\./g, '\\.')}/team/${ws.project}-bridged@sha256:[0-9a-f]{64}$`));
      const id = (await service('built'))?.ID;
      dockerfile('two');
      const r = await cli('apply', '--build');
      expect(r).toMatchObject({ code: 0 });
      expect(r.out).toMatch(/recreate server built/);
      const second = await imageOf();
      expect(second).toMatch(/@sha256:[0-9a-f]{64}$/);
      expect(second).not.toBe(first);
      expect((await service('built'))?.ID).toBe(id);
    } finally {
      // Back to the stack the other cases use (the built and pulled servers are pruned).
      try {
        write([...memory(), ...web('b')], 'token-three');
        expect(await cli('apply')).toEqual({ code: 0, out: expect.any(String) });
      } finally {
        await execFileAsync('docker', ['rmi', `${registry.address}/team/${ws.project}-pulled:1`]).catch(() => undefined);
        await registry.stop();
      }
    }
  }, 300_000);

  it('drift repair: a service scaled to 0 is started, a removed one created again', async () => {
    await execFileAsync('docker', ['service', 'scale', '--detach', `${ws.project}-web=0`]);
    await execFileAsync('docker', ['service', 'rm', `${ws.project}-memory`]);
    const plan = (await cli('plan')).out;
    expect(plan).toMatch(/create\s+server memory/);
    expect(plan).toMatch(/start\s+server web: stopped \(scaled to 0\)/);
    expect(await cli('apply')).toMatchObject({ code: 0 });
    expect((await service('web'))?.Spec?.Mode?.Replicated?.Replicas).toBe(2);
    expect(await secretInTask('memory')).toBe('token-three');
  }, 240_000);

  it('attach: stdio clients reach a bridged server through its bridge, two at once (no one-client claim)', async () => {
    const clients = [new ClientV1({ name: 'a', version: '1' }), new ClientV1({ name: 'b', version: '1' })];
    try {
      for (const c of clients) {
        await c.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'attach', 'memory', '-f', file], env: { ...process.env, ...env() } as Record<string, string>, stderr: 'pipe' }));
      }
      for (const c of clients) expect((await c.listTools()).tools.map((t) => t.name)).toContain('read_graph');
    } finally {
      for (const c of clients) await c.close();
    }
  }, 120_000);

  it('watch repairs a removed service, and logs reads a service', async () => {
    const watch = new CliProcess(['watch', '-f', file, '--log-format', 'json'], env(), ws.dir);
    try {
      await waitFor('watch to start', () => (watch.lines.some((l) => l.includes('"watching"')) ? true : undefined), 60_000);
      await execFileAsync('docker', ['service', 'rm', `${ws.project}-memory`]);
      await waitFor('watch to create the service again', async () => ((await service('memory'))?.ServiceStatus?.RunningTasks === 1 ? true : undefined), 90_000);
    } finally {
      watch.child.kill('SIGTERM');
      await watch.exited;
    }
    const logs = await cli('logs', 'web');
    expect(logs.code).toBe(0);
    expect(logs.out).toMatch(/Streamable HTTP|MCP/);
  }, 240_000);

  it('serve: the gateway serves a stdio service and an http service with 2 replicas, to clients of both eras', async () => {
    const port = await freePort();
    const serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`], env(), ws.dir);
    try {
      const base = `http://127.0.0.1:${port}`;
      await untilServing(base, 'memory', 90_000);
      await untilServing(base, 'web', 90_000);
      const clients = await connectBothEras(new URL(`${base}/mcp`));
      try {
        for (const list of await Promise.all([clients.modern.listTools(), clients.legacy.listTools()])) {
          const names = list.tools.map((tool) => tool.name);
          expect(names).toContain('memory__read_graph');
          expect(names).toContain('web__echo');
        }
        const echoed = await clients.modern.callTool({ name: 'web__echo', arguments: { message: 'through the swarm' } });
        expect(JSON.stringify(echoed.content)).toContain('through the swarm');
      } finally {
        await clients.close();
      }
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  }, 240_000);

  it('gateway.service: the gateway as a service of the stack serves both servers on its published port, and finds a replaced task again', async () => {
    await buildOrchestratorImage();
    const port = await freePort();
    const clientToken = 'gateway-token-of-the-swarm-test';
    fs.writeFileSync(path.join(ws.dir, 'gateway-token.txt'), `${clientToken}\n`, { mode: 0o600 });
    write([...memory(), ...web('b')], 'token-three');
    const withGateway = fs
      .readFileSync(file, 'utf8')
      .replace('secrets:\n', 'secrets:\n  gwtoken: { file: ./gateway-token.txt }\n')
      .concat(['gateway:', '  metrics: true', '  audit: stdout', '  service:', `    image: ${ORCHESTRATOR_IMAGE}`, '    token_secret: gwtoken', `    port: ${port}`, ''].join('\n'));
    fs.writeFileSync(file, withGateway);
    const applied = await cli('apply');
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.out).toMatch(/create server mcp-orchestrator-gateway/);
    expect(applied.out).not.toContain(clientToken);
    const template = (await service('mcp-orchestrator-gateway'))?.Spec?.EndpointSpec;
    expect(template?.Ports).toEqual([expect.objectContaining({ PublishedPort: port, PublishMode: 'host' })]);

    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${clientToken}` };
    await untilServing(base, 'memory', 90_000, headers);
    await untilServing(base, 'web', 90_000, headers);
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const clients = await connectBothEras(new URL(`${base}/mcp`), headers);
    try {
      for (const list of await Promise.all([clients.modern.listTools(), clients.legacy.listTools()])) {
        expect(list.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['memory__read_graph', 'web__echo']));
      }
      // web has 2 tasks behind tasks.<service>: every call of the session lands on the one it resolved to.
      for (let i = 0; i < 5; i++) expect(JSON.stringify(await clients.legacy.callTool({ name: 'web__echo', arguments: { message: `call ${i}` } }))).toContain(`call ${i}`);
      await clients.modern.callTool({ name: 'memory__create_entities', arguments: { entities: [{ name: 'swarm', entityType: 'test', observations: ['via the gateway service'] }] } });
      // The memory task is replaced (a new task, a new address): the gateway's ping finds it gone, the name resolves anew.
      await execFileAsync('docker', ['service', 'update', '--force', '--detach', `${ws.project}-memory`]);
      await waitFor(
        'memory answering through the gateway service again',
        async () => ((await clients.legacy.callTool({ name: 'memory__read_graph', arguments: {} })).isError !== true ? true : undefined),
        90_000,
        1000,
      );
    } finally {
      await clients.close();
    }
    // gateway.metrics and gateway.audit reach the service's gateway (its own stack file, a Swarm secret): counts of the calls made, a line per call.
    const metrics = await (await fetch(`${base}/metrics`, { headers })).text();
    const echoes = /mcpo_gateway_requests_total\{server="web",method="tools\/call",tool="web__echo",outcome="ok"\} (\d+)/.exec(metrics);
    expect(Number(echoes?.[1])).toBe(5);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const logs = await cli('logs', 'mcp-orchestrator-gateway');
    expect(logs.out).toMatch(/server resolved/);
    expect(logs.out.split('\n').filter((l) => l.includes('"method":"tools/call"') && l.includes('"name":"web__echo"'))).toHaveLength(5);
    expect(logs.out).not.toContain(clientToken);
    const ps = JSON.parse((await cli('ps', '--json')).out) as { servers: { server: string; state: string }[] };
    expect(ps.servers.map((s) => [s.server, s.state])).toContainEqual(['mcp-orchestrator-gateway', 'running']);

    // Taken out of the file: the service goes, and its token's secret with it.
    write([...memory(), ...web('b')], 'token-three');
    const pruned = await cli('apply');
    expect(pruned).toMatchObject({ code: 0 });
    expect(pruned.out).toMatch(/remove server mcp-orchestrator-gateway/);
    expect((await secrets()).filter((s) => s.startsWith(`${ws.project}-gwtoken-`))).toEqual([]);
  }, 360_000);

  it('prune removes a server taken out of the file; down leaves no service, secret, config or network', async () => {
    write(memory());
    const r = await cli('apply');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/remove server web/);
    expect((await services()).map((s) => s.Spec?.Name)).toEqual([`${ws.project}-memory`]);
    // By project name, with no file to say the backend: --backend does.
    const ps = await cli('--backend', 'swarm', 'ps', '-p', ws.project);
    expect(ps.out).toMatch(/memory\s+\S+\s+running/);
    expect(await cli('--backend', 'swarm', 'down', '-p', ws.project)).toMatchObject({ code: 0 });
    expect(await services()).toEqual([]);
    expect(await secrets()).toEqual([]);
    // The bridge token's config goes with the last bridged service.
    expect(await docker.listConfigs({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).toEqual([]);
    // A removed overlay leaves the node's list a moment after the manager's store.
    await waitFor('the overlay network to be gone', async () => ((await docker.listNetworks({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } })).length === 0 ? true : undefined), 15_000);
  }, 240_000);

  afterAll(async () => {
    // The project goes first (the workspace's cleanup does it again, harmlessly), then the swarm this file made.
    await removeProject(ws.project);
    if (madeSwarm) {
      await docker.swarmLeave({ force: true });
      // Made by swarm init, left behind by leave (its ingress endpoint goes a moment after).
      await waitFor('docker_gwbridge removed', () => docker.getNetwork('docker_gwbridge').remove().then(() => true, (err: { statusCode?: number }) => (err.statusCode === 404 ? true : undefined)), 15_000, 250).catch(() => undefined);
    }
  }, 60_000);
});
