// The pure planner on a 1,000-server stack, in process: desired state (from the parsed file)
// against an observed state where nothing changed, one server changed, and nothing exists yet.
'use strict';
const path = require('node:path');
const { ROOT, servers, stackFile, stats } = require('./lib');

const dist = (p) => require(path.join(ROOT, 'dist', p));

function observedAfterApply(desired, imageId) {
  return {
    project: desired.project,
    containers: desired.containers.map((c, i) => ({
      id: `id-${c.server}`, name: c.name, server: c.server, configHash: c.configHash, hashVersion: '1',
      fieldDigests: c.fieldDigests, imageId, image: c.spec.image, state: 'running', status: 'Up 2 minutes', created: 1_700_000_000 + i,
    })),
    networks: desired.networks.map((n) => ({ id: `net-${n.name}`, name: n.name, logicalName: n.logicalName })),
    volumes: [],
    images: Object.fromEntries(desired.containers.map((c) => [c.spec.image, imageId])),
  };
}

function timeRepeated(fn, iterations) {
  for (let i = 0; i < 5; i++) fn(); // warm-up: the CLI plans once, but a watch plans on every change
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

function run({ n = 1000, iterations = 30 } = {}) {
  const { parseStack } = dist('stack-file/parse-stack.js');
  const { desiredState } = dist('core/desired-state.js');
  const { computePlan } = dist('core/planner.js');
  const host = { readText: () => ({ ok: false, reason: 'none' }), isDirectory: () => true, exists: () => true, resolve: (p) => ({ real: p, kind: 'directory' }) };
  const parse = (text) => {
    const r = parseStack(text, { file: 'bench.yml', dir: '/bench', env: new Map(), host });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics[0]));
    return r.spec;
  };
  const text = stackFile('bench-planner', servers(n));
  const desired = desiredState(parse(text));
  const changedDesired = desiredState(parse(stackFile('bench-planner', servers(n, 'v1', { s500: 'v2' }))));
  const observed = observedAfterApply(desired, `sha256:${'1'.repeat(64)}`);
  const empty = { project: desired.project, containers: [], networks: [], volumes: [], images: {} };
  const count = (plan, kind) => plan.actions.filter((a) => a.kind === kind).length;
  // The plans must be the right ones, or the timing means nothing.
  const noChange = computePlan(desired, observed);
  if (noChange.actions.some((a) => a.kind !== 'noop')) throw new Error(`planner bench: expected only no-ops, got ${JSON.stringify(noChange.actions.find((a) => a.kind !== 'noop'))}`);
  if (count(computePlan(changedDesired, observed), 'recreate') !== 1) throw new Error('planner bench: expected one recreate');
  if (count(computePlan(desired, empty), 'create') !== n) throw new Error(`planner bench: expected ${n} creates`);
  return {
    servers: n,
    plan_no_change_ms: timeRepeated(() => computePlan(desired, observed), iterations),
    plan_one_change_ms: timeRepeated(() => computePlan(changedDesired, observed), iterations),
    plan_from_nothing_ms: timeRepeated(() => computePlan(desired, empty), iterations),
    // For scale: the whole pure pipeline before planning (YAML, schema, checks, normalise, hashes).
    parse_and_desired_state_ms: timeRepeated(() => desiredState(parse(text)), Math.max(5, iterations / 3)),
  };
}

module.exports = { run };
