import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/client';
import Docker from 'dockerode';
import { CLI, waitFor } from '../support/cli-process';
import { buildOrchestratorImage, describeDocker, TEST_SERVERS_IMAGE, uniqueProject } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { connectBothEras } from '../support/era-clients';
import { startImageRegistry } from '../support/image-registry';

const execFileAsync = promisify(execFile);
const host = new Docker();
/** test/images/build.sh swarm-node: Debian's docker.io in a container. */
const NODE_IMAGE = 'mcp-orchestrator-test/swarm-node:local';
const GATEWAY_PORT = 8808;
const TOKEN = 'swarm-nodes-test-token-0123456789abcdef';
/** gateway.service: published on each node one of its tasks runs on. */
const SERVICE_PORT = 8809;
const SERVICE_TOKEN = 'swarm-nodes-service-token-fedcba9876543210';

interface Machine {
  readonly name: string;
  readonly address: string;
  readonly engine: Docker;
}

/**
 * The same stack on a real multi-node swarm: three Docker engines, each a container of its own
 * (Debian's docker.io) on a network of the test's own, joined as one swarm, with a local registry
 * every engine reaches. The orchestrator applies from outside (DOCKER_HOST at the manager); one
 * gateway runs on the manager, in the project's own image, as a container joined to the overlay,
 * and two more as the stack's own gateway service (gateway.service), on two machines; one worker
 * is then stopped, and what ran on it answers through the same sessions of both again, and the
 * gateway service is back on two machines.
 * The public images a real swarm would pull from a registry are loaded into each engine here (no
 * registry outside this machine is reachable); what the orchestrator builds goes through the registry.
 */
