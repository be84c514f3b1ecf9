import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { desiredState } from '../../src/core/desired-state';
import { repositoryOf } from '../../src/core/naming';
import { computePlan } from '../../src/core/planner';
import { formatPlan } from '../../src/core/plan';
import { serviceSpec } from '../../src/docker/service-options';
import { isProjectEvent } from '../../src/docker/swarm-observe';
import { formatDiagnostic } from '../../src/errors';
import { loadStack } from '../../src/stack-file/load-stack';
import { FIXTURES } from '../support/fixtures';
import { emptyObserved } from '../support/stacks';

const dir = path.join(FIXTURES, 'valid', 'swarm');

function load(file: string): ReturnType<typeof desiredState> {
  const result = loadStack(file, { HOME: '/home/user' });
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return desiredState(result.spec);
}

/**
 * backend: swarm differs from plain containers in the desired-state mapping and in the engine
 * adapter only. Regenerate the golden with UPDATE_GOLDEN=1, then read the diff.
 */
describe('backend: swarm, as desired state and service specs', () => {
  const desired = load(path.join(dir, 'mcp-stack.yml'));
  const memory = desired.containers.find((c) => c.server === 'memory');
  const web = desired.containers.find((c) => c.server === 'web');

  it('networks are attachable overlays (internal stays internal)', () => {
    expect(desired.networks.map((n) => [n.name, n.driver, n.internal, n.attachable])).toEqual([
      ['fleet-default', 'overlay', false, true],
      ['fleet-private', 'overlay', true, true],
    ]);
  });

  it('a secret is a Swarm secret named by its content, never a bind of the host file', () => {
    expect(memory?.spec.binds).toEqual(['fleet-memory-data:/data']);
    expect(memory?.spec.swarmSecrets).toEqual([{ name: expect.stringMatching(/^fleet-token-[0-9a-f]{12}$/), secret: 'token', file: path.join(dir, 'token.txt'), labels: { 'io.mcp-orchestrator.project': 'fleet', 'io.mcp-orchestrator.secret': 'token' } }]);
  });

  it('a changed secret file is a new secret name and a recreate that says so', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-swarm-'));
    try {
      fs.copyFileSync(path.join(dir, 'mcp-stack.yml'), path.join(copy, 'mcp-stack.yml'));
      fs.writeFileSync(path.join(copy, 'token.txt'), 'rotated\n');
      const rotated = load(path.join(copy, 'mcp-stack.yml')).containers.find((c) => c.server === 'memory');
      expect(rotated?.spec.swarmSecrets?.[0]?.name).not.toBe(memory?.spec.swarmSecrets?.[0]?.name);
      expect(rotated?.configHash).not.toBe(memory?.configHash);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('the same stack checked out elsewhere is the same service (a secret file\'s path is no part of the hash)', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-swarm-'));
    try {
      for (const f of ['mcp-stack.yml', 'token.txt']) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
      const moved = load(path.join(copy, 'mcp-stack.yml')).containers.find((c) => c.server === 'memory');
      expect(moved?.spec.swarmSecrets?.[0]?.file).toBe(path.join(copy, 'token.txt'));
      expect(moved?.configHash).toBe(memory?.configHash);
      expect(moved?.fieldDigests).toEqual(memory?.fieldDigests);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a stdio server runs bridged (its stdin is the bridge\'s), an http server as it is', () => {
    expect(memory?.spec.bridge).toEqual({});
    expect(memory?.spec.stdinOpen).toBe(false);
    expect(web?.spec.bridge).toBeUndefined();
  });

  it('replicas, placement and reservations are part of the spec (and so of the config hash)', () => {
    expect(web?.spec.replicas).toBe(3);
    expect(memory?.spec.placement).toEqual({ constraints: ['node.role == worker'], spread: ['node.labels.zone'] });
    expect(memory?.spec.reservations).toEqual({ memoryBytes: 64 * 1024 * 1024, nanoCpus: 250_000_000 });
  });

  it('the planner is the same: a plan from nothing', () => {
    expect(formatPlan(computePlan(desired, emptyObserved('fleet')))).toBe(
      [
        '+ create-network network fleet-default: not present',
        '+ create-network network fleet-private: not present',
        '+ create-volume  volume fleet-memory-data: not present',
        '↓ pull-image     image mcp/memory:1.0: not present locally',
        '↓ pull-image     image mcp/everything:1.0: not present locally',
        '+ create         server memory: no container',
        '+ create         server web: no container',
        'Plan for project fleet: 2 to create, 0 to recreate, 0 to start, 0 to remove, 0 unchanged.',
      ].join('\n'),
    );
  });

  it('registry: images it builds are named in the registry and pushed; pulled images are left as they are', () => {
    const text = fs.readFileSync(path.join(dir, 'mcp-stack.yml'), 'utf8').replace('backend: swarm\n', 'backend: swarm\nregistry: registry.internal:5000/team\n');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-swarm-'));
    try {
      fs.writeFileSync(path.join(copy, 'mcp-stack.yml'), text.replace('servers:\n', 'servers:\n  tools:\n    build: .\n  fetch:\n    npx: "@acme/fetch@1.2.3"\n'));
      fs.writeFileSync(path.join(copy, 'Dockerfile'), 'FROM scratch\n');
      fs.copyFileSync(path.join(dir, 'token.txt'), path.join(copy, 'token.txt'));
      const d = load(path.join(copy, 'mcp-stack.yml'));
      const source = (server: string): unknown => d.containers.find((c) => c.server === server)?.imageSource;
      expect(source('tools')).toMatchObject({ kind: 'build', tag: 'registry.internal:5000/team/fleet-tools:latest', push: true });
      expect(source('fetch')).toMatchObject({ kind: 'generated', tag: expect.stringMatching(/^registry\.internal:5000\/team\/mcp-orchestrator\/npx-acme-fetch:[0-9a-f]{16}$/), push: true });
      expect(source('memory')).toEqual({ kind: 'pull', ref: 'mcp/memory:1.0' });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it.each([
    ['registry.internal:5000/team/fleet-tools:latest', 'registry.internal:5000/team/fleet-tools'],
    ['registry.internal:5000/team/x', 'registry.internal:5000/team/x'],
    ['mcp/memory@sha256:abc', 'mcp/memory'],
    ['node:22', 'node'],
  ])('the repository of %s is %s (what a pushed image is tagged and pinned by)', (ref, repo) => {
    expect(repositoryOf(ref)).toBe(repo);
  });

  it.each([
    [{ Type: 'service', Action: 'update', Actor: { Attributes: { name: 'fleet-memory' } } }, true],
    [{ Type: 'service', Action: 'update', Actor: { Attributes: { name: 'other-memory' } } }, false],
    [{ Type: 'container', Action: 'die', Actor: { Attributes: { 'io.mcp-orchestrator.project': 'fleet' } } }, true],
    [{ Type: 'container', Action: 'die', Actor: { Attributes: { 'io.mcp-orchestrator.project': 'other' } } }, false],
    // A node going down moves tasks of every service, and its tasks' containers say nothing to the manager.
    [{ Type: 'node', Action: 'update', Actor: { Attributes: { name: 'm3', 'state.new': 'down' } } }, true],
  ])('event %j is a trigger for project fleet: %s', (event, trigger) => {
    expect(isProjectEvent(JSON.stringify(event), 'fleet')).toBe(trigger);
  });

  it('maps each server to the service spec in the golden file', () => {
    const specs = desired.containers.map((c) =>
      serviceSpec(
        c.name,
        c.spec,
        c.labels,
        { secretIds: Object.fromEntries((c.spec.swarmSecrets ?? []).map((s) => [s.name, `id-of-${s.secret}`])), bridgeToken: { id: 'id-of-token-config', name: 'fleet-bridge-token' } },
        c.rollout.order,
        c.spec.replicas ?? 1,
      ),
    );
    const actual = JSON.parse(JSON.stringify(specs).split(dir).join('<FIXTURES>')) as unknown;
    const golden = path.join(dir, 'services.golden.json');
    if (process.env['UPDATE_GOLDEN']) fs.writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(fs.readFileSync(golden, 'utf8')));
  });
});

/**
 * gateway.service: the gateway as a service of the stack, in front of the servers' tasks. Pure
 * mapping here; test/integration/swarm.test.ts and swarm-nodes.test.ts run it.
 */
describe('gateway.service: the gateway as a Swarm service', () => {
  const desired = load(path.join(dir, 'gateway.yml'));
  const gateway = desired.containers.find((c) => c.server === 'mcp-orchestrator-gateway');

  it('is one more service of the project, planned as the servers are', () => {
    expect(desired.containers.map((c) => c.server)).toEqual(['hidden', 'mcp-orchestrator-gateway', 'memory', 'web']);
    expect(gateway?.name).toBe('fleet-mcp-orchestrator-gateway');
    expect(gateway?.imageSource).toEqual({ kind: 'pull', ref: 'registry.internal:5000/mcp-orchestrator:0.1.0' });
    expect(gateway?.rollout).toEqual({ ready: { check: 'running', timeoutSeconds: 60 }, order: 'stop-first' });
    expect(formatPlan(computePlan(desired, emptyObserved('fleet')))).toContain('+ create         server mcp-orchestrator-gateway: no container');
  });

  it("runs the gateway command over each served server's tasks, each session kept on one task, clients' token from its secret", () => {
    expect(gateway?.spec.entrypoint).toEqual(['node', '/app/dist/cli/mcp-orchestrator.js']);
    expect(gateway?.spec.command).toEqual([
      'gateway',
      '--listen',
      '0.0.0.0:8808',
      '--separator',
      '__',
      '--upstream',
      'memory=http://tasks.fleet-memory:8811/mcp',
      '--upstream-token-file',
      'memory=/run/mcp-orchestrator/bridge-token',
      '--deny-tools',
      'memory=delete_entities',
      '--upstream',
      'web=http://tasks.fleet-web:3001/mcp',
      '--resolve-upstreams',
      '--token-file',
      '/run/secrets/token',
      '--allowed-host',
      'mcp.internal',
    ]);
    // On every network of a served server, and only those (hidden is not served).
    expect(gateway?.spec.networks).toEqual(['fleet-default', 'fleet-private']);
    expect(gateway?.spec.swarmSecrets?.map((s) => s.secret)).toEqual(['token']);
    expect(gateway?.spec.readsBridgeToken).toBe(true);
  });

  it('is published on the node it runs on, one per node, unprivileged and read-only', () => {
    const spec = serviceSpec(gateway?.name ?? '', gateway?.spec ?? ({} as never), gateway?.labels ?? {}, { secretIds: {}, bridgeToken: { id: 'c1', name: 'fleet-bridge-token' } }, 'stop-first', 2);
    expect(spec.EndpointSpec?.Ports).toEqual([{ Protocol: 'tcp', TargetPort: 8808, PublishedPort: 8808, PublishMode: 'host' }]);
    expect(spec.TaskTemplate?.Placement).toEqual({ Constraints: ['node.role == manager'], Preferences: [], MaxReplicas: 1 });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect((spec.TaskTemplate as { ContainerSpec?: unknown } | undefined)?.ContainerSpec).toMatchObject({ User: '1000:1000', ReadOnly: true, CapabilityDrop: ['ALL'], Configs: [{ ConfigID: 'c1', ConfigName: 'fleet-bridge-token' }] });
  });

  it('a rotated token replaces the gateway, and no server', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-swarm-'));
    try {
      fs.copyFileSync(path.join(dir, 'gateway.yml'), path.join(copy, 'gateway.yml'));
      fs.writeFileSync(path.join(copy, 'token.txt'), 'rotated\n');
      const rotated = load(path.join(copy, 'gateway.yml'));
      const hashes = (d: typeof desired): Record<string, string> => Object.fromEntries(d.containers.map((c) => [c.server, c.configHash]));
      const changed = Object.keys(hashes(rotated)).filter((s) => hashes(rotated)[s] !== hashes(desired)[s]);
      expect(changed).toEqual(['mcp-orchestrator-gateway']);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('without gateway.service there is no gateway service', () => {
    expect(load(path.join(dir, 'mcp-stack.yml')).containers.map((c) => c.server)).toEqual(['memory', 'web']);
  });
});
