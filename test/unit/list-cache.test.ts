import { ListCache, type ListItem, type ListKind } from '../../src/gateway/list-cache';

/** A fetch the test answers by hand, one call at a time. */
function manualFetch(): { fetch: (kind: ListKind) => Promise<readonly ListItem[]>; calls: number; answer: (items: ListItem[]) => void; fail: (err: Error) => void } {
  const pending: { resolve: (v: ListItem[]) => void; reject: (e: Error) => void }[] = [];
  const state = {
    calls: 0,
    fetch: (): Promise<readonly ListItem[]> => {
      state.calls++;
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    answer: (items: ListItem[]): void => pending.shift()?.resolve(items),
    fail: (err: Error): void => pending.shift()?.reject(err),
  };
  return state;
}
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ListCache: a server\'s lists, kept and refreshed', () => {
  it('a burst of changes while a refresh runs costs exactly one more fetch; clients are told once per real change', async () => {
    const f = manualFetch();
    const told: ListKind[] = [];
    const cache = new ListCache(f.fetch, (k) => told.push(k));
    cache.store('tools', [{ name: 'a' }]);
    const first = cache.refresh('tools');
    for (let i = 0; i < 50; i++) void cache.refresh('tools');
    expect(f.calls).toBe(1);
    f.answer([{ name: 'a' }, { name: 'b' }]);
    await tick();
    expect(f.calls).toBe(2);
    f.answer([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    await first;
    expect(cache.get('tools').map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(told).toEqual(['tools', 'tools']);
  });

  it('an unchanged list tells no one; the first store tells no one (the session announces itself)', async () => {
    const f = manualFetch();
    const told: ListKind[] = [];
    const cache = new ListCache(f.fetch, (k) => told.push(k));
    cache.store('prompts', [{ name: 'p' }]);
    const r = cache.refresh('prompts');
    f.answer([{ name: 'p' }]);
    await r;
    expect(told).toEqual([]);
  });

  it('a failed fetch keeps the last list and is reported', async () => {
    const f = manualFetch();
    const failed: unknown[] = [];
    const cache = new ListCache(f.fetch, () => undefined, (_k, err) => failed.push(err));
    cache.store('tools', [{ name: 'kept' }]);
    const r = cache.refresh('tools');
    f.fail(new Error('timed out'));
    await r;
    expect(cache.get('tools').map((t) => t.name)).toEqual(['kept']);
    expect(failed).toHaveLength(1);
    expect(cache.get('resources')).toEqual([]);
  });
});
