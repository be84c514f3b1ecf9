import { executePlan } from '../../src/apply/executor';
import { computePlan } from '../../src/core/planner';
import { MemoryEngine } from '../support/memory-engine';
import { desiredFrom, emptyObserved, observedAfterApply } from '../support/stacks';

const STACK = `
version: 1
project: x
servers:
  db: { image: "db:1" }
  api: { image: "api:1", depends_on: [db] }
  web: { image: "web:1", depends_on: [api] }
  solo: { image: "solo:1" }
`;

describe('executePlan', () => {
  it('runs each action after what it depends on', async () => {
    const engine = new MemoryEngine();
    const plan = computePlan(desiredFrom(STACK), emptyObserved('x'));
    const results = await executePlan(plan, engine, { parallel: 4 });
    expect(results.every((r) => r.status === 'done')).toBe(true);
    const at = (entry: string): number => engine.calls.indexOf(entry);
    expect(at('createNetwork x-default')).toBeLessThan(at('create x-db'));
    expect(at('pull db:1')).toBeLessThan(at('create x-db'));
    expect(at('start id-x-db-0')).toBeLessThan(at('create x-api'));
    expect(engine.calls.filter((c) => c.startsWith('start')).length).toBe(4);
  });

  it('never runs more than --parallel actions at once', async () => {
    const engine = new MemoryEngine(5);
    const many = `version: 1\nproject: x\nservers:\n${Array.from({ length: 12 }, (_, i) => `  s${i}: { image: "img:${i}" }`).join('\n')}\n`;
    await executePlan(computePlan(desiredFrom(many), emptyObserved('x')), engine, { parallel: 3 });
    expect(engine.maxRunning).toBe(3);
  });

  it('a failure stops only what depends on it; the rest converges', async () => {
    const engine = new MemoryEngine();
    engine.failures.set('pull api:1', 'manifest for api:1 not found');
    const results = await executePlan(computePlan(desiredFrom(STACK), emptyObserved('x')), engine, { parallel: 2 });
    const status = Object.fromEntries(results.map((r) => [r.action.id, `${r.status}${r.error ? `: ${r.error}` : ''}`]));
    expect(status['image:api:1']).toBe('failed: manifest for api:1 not found');
    expect(status['server:api']).toBe('skipped: image api:1 failed: manifest for api:1 not found');
    expect(status['server:web']).toBe('skipped: server api was skipped: image api:1 failed: manifest for api:1 not found');
    expect(status['server:db']).toBe('done');
    expect(status['server:solo']).toBe('done');
  });

  it('recreate: replacement created first, then the old one stopped; the new one starts while the old is removed and its name handed over', async () => {
    const engine = new MemoryEngine();
    const before = desiredFrom(STACK);
    const after = desiredFrom(STACK.replace('solo: { image: "solo:1" }', 'solo: { image: "solo:1", env: { A: b } }'));
    await executePlan(computePlan(after, observedAfterApply(before)), engine, { parallel: 4 });
    expect(engine.calls).toEqual([
      expect.stringMatching(/^create x-solo\.next-[0-9a-f]{12}$/),
      'stop id-solo',
      expect.stringMatching(/^start id-x-solo\.next-/),
      'remove id-solo',
      expect.stringMatching(/^rename id-x-solo\.next-[0-9a-f]{12}-0 x-solo$/),
    ]);
  });

  it('recreate: a failed start fails the action only after the old container is removed and the name handed over', async () => {
    const engine = new MemoryEngine();
    const before = desiredFrom(STACK);
    const after = desiredFrom(STACK.replace('solo: { image: "solo:1" }', 'solo: { image: "solo:1", env: { A: b } }'));
    const plan = computePlan(after, observedAfterApply(before));
    const recreate = plan.actions.find((a) => a.kind === 'recreate');
    engine.failures.set(`start id-${recreate?.kind === 'recreate' ? recreate.tempName : ''}-0`, 'port is already allocated');
    const results = await executePlan(plan, engine, { parallel: 4 });
    expect(results.find((r) => r.action.id === 'server:solo')).toMatchObject({ status: 'failed', error: 'port is already allocated' });
    expect(engine.calls.slice(-2)).toEqual(['remove id-solo', expect.stringMatching(/^rename id-x-solo\.next-[0-9a-f]{12}-0 x-solo$/)]);
  });

  it('beforeStart is told of each container between its create and its start; its failure does not fail the action', async () => {
    const engine = new MemoryEngine();
    const told: string[] = [];
    const results = await executePlan(computePlan(desiredFrom(STACK), emptyObserved('x')), engine, {
      parallel: 1,
      beforeStart: async ({ server, containerId, transport }) => {
        told.push(`${server} ${transport?.type ?? '?'} created: ${engine.calls.includes(`create x-${server}`)} started: ${engine.calls.includes(`start ${containerId}`)}`);
        throw new Error('hook broke');
      },
    });
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(told.length).toBeGreaterThan(0);
    for (const line of told) expect(line).toMatch(/^\S+ stdio created: true started: false$/);
    expect(engine.calls.filter((c) => c.startsWith('start ')).length).toBe(told.length);
  });

  it('a plan with nothing to do makes no engine call', async () => {
    const engine = new MemoryEngine();
    const desired = desiredFrom(STACK);
    const results = await executePlan(computePlan(desired, observedAfterApply(desired)), engine, { parallel: 4 });
    expect(results).toEqual([]);
    expect(engine.calls).toEqual([]);
  });
});
