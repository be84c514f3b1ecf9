import { WorkQueue, type RunResult } from '../../src/runtime/controller/work-queue';
import { FakeTimers } from '../support/fake-timers';

function setup(results: RunResult[] = []) {
  const timers = new FakeTimers();
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let holdRuns = false;
  const queue = new WorkQueue(
    async () => {
      runs.push(timers.now());
      if (holdRuns) await new Promise<void>((r) => (release = r));
      return results.shift() ?? { kind: 'ok' };
    },
    { debounceMs: 100, backoffInitialMs: 1000, backoffMaxMs: 8000, timers },
  );
  return {
    timers,
    runs,
    queue,
    hold: () => (holdRuns = true),
    release: () => {
      holdRuns = false;
      release?.();
    },
  };
}

describe('WorkQueue', () => {
  it('coalesces a burst of triggers into one run after the debounce', async () => {
    const { timers, runs, queue } = setup();
    queue.trigger();
    await timers.advance(50);
    queue.trigger();
    queue.trigger();
    await timers.advance(99);
    expect(runs).toEqual([]);
    await timers.advance(1);
    expect(runs).toEqual([150]);
    await timers.advance(1000);
    expect(runs).toEqual([150]);
  });

  it('triggers during a run cause exactly one follow-up run', async () => {
    const { timers, runs, queue, hold, release } = setup();
    hold();
    queue.trigger();
    await timers.advance(100);
    expect(runs).toEqual([100]);
    queue.trigger();
    queue.trigger();
    queue.trigger();
    await timers.advance(500);
    expect(runs).toEqual([100]);
    release();
    await timers.advance(100);
    expect(runs).toEqual([100, 600]);
    await timers.advance(1000);
    expect(runs).toEqual([100, 600]);
  });

  it('retries a retryable failure with capped exponential backoff, and resets after success', async () => {
    const fail: RunResult = { kind: 'retry', error: 'engine down' };
    const { timers, runs, queue } = setup([fail, fail, fail, fail, fail, { kind: 'ok' }]);
    queue.trigger();
    await timers.advance(100 + 1000 + 2000 + 4000 + 8000 + 8000);
    expect(runs).toEqual([100, 1100, 3100, 7100, 15100, 23100]);
    await timers.advance(60_000);
    expect(runs.length).toBe(6);
  });

  it('a terminal failure waits for the next trigger', async () => {
    const { timers, runs, queue } = setup([{ kind: 'terminal' }]);
    queue.trigger();
    await timers.advance(60_000);
    expect(runs).toEqual([100]);
    queue.trigger();
    await timers.advance(100);
    expect(runs).toEqual([100, 60_100]);
  });

  it('requestWithin never postpones an earlier run, and a request during a run is kept', async () => {
    const { timers, runs, queue, hold, release } = setup();
    queue.requestWithin(5000);
    queue.requestWithin(9000);
    await timers.advance(5000);
    expect(runs).toEqual([5000]);
    hold();
    queue.trigger();
    await timers.advance(100);
    queue.requestWithin(2000);
    release();
    await timers.advance(1999);
    expect(runs).toEqual([5000, 5100]);
    await timers.advance(1);
    expect(runs).toEqual([5000, 5100, 7100]);
  });

  it('stop waits for the run in progress and schedules nothing more', async () => {
    const { timers, runs, queue, hold, release } = setup();
    hold();
    queue.trigger();
    await timers.advance(100);
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    queue.trigger();
    await timers.advance(10);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    await timers.advance(10_000);
    expect(runs).toEqual([100]);
  });
});