describeDocker('backend: swarm on three engines, one of them stopped', () => {
  const project = uniqueProject('nodes');
  const machines: Machine[] = [];
  let dir: string;
  let registry: Awaited<ReturnType<typeof startImageRegistry>>;
  let network: string;

  const labels = { 'io.mcp-orchestrator.project': project };
  const orchestratorRef = (): string => `${registry.address}/mcp-orchestrator:test`;
  const manager = (): Machine => machines[0] as Machine;
  const cli = async (...args: string[]): Promise<{ code: number; out: string }> => {
    try {
      const r = await execFileAsync(process.execPath, [CLI, ...args], {
        cwd: dir,
        env: { ...process.env, DOCKER_HOST: `tcp://${manager().address}:2375`, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, '.locks') },
        encoding: 'utf8',
        timeout: 400_000,
      });
      return { code: 0, out: `${r.stdout}${r.stderr}` };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };
  /** The node each server's running tasks are on, by hostname. */
  const placement = async (): Promise<Record<string, string[]>> => {
    const engine = manager().engine;
    const nodes = new Map((await engine.listNodes()).map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
    const out: Record<string, string[]> = {};
    for (const t of await engine.listTasks({ filters: { 'desired-state': ['running'] } })) {
      const service = (await engine.getService(t.ServiceID).inspect()) as Docker.Service;
      const server = service.Spec?.Labels?.['io.mcp-orchestrator.server'];
      if (server === undefined || t.Status?.State !== 'running') continue;
      (out[server] ??= []).push(nodes.get(t.NodeID) ?? '?');
    }
    return out;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-nodes-'));
    // As a user's own project directory is to that user: the gateway's image runs as uid 1000.
    fs.chmodSync(dir, 0o755);
    await host.getImage(NODE_IMAGE).inspect().catch(() => {
      throw new Error(`${NODE_IMAGE} is missing: test/images/build.sh swarm-node builds it (global setup does)`);
    });
    await buildOrchestratorImage();
    network = `${project}-machines`;
    const net = await host.createNetwork({ Name: network, Labels: labels });
    const gateway = ((await net.inspect()) as { IPAM?: { Config?: { Gateway?: string }[] } }).IPAM?.Config?.[0]?.Gateway;
    if (gateway === undefined) throw new Error('the machines network has no gateway address');
    registry = await startImageRegistry(gateway);
    for (const n of [1, 2, 3]) {
      const name = `${project}-m${n}`;
      const c = await host.createContainer({
        name,
        Hostname: `m${n}`,
        Image: NODE_IMAGE,
        Cmd: ['--insecure-registry', registry.address],
        Labels: labels,
        HostConfig: {
          // What --privileged gives, less CAP_SYS_RESOURCE, which this machine's kernel withholds.
          CapAdd: ['ALL'],
          CapDrop: ['SYS_RESOURCE'],
          SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
          MaskedPaths: [],
          ReadonlyPaths: [],
          CgroupnsMode: 'private',
          NetworkMode: network,
          // The stack's directory at the same path on the manager, for the gateway's bind of it.
          Binds: [`${dir}:${dir}`],
        } as Docker.HostConfig,
      });
      await c.start();
      const address = ((await c.inspect()).NetworkSettings.Networks[network] as { IPAddress: string }).IPAddress;
      machines.push({ name, address, engine: new Docker({ host: address, port: 2375 }) });
    }
    for (const m of machines) await waitFor(`the engine of ${m.name}`, () => m.engine.ping().then(() => true, () => undefined), 60_000, 250);
    await manager().engine.swarmInit({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: manager().address });
    const token = ((await manager().engine.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    for (const m of machines.slice(1)) await m.engine.swarmJoin({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: m.address, RemoteAddrs: [`${manager().address}:2377`], JoinToken: token });
    // Loaded, as each machine of a real swarm would pull them from the registry they are in.
    await Promise.all(machines.map((m) => execFileAsync('sh', ['-c', `docker save "$1" | docker -H "tcp://$2:2375" load -q`, 'sh', TEST_SERVERS_IMAGE, m.address], { timeout: 180_000 })));
    await execFileAsync('sh', ['-c', `docker save "$1" | docker -H "tcp://$2:2375" load -q`, 'sh', 'mcp-orchestrator-test/orchestrator:local', manager().address], { timeout: 180_000 });
    // The gateway service's image, where every machine pulls it from: pushed by the manager, whose engine trusts the registry.
    await execFileAsync('sh', ['-c', 'docker -H "tcp://$1:2375" tag mcp-orchestrator-test/orchestrator:local "$2" && docker -H "tcp://$1:2375" push -q "$2"', 'sh', manager().address, orchestratorRef()], { timeout: 180_000 });
  }, 600_000);

  afterAll(async () => {
    // The machines go with everything in them (their engines' state is in anonymous volumes).
    for (const m of machines) await host.getContainer(m.name).remove({ force: true, v: true }).catch(() => undefined);
    await removeProject(project);
    await registry?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('three engines form one swarm', async () => {
    const nodes = await manager().engine.listNodes();
    expect(nodes.map((n) => [n.Description?.Hostname, n.Status?.State]).sort()).toEqual([
      ['m1', 'ready'],
      ['m2', 'ready'],
      ['m3', 'ready'],
    ]);
  });

  it('apply from outside puts the servers on several machines; stdio servers run bridged from the registry', async () => {
    fs.writeFileSync(
      path.join(dir, 'mcp-stack.yml'),
      [
        'version: 1',
        `project: ${project}`,
        'backend: swarm',
        `registry: ${registry.address}`,
        'servers:',
        '  memory:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        // On the workers, so that stopping one moves a server.
        '    placement: { constraints: [node.role == worker] }',
        '  everything:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything]',
        '    placement: { constraints: [node.role == worker] }',
        '  web:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything, streamableHttp]',
        '    env: { PORT: "3001" }',
        '    transport: { type: http, port: 3001, path: /mcp }',
        '    replicas: 2',
        'secrets:',
        '  gw_token: { file: ./gateway-token.txt }',
        // Clients reach a gateway at a machine's address.
        'gateway:',
        `  allowed_hosts: [${machines.map((m) => m.address).join(', ')}]`,
        '  service:',
        `    image: ${orchestratorRef()}`,
        '    token_secret: gw_token',
        `    port: ${SERVICE_PORT}`,
        '    replicas: 2',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'gateway-token.txt'), `${SERVICE_TOKEN}\n`, { mode: 0o600 });
    // The user's own file, as the project directory is: the gateway container on the manager (uid 1000) reads the stack, and so its secrets.
    fs.chownSync(path.join(dir, 'gateway-token.txt'), 1000, 1000);
    const r = await cli('apply');
    expect(r).toMatchObject({ code: 0 });
    // Both stdio servers are on one base image: one bridged image, through the registry.
    expect(await registry.catalog()).toContain(`${project}-bridged`);
    const where = await placement();
    expect(Object.keys(where).sort()).toEqual(['everything', 'mcp-orchestrator-gateway', 'memory', 'web']);
    // Two gateways, on two machines.
    expect(new Set(where['mcp-orchestrator-gateway']).size).toBe(2);
    expect(new Set(Object.values(where).flat()).size).toBeGreaterThanOrEqual(2);
    expect([...(where['memory'] ?? []), ...(where['everything'] ?? [])].every((n) => n !== 'm1')).toBe(true);
  }, 420_000);

  describe('the gateway on the manager, and the gateway service', () => {
    let client: { modern: Client; close(): Promise<void> } | undefined;
    const url = (): URL => new URL(`http://${manager().address}:${GATEWAY_PORT}/mcp`);
    const health = async (): Promise<Record<string, { state: string }>> =>
      ((await (await fetch(new URL('/healthz', url()), { signal: AbortSignal.timeout(2000) })).json()) as { servers: Record<string, { state: string }> }).servers;
    const machine = (hostname: string): Machine => machines.find((m) => m.name.endsWith(`-${hostname}`)) as Machine;
    const serviceUrl = (hostname: string): URL => new URL(`http://${machine(hostname).address}:${SERVICE_PORT}/mcp`);
    const serviceHeaders = { authorization: `Bearer ${SERVICE_TOKEN}` };
    /** Whether the gateway service's task on that machine has every server up. */
    const serviceServes = async (hostname: string): Promise<boolean> => {
      const h = await fetch(new URL('/healthz', serviceUrl(hostname)), { headers: serviceHeaders, signal: AbortSignal.timeout(2000) }).then(
        async (r) => ((await r.json()) as { servers: Record<string, { state: string }> }).servers,
        () => undefined,
      );
      return h !== undefined && ['memory', 'everything', 'web'].every((s) => h[s]?.state === 'up');
    };

    afterAll(async () => {
      await client?.close();
    });

    it('the gateway service: each of its two tasks serves every server, to clients of both eras', async () => {
      const gateways = (await placement())['mcp-orchestrator-gateway'] ?? [];
      for (const g of gateways) await waitFor(`the gateway service on ${g} serving all three`, async () => ((await serviceServes(g)) ? true : undefined), 120_000, 500);
      const both = await connectBothEras(serviceUrl(gateways[0] ?? ''), serviceHeaders);
      try {
        const names = (await both.modern.listTools()).tools.map((t) => t.name);
        expect(names).toEqual(expect.arrayContaining(['memory__read_graph', 'everything__echo', 'web__echo']));
        expect((await both.legacy.listTools()).tools.map((t) => t.name).sort()).toEqual([...names].sort());
        expect(JSON.stringify((await both.legacy.callTool({ name: 'everything__echo', arguments: { message: 'through the service' } })).content)).toContain('through the service');
      } finally {
        await both.close();
      }
    }, 240_000);

    it('serves every server, wherever its task runs, to clients of both eras', async () => {
      const gateway = await manager().engine.createContainer({
        name: `${project}-gateway`,
        Image: 'mcp-orchestrator-test/orchestrator:local',
        // The gateway alone: apply and down run from outside, as from CI.
        Cmd: ['serve', '--no-apply', '--listen', `0.0.0.0:${GATEWAY_PORT}`],
        Env: [`MCP_ORCHESTRATOR_GATEWAY_TOKEN=${TOKEN}`],
        Labels: labels,
        HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock', `${dir}:/project`], PortBindings: { [`${GATEWAY_PORT}/tcp`]: [{ HostPort: String(GATEWAY_PORT) }] } },
      });
      await gateway.start();
      let last: unknown;
      try {
        await waitFor('the gateway serving all three', async () => {
          const h = (last = await health().catch((err: unknown) => String(err)));
          return typeof h !== 'string' && ['memory', 'everything', 'web'].every((s) => h[s]?.state === 'up') ? true : undefined;
        }, 180_000, 500);
      } catch (err) {
        const logs = ((await gateway.logs({ stdout: true, stderr: true, tail: 40 })) as Buffer).toString('utf8');
        throw new Error(`${String(err)}\nlast health: ${JSON.stringify(last)}\ngateway log:\n${logs}`);
      }
      const both = await connectBothEras(url(), { Authorization: `Bearer ${TOKEN}` });
      client = both;
      const names = (await both.modern.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['memory__read_graph', 'everything__echo', 'web__echo']));
      expect((await both.legacy.listTools()).tools.map((t) => t.name).sort()).toEqual([...names].sort());
      const echo = await both.modern.callTool({ name: 'everything__echo', arguments: { message: 'across nodes' } });
      expect(JSON.stringify(echo.content)).toContain('across nodes');
    }, 300_000);

    it('a stopped machine\'s servers are rescheduled and answer on the same client session again', async () => {
      if (client === undefined) throw new Error('no client: the case before failed');
      const where = await placement();
      const victim = where['memory']?.[0];
      expect(victim).toMatch(/^m[23]$/);
      const moved = ['memory', 'everything', 'web'].filter((s) => where[s]?.includes(victim ?? ''));
      // A client of the gateway service, on a machine that stays: a 2025-era session, kept across the loss.
      const survivor = (where['mcp-orchestrator-gateway'] ?? []).find((m) => m !== victim) ?? '';
      const serviceClient = await connectBothEras(serviceUrl(survivor), serviceHeaders);
      const started = Date.now();
      await host.getContainer(`${project}-${victim ?? ''}`).kill();
      // Each call bounded: one sent to the stopped machine has nobody to answer it.
      const bounded = { timeout: 5000 };
      const call: Record<string, () => Promise<unknown>> = {
        memory: () => client!.modern.callTool({ name: 'memory__read_graph', arguments: {} }, bounded),
        everything: () => client!.modern.callTool({ name: 'everything__echo', arguments: { message: 'back' } }, bounded),
        web: () => client!.modern.callTool({ name: 'web__echo', arguments: { message: 'back' } }, bounded),
      };
      const viaService: Record<string, () => Promise<unknown>> = {
        memory: () => serviceClient.legacy.callTool({ name: 'memory__read_graph', arguments: {} }, undefined, bounded),
        everything: () => serviceClient.legacy.callTool({ name: 'everything__echo', arguments: { message: 'back' } }, undefined, bounded),
        web: () => serviceClient.legacy.callTool({ name: 'web__echo', arguments: { message: 'back' } }, undefined, bounded),
      };
      const back: Record<string, number> = {};
      const backViaService: Record<string, number> = {};
      try {
        await waitFor('every moved server answering through both gateways', async () => {
          for (const [calls, times] of [[call, back], [viaService, backViaService]] as const) {
            for (const s of moved) {
              if (times[s] !== undefined) continue;
              const r = (await calls[s]?.().catch(() => undefined)) as { isError?: boolean } | undefined;
              if (r !== undefined && r.isError !== true) times[s] = (Date.now() - started) / 1000;
            }
          }
          return moved.every((s) => back[s] !== undefined && backViaService[s] !== undefined) ? true : undefined;
        }, 240_000, 1000);
      } finally {
        await serviceClient.close();
      }
      const now = await placement();
      for (const s of moved) expect(now[s]).not.toContain(victim);
      // The figures the README quotes: from the kill to each moved server's first answer.
      const times = (t: Record<string, number>): string => moved.map((s) => `${s} ${t[s]?.toFixed(1)} s`).join(', ');
      process.stdout.write(`swarm-nodes: ${victim} stopped; back through the gateway after ${times(back)}; through the gateway service after ${times(backViaService)}\n`);
      // The gateway service is back on two machines, the stopped one not among them, each serving every server.
      const gateways = await waitFor('two gateway tasks again', async () => {
        const g = (await placement())['mcp-orchestrator-gateway'] ?? [];
        return g.length === 2 && !g.includes(victim ?? '') ? g : undefined;
      }, 120_000, 1000);
      for (const g of gateways) await waitFor(`the gateway service on ${g} serving all three`, async () => ((await serviceServes(g)) ? true : undefined), 120_000, 500);
      process.stdout.write(`swarm-nodes: the gateway service on ${gateways.join(', ')} serving all three ${((Date.now() - started) / 1000).toFixed(1)} s after the stop\n`);
    }, 420_000);
  });

  it('down from outside leaves nothing of the project on the swarm, with the gateway still serving', async () => {
    // The gateway (serve --no-apply) puts nothing back, and leaves the overlays it joined once their servers are gone.
    const engine = manager().engine;
    const down = await cli('down');
    if (down.code !== 0) {
      const logs = ((await engine.getContainer(`${project}-gateway`).logs({ stdout: true, stderr: true, tail: 30 })) as Buffer).toString('utf8');
      throw new Error(`down failed:\n${down.out}\ngateway log:\n${logs}`);
    }
    const mine = { label: [`io.mcp-orchestrator.project=${project}`] };
    expect(await engine.listServices({ filters: mine })).toEqual([]);
    expect(await engine.listConfigs({ filters: mine })).toEqual([]);
    // Removed from the swarm when down returns; the manager's own copy of an overlay goes some
    // seconds later (3.6 s seen here, with the gateway already off it): waited for, bounded.
    await waitFor('the overlay gone from the manager', async () => ((await engine.listNetworks({ filters: mine })).length === 0 ? true : undefined), 20_000, 250);
    expect(((await engine.getContainer(`${project}-gateway`).inspect()) as { State: { Running: boolean } }).State.Running).toBe(true);
    await engine.getContainer(`${project}-gateway`).remove({ force: true });
  }, 180_000);
});
