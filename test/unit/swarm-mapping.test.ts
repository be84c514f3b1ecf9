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
