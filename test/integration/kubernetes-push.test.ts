import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { parseAllDocuments } from 'yaml';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import { CliProcess } from '../support/cli-process';
import { buildOrchestratorImage, describeDocker, ORCHESTRATOR_IMAGE, TEST_SERVERS_IMAGE } from '../support/docker';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { untilServing } from '../support/gateway-health';
import { startImageRegistry } from '../support/image-registry';
import { runPod, type PodWorld } from '../support/pod-runner';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();

/**
 * `render kubernetes --push`: the images the orchestrator builds go to the file's registry and the
 * manifests run them by digest, so a cluster's nodes pull exactly what was built. Proven by a pod
 * whose image this engine no longer has: it is pulled by that digest from the registry, and answers
 * through the rendered gateway.
 */
describeDocker('render kubernetes --push: built images reach the cluster by digest', () => {
  const ws = useWorkspace('k8spush');
  let registry: Awaited<ReturnType<typeof startImageRegistry>>;
  let file: string;
  const render = async (...args: string[]): Promise<{ code: number | null | 'timeout'; lines: string[] }> => {
    const p = new CliProcess(['render', 'kubernetes', '-f', file, '--orchestrator-image', ORCHESTRATOR_IMAGE, ...args], {});
    return { code: await p.exitedWithin(120_000), lines: p.lines };
  };
  const writeServer = (marker: string): void => fs.writeFileSync(path.join(ws.dir, 'tool', 'Dockerfile'), `FROM ${TEST_SERVERS_IMAGE}\nLABEL test.marker=${marker}\nCMD ["mcp-server-memory"]\n`);

  beforeAll(async () => {
    await buildOrchestratorImage();
    registry = await startImageRegistry();
    fs.mkdirSync(path.join(ws.dir, 'tool'));
    writeServer('one');
    file = path.join(ws.dir, 'mcp-stack.yml');
    // A stdio build: server with no entrypoint in the file: what it runs is read from the image built here.
    fs.writeFileSync(file, ['version: 1', `project: ${ws.project}`, `registry: ${registry.address}/team`, 'servers:', '  tool:', '    build: ./tool', ''].join('\n'));
  }, 240_000);

  afterAll(async () => {
    await registry.stop();
  });

  it('--build without --push is a usage error that builds nothing', async () => {
    const r = await render('--build');
    expect(r).toEqual({ code: 64, lines: expect.arrayContaining(['render: --build goes with --push (it builds the images that are pushed)']) as unknown });
    expect(r.lines.join('\n')).not.toMatch(/\n\s+at /);
    expect(await registry.catalog()).toEqual([]);
  });

  it('manifests that do not render push nothing', async () => {
    const broken = path.join(ws.dir, 'broken.yml');
    // An image nobody has, and no entrypoint: what it runs cannot be known, a located error.
    fs.writeFileSync(broken, [fs.readFileSync(file, 'utf8').trimEnd(), '  other:', `    image: 127.0.0.1:1/nowhere/${ws.project}:1`, ''].join('\n'));
    const p = new CliProcess(['render', 'kubernetes', '-f', broken, '--push', '--orchestrator-image', ORCHESTRATOR_IMAGE], {});
    expect(await p.exitedWithin(120_000)).toBe(3);
    expect(p.lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${broken.replace(/\./g, '\\.')}:\\d+:\\d+: server "other" is a stdio server`)), 'render kubernetes: 1 error; nothing was written or pushed']));
    expect(await registry.catalog()).toEqual([]);
  });

  it('pushes, pins the digest; a pod pulls it by that digest and answers through the gateway; --build after a change pins a new one', async () => {
    const out = path.join(ws.dir, 'k8s.yaml');
    const first = await render('--push', '-o', out);
    const repo = `${registry.address}/team/${ws.project}-tool`;
    const pushed = first.lines.find((l) => l.startsWith('pushed '));
    expect([first.code, pushed]).toEqual([0, expect.stringMatching(new RegExp(`^pushed ${repo.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64} \\(server tool\\)$`))]);
    const digestRef = (pushed ?? '').split(' ')[1] ?? '';
    expect(await registry.catalog()).toEqual([`team/${ws.project}-tool`]);

    const deployments = new Map(
      parseAllDocuments(fs.readFileSync(out, 'utf8'))
        .map((d) => d.toJS() as IDeployment)
        .filter((o) => o.kind === 'Deployment')
        .map((o) => [o.metadata?.name ?? '', o]),
    );
    const tool = deployments.get('tool') as IDeployment;
    expect(tool.spec?.template.spec?.containers[0]?.image).toBe(digestRef);
    // What it runs came from the built image: memory's command behind the bridge.
    expect(tool.spec?.template.spec?.containers[0]?.args).toEqual(expect.arrayContaining(['--', 'mcp-server-memory']));

    // This engine forgets the image: the pod's engine must pull it, by the digest, from the registry.
    await docker.getImage(`${repo}:latest`).remove();
    const network = `${ws.project}-cluster`;
    await docker.createNetwork({ Name: network, Labels: { 'io.mcp-orchestrator.project': ws.project } });
    const gatewayToken = randomBytes(24).toString('base64url');
    const world: PodWorld = {
      project: ws.project,
      network,
      dir: ws.dir,
      secrets: { 'mcp-orchestrator-bridge-token': { token: randomBytes(24).toString('base64url') }, 'mcp-orchestrator-gateway-token': { token: gatewayToken } },
    };
    await runPod(world, tool);
    expect(((await docker.getImage(digestRef).inspect()) as { Config: { Labels: Record<string, string> } }).Config.Labels['test.marker']).toBe('one');
    const port = await freePort();
    await runPod(world, deployments.get('mcp-orchestrator-gateway') as IDeployment, port);
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${gatewayToken}` };
    await untilServing(base, 'tool', 60_000, headers);
    const clients = await connectBothEras(new URL(`${base}/mcp`), headers);
    try {
      expect((await clients.modern.listTools()).tools.map((t) => t.name)).toContain('tool__read_graph');
      expect((await clients.legacy.listTools()).tools.map((t) => t.name)).toContain('tool__read_graph');
    } finally {
      await clients.close();
    }

    // The code changed: --build builds it again, and the manifests move to the new digest.
    writeServer('two');
    const second = await render('--push', '--build');
    expect(second.code).toBe(0);
    const again = second.lines.find((l) => l.startsWith('pushed '))?.split(' ')[1];
    expect(again).toMatch(new RegExp(`^${repo.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64}$`));
    expect(again).not.toBe(digestRef);
    expect(second.lines.map((l) => l.trim())).toContain(`image: ${again ?? ''}`);
  }, 300_000);
});
