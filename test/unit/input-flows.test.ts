import { FLOW_IDLE_MS, InputFlows, type Leg } from '../../src/gateway/input-flows';

const leg = (signal: AbortSignal = new AbortController().signal): Leg & { logs: unknown[]; progress: jest.Mock } => {
  const logs: unknown[] = [];
  return { signal, progress: jest.fn(), log: (m) => void logs.push(m), logs };
};

type Asked = { resultType: 'input_required'; inputRequests: Record<string, { method: string }>; requestState: string };

describe('InputFlows: a request whose server asks its client something, as rounds', () => {
  it('a request the server answers without asking is one round', async () => {
    const flows = new InputFlows();
    expect(await flows.round('tools/call t', undefined, undefined, leg(), async () => 'done')).toBe('done');
    expect(flows.parkedCount).toBe(0);
  });

  it("the server's question ends the round; the client's answer in the next round reaches the server, and the result ends the flow", async () => {
    const flows = new InputFlows();
    const first = (await flows.round('tools/call t', undefined, undefined, leg(), async ({ caller }) => {
      const a = (await caller.ask({ method: 'sampling/createMessage', params: { n: 1 } })) as { v: number };
      const b = (await caller.ask({ method: 'elicitation/create' })) as { v: number };
      return a.v + b.v;
    })) as Asked;
    expect(first.resultType).toBe('input_required');
    expect(Object.values(first.inputRequests)).toEqual([{ method: 'sampling/createMessage', params: { n: 1 } }]);
    expect(flows.parkedCount).toBe(1);
    const [k1] = Object.keys(first.inputRequests);
    const second = (await flows.round('tools/call t', first.requestState, { [k1 as string]: { v: 40 } }, leg(), async () => 0)) as Asked;
    expect(Object.values(second.inputRequests)).toEqual([{ method: 'elicitation/create' }]);
    const [k2] = Object.keys(second.inputRequests);
    expect(await flows.round('tools/call t', second.requestState, { [k2 as string]: { v: 2 } }, leg(), async () => 0)).toBe(42);
    expect(flows.parkedCount).toBe(0);
  });

  it('a question the client left unanswered is asked again', async () => {
    const flows = new InputFlows();
    const first = (await flows.round('p', undefined, undefined, leg(), async ({ caller }) => caller.ask({ method: 'elicitation/create' }))) as Asked;
    const again = (await flows.round('p', first.requestState, {}, leg(), async () => 0)) as Asked;
    expect(again.inputRequests).toEqual(first.inputRequests);
  });

  it('a requestState that names no flow, or a flow of another request, is refused', async () => {
    const flows = new InputFlows();
    await expect(flows.round('p', 'made-up', {}, leg(), async () => 0)).rejects.toThrow(/unknown or expired requestState/);
    const first = (await flows.round('tools/call a', undefined, undefined, leg(), async ({ caller }) => caller.ask({ method: 'elicitation/create' }))) as Asked;
    await expect(flows.round('tools/call b', first.requestState, {}, leg(), async () => 0)).rejects.toThrow(/unknown or expired requestState/);
  });

  it("the server's failure reaches the round that waits for it", async () => {
    const flows = new InputFlows();
    await expect(flows.round('p', undefined, undefined, leg(), async () => Promise.reject(new Error('tool broke')))).rejects.toThrow('tool broke');
  });

  it('progress and log messages go to the current round', async () => {
    const flows = new InputFlows();
    const l = leg();
    await flows.round('p', undefined, undefined, l, async ({ caller, progress }) => {
      progress({ progress: 1, total: 2 });
      caller.log({ level: 'info', data: 'x' });
      return 0;
    });
    expect(l.progress).toHaveBeenCalledWith({ progress: 1, total: 2 });
    expect(l.logs).toEqual([{ level: 'info', data: 'x' }]);
  });

  it("the client's cancellation cancels the upstream request", async () => {
    const flows = new InputFlows();
    const ac = new AbortController();
    let upstreamSignal: AbortSignal | undefined;
    const round = flows.round('p', undefined, undefined, leg(ac.signal), ({ signal }) => {
      upstreamSignal = signal;
      return new Promise(() => undefined);
    });
    ac.abort();
    await expect(round).rejects.toThrow(/client cancelled/);
    expect(upstreamSignal?.aborted).toBe(true);
  });

  it('a parked flow its client never comes back for is given up: the upstream request cancelled, the question refused', async () => {
    jest.useFakeTimers();
    try {
      const flows = new InputFlows();
      let upstreamSignal: AbortSignal | undefined;
      let refused: unknown;
      await flows.round('p', undefined, undefined, leg(), ({ caller, signal }) => {
        upstreamSignal = signal;
        return caller.ask({ method: 'elicitation/create' }).catch((err: unknown) => {
          refused = err;
          throw err;
        });
      });
      expect(flows.parkedCount).toBe(1);
      jest.advanceTimersByTime(FLOW_IDLE_MS + 1);
      await Promise.resolve();
      expect(flows.parkedCount).toBe(0);
      expect(upstreamSignal?.aborted).toBe(true);
      expect(String(refused)).toMatch(/did not answer/);
    } finally {
      jest.useRealTimers();
    }
  });
});
