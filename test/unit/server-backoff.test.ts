import type { ActionResult } from '../../src/apply/executor';
import { withoutServers, type Action } from '../../src/core/plan';
import { computePlan } from '../../src/core/planner';
import { ServerBackoff } from '../../src/runtime/controller/server-backoff';
import { desiredFrom, emptyObserved } from '../support/stacks';

const act = (kind: 'start' | 'create' | 'recreate', server: string, status: ActionResult['status'] = 'done'): ActionResult => ({
  action: { kind, id: `server:${server}`, after: [], server, containerId: 'x', reason: '' } as unknown as Action,
  status,
  durationMs: 1,
});

describe('ServerBackoff', () => {
  const options = { initialMs: 1000, maxMs: 8000, windowMs: 10_000 };

  it('a server started again and again within the window backs off exponentially, capped', () => {
    const b = new ServerBackoff(options);
    b.record([act('start', 'a')], 0);
    expect(b.blocked(0).size).toBe(0);
    b.record([act('start', 'a')], 2000);
    expect(b.blocked(2000).get('a')).toBe(3000);
    b.record([act('start', 'a')], 3000);
    expect(b.blocked(3000).get('a')).toBe(5000);
    for (const t of [5000, 9000, 17_000, 25_000]) b.record([act('start', 'a')], t);
    expect(b.blocked(25_000).get('a')).toBe(33_000);
  });

  it('a failed action backs off at once; a quiet server starts over', () => {
    const b = new ServerBackoff(options);
    b.record([act('create', 'a', 'failed')], 0);
    expect(b.blocked(0).get('a')).toBe(1000);
    expect(b.blocked(1000).size).toBe(0);
    b.record([act('start', 'a')], 60_000);
    expect(b.blocked(60_000).size).toBe(0);
  });

  it('recreates for a changed file are not crash signs, and clear the record', () => {
    const b = new ServerBackoff(options);
    b.record([act('start', 'a')], 0);
    b.record([act('start', 'a')], 100);
    b.record([act('recreate', 'a')], 200);
    expect(b.blocked(200).size).toBe(0);
    b.record([act('recreate', 'a')], 300);
    b.record([act('recreate', 'a')], 400);
    expect(b.blocked(400).size).toBe(0);
  });

  it('a container removed again and again (docker rm -f) is repaired at once every time', () => {
    const b = new ServerBackoff(options);
    for (const t of [0, 500, 1000, 1500, 2000]) {
      b.record([act('create', 'a')], t);
      expect(b.blocked(t).size).toBe(0);
    }
  });

  it('servers do not hold each other up', () => {
    const b = new ServerBackoff(options);
    b.record([act('create', 'a', 'failed'), act('create', 'b')], 0);
    expect([...b.blocked(0).keys()]).toEqual(['a']);
  });
});

describe('withoutServers', () => {
  it('drops a deferred server and everything that waits on it, and nothing else', () => {
    const desired = desiredFrom('version: 1\nproject: x\nservers:\n  db: { image: "db:1" }\n  api: { image: "api:1", depends_on: [db] }\n  solo: { image: "solo:1" }\n');
    const plan = computePlan(desired, emptyObserved('x'));
    const { plan: kept, deferred } = withoutServers(plan, new Set(['db']));
    expect(deferred.map((a) => a.id)).toEqual(['server:api', 'server:db']);
    expect(kept.actions.map((a) => a.id)).toContain('server:solo');
    expect(kept.actions.map((a) => a.id)).toContain('image:db:1');
  });
});
