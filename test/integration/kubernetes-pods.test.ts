import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { parseAllDocuments } from 'yaml';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import { CliProcess, waitFor } from '../support/cli-process';
import { buildOrchestratorImage, describeDocker, ORCHESTRATOR_IMAGE, TEST_SERVERS_IMAGE } from '../support/docker';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { kubernetesSchemaProblems } from '../support/kubernetes-validate';
import { runPod, type PodWorld } from '../support/pod-runner';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * No Kubernetes cluster runs here. What keeps `render kubernetes` honest beyond the schemas: the
 * pods it renders are run as rendered (test/support/pod-runner: init containers, commands, env,
 * Secret and emptyDir volumes, security contexts) on a Docker network standing in for the cluster
 * network, where each pod answers by its Service's name. Clients of both eras then reach every
 * server through the rendered gateway, and a replaced server pod is found again.
 */
describeDocker('render kubernetes: the rendered pods run', () => {
  const ws = useWorkspace('k8s');
  const apiToken = `api-${randomBytes(8).toString('hex')}`;
  const gatewayToken = randomBytes(24).toString('base64url');
  let world: PodWorld;
  let deployments: Map<string, IDeployment>;
  let rendered: string;

  beforeAll(async () => {
    await buildOrchestratorImage();
    fs.writeFileSync(
      path.join(ws.dir, 'mcp-stack.yml'),
      [
        'version: 1',
        `project: ${ws.project}`,
        'servers:',
        '  memory:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        '    env: { MEMORY_FILE_PATH: /data/memory.json, API_TOKEN: "${K8S_TEST_API_TOKEN}" }',
        '    volumes: [memory-data:/data]',
        '  web:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything, streamableHttp]',
        '    env: { PORT: "3001" }',
        '    transport: { type: http, port: 3001, path: /mcp }',
        'volumes:',
        '  memory-data:',
        'gateway:',
        '  servers:',
        '    memory: { tools: { deny: [delete_entities] } }',
        '',
      ].join('\n'),
    );
    // Through the command, as users run it; what memory's image runs is read from the engine.
    const render = new CliProcess(['render', 'kubernetes', '-f', path.join(ws.dir, 'mcp-stack.yml'), '-o', path.join(ws.dir, 'k8s.yaml'), '--orchestrator-image', ORCHESTRATOR_IMAGE], { K8S_TEST_API_TOKEN: apiToken });
    expect([await render.exitedWithin(30_000), render.lines]).toEqual([0, expect.arrayContaining([`wrote 10 objects to ${path.join(ws.dir, 'k8s.yaml')}`])]);
    rendered = fs.readFileSync(path.join(ws.dir, 'k8s.yaml'), 'utf8');
    const objects = parseAllDocuments(rendered).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    deployments = new Map(objects.filter((o) => o.kind === 'Deployment').map((o) => [o.metadata.name, o as unknown as IDeployment]));
    const network = `${ws.project}-cluster`;
    await docker.createNetwork({ Name: network, Labels: { 'io.mcp-orchestrator.project': ws.project } });
    world = {
      project: ws.project,
      network,
      dir: ws.dir,
      secrets: {
        'mcp-orchestrator-bridge-token': { token: randomBytes(24).toString('base64url') },
        'mcp-orchestrator-gateway-token': { token: gatewayToken },
        'memory-env': { API_TOKEN: apiToken },
      },
    };
  }, 360_000);

  it('renders objects the Kubernetes schemas accept, and no secret value', () => {
    expect(kubernetesSchemaProblems(parseAllDocuments(rendered).map((d) => d.toJS()))).toEqual([]);
    expect(rendered).not.toContain(apiToken);
    expect([...deployments.keys()].sort()).toEqual(['mcp-orchestrator-gateway', 'memory', 'web']);
  });

  it('clients of both eras reach every server through the rendered gateway; a replaced server pod is found again', async () => {
    const dep = (name: string): IDeployment => deployments.get(name) as IDeployment;
    let memory = await runPod(world, dep('memory'));
    const web = await runPod(world, dep('web'));
    const port = await freePort();
    const gateway = await runPod(world, dep('mcp-orchestrator-gateway'), port);
    const headers = { authorization: `Bearer ${gatewayToken}` };
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      'both servers up behind the gateway',
      async () => {
        const h = (await (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).json()) as { servers: Record<string, { state: string }> };
        return Object.values(h.servers).filter((s) => s.state === 'up').length === 2 ? true : undefined;
      },
      60_000,
      250,
    ).catch(async (err: unknown) => {
      // What the pods said is what tells why.
      const logs = await Promise.all([memory, web, gateway].map(async (p) => (await p.container.logs({ stdout: true, stderr: true, tail: 20 })).toString('utf8')));
      throw new Error(`${String(err)}\n${logs.join('\n---\n')}`);
    });
    // Without the token, nothing.
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);

    const clients = await connectBothEras(new URL(`${base}/mcp`), headers);
    try {
      const names = (await clients.modern.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['memory__create_entities', 'memory__read_graph', 'web__echo']));
      expect(names).not.toContain('memory__delete_entities');
      expect((await clients.legacy.listTools()).tools.map((t) => t.name).sort()).toEqual([...names].sort());
      await clients.legacy.callTool({ name: 'memory__create_entities', arguments: { entities: [{ name: 'k8s', entityType: 'test', observations: ['rendered'] }] } });
      const echoed = await clients.modern.callTool({ name: 'web__echo', arguments: { message: 'through the rendered gateway' } });
      expect(JSON.stringify(echoed.content)).toContain('through the rendered gateway');

      // The pod is replaced (a new container at the same Service name, the claim kept): the gateway's
      // check finds the session gone and opens one on the new pod; the same client goes on.
      await memory.container.remove({ force: true });
      memory = await runPod(world, dep('memory'));
      const graph = await waitFor(
        'memory answering through the gateway again',
        async () => JSON.stringify((await clients.modern.callTool({ name: 'memory__read_graph', arguments: {} })).content),
        60_000,
        500,
      );
      expect(graph).toContain('rendered');
    } finally {
      await clients.close();
    }
    // The env value from outside the file reached the server through its Secret.
    const env = ((await memory.container.inspect()) as { Config: { Env: string[] } }).Config.Env;
    expect(env).toContain(`API_TOKEN=${apiToken}`);
  }, 180_000);
});
