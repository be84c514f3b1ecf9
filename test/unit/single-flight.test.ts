import { singleFlight } from '../../src/util/single-flight';

describe('singleFlight', () => {
  it('runs the work once for callers that come while it runs, and again after it ended', async () => {
    const running = new Map<string, Promise<number>>();
    let runs = 0;
    const work = async (): Promise<number> => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return runs;
    };
    expect(await Promise.all([singleFlight(running, 'a', work), singleFlight(running, 'a', work)])).toEqual([1, 1]);
    expect(running.size).toBe(0);
    expect(await singleFlight(running, 'a', work)).toBe(2);
  });

  it('shares a failure with every waiting caller, and forgets it', async () => {
    const running = new Map<string, Promise<void>>();
    const failing = (): Promise<void> => Promise.reject(new Error('no'));
    await expect(Promise.all([singleFlight(running, 'k', failing), singleFlight(running, 'k', failing)])).rejects.toThrow('no');
    expect(running.size).toBe(0);
  });
});
