// Cold apply, no-change apply, a one-server change and down of an n-server stack, for each
// contender, interleaved: every round runs each contender's whole lifecycle in turn (the order
// reversed every other round), so drift of the shared machine hits them all alike.
'use strict';
const floor = require('./engine-floor');
const { servers, stats, sleep } = require('./lib');
const { orchestrator, compose, engineFloor, ORCHESTRATOR_PARALLEL } = require('./contenders');

/** Quiet time after each contender, so the engine's clean-up of one does not slow the next. */
const SETTLE_MS = 2000;

/** Untimed check after each step: the contender's containers are exactly `n`, all running. */
async function expectRunning(contender, n) {
  const list = await floor.listContainers(contender.project, contender.labelKey);
  const running = list.filter((c) => c.State === 'running').length;
  if (list.length !== n || running !== n) throw new Error(`${contender.name}: expected ${n} running containers, found ${list.length} (${running} running)`);
}

/**
 * @param n servers in the stack
 * @param rounds lifecycles per contender
 * @param noChangeRuns no-change applies per lifecycle
 * @param change whether to time one-server changes (two per lifecycle)
 */
async function run({ n, rounds, noChangeRuns = 2, change = true, log = () => {} }) {
  const tag = `${process.pid}-${n}`;
  const contenders = [
    orchestrator(`bench-orch-${tag}`),
    compose(`benchcompose${tag.replace('-', '')}`),
    engineFloor(`bench-floorp-${tag}`, ORCHESTRATOR_PARALLEL),
    engineFloor(`bench-floors-${tag}`, 1),
  ];
  const times = new Map(contenders.map((c) => [c.name, { cold: [], noChange: [], change: [], down: [] }]));
  const base = servers(n);
  let engineCalls;
  const failures = [];
  try {
    for (const c of contenders) await floor.purge(c.project);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const c of order) {
        const t = times.get(c.name);
        let step = 'cold';
        try {
          const cold = (await c.cold(base)).ms;
          await expectRunning(c, n);
          t.cold.push(cold);
          if (c.steadyState) {
            step = 'no-change';
            for (let i = 0; i < noChangeRuns; i++) t.noChange.push((await c.noChange(base)).ms);
            if (c.countCalls && round === 0) engineCalls = await c.countCalls(base);
            if (change) {
              // Two changes a round (v2, then back to v1), each a real recreate of s000 alone.
              step = 'change';
              t.change.push((await c.change(servers(n, 'v1', { s000: 'v2' }))).ms);
              t.change.push((await c.change(base)).ms);
              await expectRunning(c, n);
            }
          }
          step = 'down';
          t.down.push((await c.down()).ms);
          log(`  ${n} servers, round ${round + 1}/${rounds}: ${c.name} cold ${Math.round(t.cold.at(-1))} ms, down ${Math.round(t.down.at(-1))} ms`);
        } catch (err) {
          // A contender's failure is a result too: recorded and reported, its project cleared, the run goes on.
          const message = String(err.message).split('\n').filter(Boolean).slice(-1)[0];
          failures.push({ contender: c.name, servers: n, round: round + 1, step, error: message });
          log(`  ${n} servers, round ${round + 1}/${rounds}: ${c.name} FAILED at ${step}: ${message}`);
          await floor.purge(c.project);
        }
        await sleep(SETTLE_MS);
      }
    }
  } finally {
    for (const c of contenders) {
      await floor.purge(c.project);
      c.dispose();
    }
  }
  const result = {};
  for (const [name, t] of times) {
    result[name] = Object.fromEntries(Object.entries(t).filter(([, v]) => v.length > 0).map(([k, v]) => [k, stats(v)]));
  }
  return { servers: n, rounds, parallel: ORCHESTRATOR_PARALLEL, no_change_engine_calls: engineCalls, failures, contenders: result };
}

module.exports = { run };
