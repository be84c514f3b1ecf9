#!/usr/bin/env node
// npm run bench: mcp-orchestrator, docker-compose and the engine floor on the same engine in one
// run; prints the table (also bench/results/latest.md) and writes bench/results/latest.json.
// Not part of npm test. Usage: npm run bench (sets the machine up and builds first), or
// node bench/run.js [--quick] on a built tree (--quick: one round each, for trying out).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ensureImage } = require('./lib');
const { ORCHESTRATOR_PARALLEL } = require('./contenders');

const quick = process.argv.includes('--quick');
const log = (line) => process.stderr.write(`${line}\n`);

const ORCH = 'mcp-orchestrator';
const COMPOSE = 'docker-compose';
const FLOOR = `engine floor, ${ORCHESTRATOR_PARALLEL} at once`;
const FLOOR_SEQ = 'engine floor, sequential';

function machine() {
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      return 'not found';
    }
  };
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    engine: version('docker', ['version', '-f', '{{.Server.Version}} (API {{.Server.APIVersion}})']),
    compose: version('docker-compose', ['version', '--short']),
  };
}

/** One table row per timed scenario, with the target it must meet and whether it did. */
function rows(results) {
  const out = [];
  const lifecycleRows = (lc) => {
    const c = lc.contenders;
    const m = (who, step) => c[who]?.[step];
    const row = (scenario, step, target, met) => out.push({ scenario, orch: m(ORCH, step), compose: m(COMPOSE, step), floor: m(FLOOR, step), floorSeq: m(FLOOR_SEQ, step), target, met: met(m(ORCH, step)?.median, m(COMPOSE, step)?.median, m(FLOOR, step)?.median) });
    const n = lc.servers;
    row(`cold apply, ${n} servers`, 'cold', 'within 10% of the floor at the same parallelism, and no slower than docker-compose', (o, cp, f) => o <= f * 1.1 && o <= cp);
    const limit = n <= 20 ? 300 : 500;
    row(`no-change apply, ${n} servers`, 'noChange', n <= 20 ? `under ${limit} ms, at most 0.25× docker-compose` : `under ${limit} ms`, (o, cp) => o < limit && (n > 20 || o <= cp * 0.25));
    if (c[ORCH].change) row(`change one server's env, ${n} servers`, 'change', "the engine's recreate + under 150 ms", (o, _cp, f) => o < f + 150);
    row(`down, ${n} servers`, 'down', '(none set)', () => undefined);
  };
  for (const lc of results.lifecycle) lifecycleRows(lc);
  const w = results.watch;
  out.push({ scenario: `hot reload under watch (${w.servers} servers): write -> running`, orch: w.hot_reload_ms, target: 'under 1 s', met: w.hot_reload_ms.median < 1000 });
  out.push({ scenario: `drift repair under watch: docker rm -f -> running`, orch: w.drift_repair_ms, target: 'under 1.5 s', met: w.drift_repair_ms.median < 1500 });
  out.push({ scenario: `watch resident memory (${w.servers} servers): idle / peak`, text: `${w.watch_rss_idle_mb} MB / ${w.watch_peak_rss_mb} MB`, target: 'under 100 MB', met: w.watch_peak_rss_mb < 100 });
  const gl = results.gatewayLists;
  if (gl) {
    out.push({ scenario: `gateway: tools/list on /mcp, ${gl.servers} servers, ${gl.tools} tools (lean client)`, orch: gl.lean_ms, target: 'under 20 ms', met: gl.lean_ms.median < 20 });
    out.push({ scenario: `gateway: tools/list on /mcp, ${gl.servers} servers, ${gl.tools} tools (SDK client)`, orch: gl.sdk_ms, target: 'under 20 ms', met: gl.sdk_ms.median < 20 });
  }
  const cs = results.cliStart;
  if (cs) out.push({ scenario: `CLI start: --version (node -e 0: ${fmt(cs.node_ms.median)})`, orch: cs.version_ms, target: 'within 30 ms of node -e 0', met: cs.version_ms.median - cs.node_ms.median <= 30 });
  if (results.gateway) out.push(...gatewayTargets(results.gateway));
  const p = results.planner;
  out.push({ scenario: `planner, ${p.servers} servers, in process (no change)`, orch: p.plan_no_change_ms, target: 'under 20 ms', met: p.plan_no_change_ms.median < 20 });
  for (const l of results.limits) {
    const refused = l.name.endsWith('(refused)');
    out.push({
      scenario: `validate: ${l.name}; peak RSS ${l.peak_rss_mb} MB`,
      orch: l.time_ms,
      target: refused ? 'refused (exit 3) in under 1 s, under 300 MB' : 'accepted in under 2 s, under 300 MB',
      met: l.exit_code === (refused ? 3 : 0) && l.time_ms.median < (refused ? 1000 : 2000) && l.peak_rss_mb < 300,
    });
  }
  return out;
}

/** Issue #30's targets for the gateway's hot path, from the lean client's rows of one run. */
function gatewayTargets(g) {
  const at = (name, n) => g.rows.find((r) => r.contender === name && r.sessions === n);
  const direct = 'direct stdio client (floor), lean client';
  const eras = [
    ['2025-era sessions', 'mcp-orchestrator gateway, lean client'],
    ['2026-07-28 requests', 'mcp-orchestrator gateway, 2026-07-28 requests, lean client'],
  ];
  const peers = ['supergateway (stateful), lean client', 'mcp-proxy, lean client'];
  const out = [];
  for (const [era, name] of eras) {
    const one = at(name, 1);
    const floor1 = at(direct, 1);
    if (one && floor1) {
      const added = one.p50_ms - floor1.p50_ms;
      out.push({ scenario: `gateway, ${era}: p50 added over the direct client, 1 session (lean client)`, text: `${added.toFixed(2)} ms (${one.p50_ms} against ${floor1.p50_ms} ms)`, target: 'at most 0.5 ms', met: added <= 0.5 });
    }
    const fifty = at(name, 50);
    const floor50 = at(direct, 50);
    if (fifty && floor50) {
      const ratio = fifty.calls_per_s / floor50.calls_per_s;
      out.push({ scenario: `gateway, ${era}: throughput at 50 sessions against the direct client (lean client)`, text: `${ratio.toFixed(2)}× (${fifty.calls_per_s} against ${floor50.calls_per_s} calls/s)`, target: 'at least 0.5×', met: ratio >= 0.5 });
    }
    const behind = [];
    for (const peer of peers) {
      for (const r of g.rows.filter((x) => x.contender === peer)) {
        const ours = at(name, r.sessions);
        if (!ours) continue;
        const lost = [ours.p50_ms > r.p50_ms && 'p50', ours.p99_ms > r.p99_ms && 'p99', ours.calls_per_s < r.calls_per_s && 'calls/s'].filter(Boolean);
        if (lost.length > 0) behind.push(`${peer.replace(', lean client', '')} at ${r.sessions} on ${lost.join(', ')}`);
      }
    }
    out.push({ scenario: `gateway, ${era}: against supergateway and mcp-proxy at every concurrency (lean client)`, text: behind.length === 0 ? 'ahead on all' : `behind ${behind.join('; ')}`, target: 'ahead on p50, p99 and calls/s', met: behind.length === 0 });
  }
  // What any node HTTP forwarder pays on this path (bench/reference-forwarder.js): the floor under the targets above.
  const reference = 'reference: node HTTP forwarder, no MCP logic, lean client';
  const [r1, r50, f1, f50, g50] = [at(reference, 1), at(reference, 50), at(direct, 1), at(direct, 50), at(eras[0][1], 50)];
  if (r1 && r50 && f1 && f50 && g50) {
    out.push({
      scenario: 'reference, a node HTTP forwarder with no MCP logic (lean client): p50 added at 1 session; throughput at 50 against the direct client; the gateway (2025-era) against it at 50',
      text: `${(r1.p50_ms - f1.p50_ms).toFixed(2)} ms; ${(r50.calls_per_s / f50.calls_per_s).toFixed(2)}×; ${(g50.calls_per_s / r50.calls_per_s).toFixed(2)}×`,
      target: '(a reference, no target)',
    });
  }
  const m = g.memory;
  if (m) {
    out.push({ scenario: `gateway RSS, ${m.sessions} open 2025-era sessions (idle ${m.idle_mb} MB; ${m.legacy_kb_per_session} KB per session)`, text: `${m.legacy_open_mb} MB`, target: 'within 300 MB', met: m.legacy_open_mb <= 300 });
    out.push({ scenario: `gateway RSS, ${m.sessions} 2026-07-28 calls in flight at once (${m.modern_kb_per_client} KB per client)`, text: `${m.modern_in_flight_peak_mb} MB`, target: 'within 300 MB', met: m.modern_in_flight_peak_mb <= 300 });
  }
  return out;
}

function table(list) {
  const ms = (s) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '');
  const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(2)}×` : '');
  const lines = [
    `| scenario | mcp-orchestrator | docker-compose 1.29 | ${FLOOR} | ${FLOOR_SEQ} | orch / compose | orch / floor | target | met |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of list) {
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.scenario} | ${r.text ?? ms(r.orch)} | ${ms(r.compose)} | ${ms(r.floor)} | ${ms(r.floorSeq)} | ${ratio(r.orch, r.compose)} | ${ratio(r.orch, r.floor)} | ${r.target} | ${met} |`);
  }
  return lines.join('\n');
}

function fmt(msValue) {
  return msValue >= 1000 ? `${(msValue / 1000).toFixed(2)} s` : `${Math.round(msValue)} ms`;
}

async function main() {
  const started = Date.now();
  ensureImage();
  const results = { lifecycle: [] };
  log('lifecycle, 20 servers');
  results.lifecycle.push(await require('./lifecycle').run({ n: 20, rounds: quick ? 1 : 5, log }));
  log('lifecycle, 100 servers');
  results.lifecycle.push(await require('./lifecycle').run({ n: 100, rounds: quick ? 1 : 3, change: false, log }));
  log('watch, 20 servers');
  results.watch = await require('./watch').run({ n: 20, edits: quick ? 3 : 10, repairs: quick ? 3 : 10, log });
  log('CLI start: --version against node -e 0');
  results.cliStart = await require('./cli-start').run({ rounds: quick ? 5 : 15 });
  log('planner, 1,000 servers');
  results.planner = require('./planner').run({ n: 1000, iterations: 30 });
  log('gateway: direct, mcp-orchestrator, supergateway, mcp-proxy');
  results.gateway = await require('./gateway').run({ log, quick });
  log('gateway: what gateway.auth, rules and the audit trail add per call');
  results.gatewayAuth = await require('./gateway-auth').run({ log, quick });
  log('gateway: sessions per client (cold, warm pool, shared)');
  results.clientSessions = await require('./client-sessions').run({ log, quick });
  log('gateway: aggregate lists of 30 servers');
  results.gatewayLists = await require('./gateway-lists').run({ log, quick });
  log('recreate downtime under serve: stop-first, start-first');
  results.rollout = await require('./rollout').run({ log, rounds: quick ? 1 : 5 });
  log('backend: swarm on a single-node swarm, against docker stack deploy');
  results.swarm = await require('./swarm').run({ n: 20, rounds: quick ? 1 : 3, log });
  log('validate at the input limits');
  results.limits = require('./validate-limits').run({ rounds: quick ? 1 : 5 });
  const list = rows(results);
  const report = { when: new Date().toISOString(), duration_s: Math.round((Date.now() - started) / 1000), machine: machine(), quick, rows: list, results };
  const failures = results.lifecycle.flatMap((l) => l.failures);
  const failureText = failures.length === 0 ? 'No contender failed a step.' : `Failed steps (not in the figures): ${failures.map((f) => `${f.contender}, ${f.servers} servers, round ${f.round}, ${f.step}: ${f.error}`).join('; ')}.`;
  const text = `${table(list)}\n\n${failureText} Medians (min–max); ${results.lifecycle.map((l) => `${l.servers} servers: ${l.rounds} rounds`).join(', ')}; no-change apply of 20 servers: ${Object.values(results.lifecycle[0].no_change_engine_calls).reduce((a, b) => a + b, 0)} engine calls. Planner, 1,000 servers: one change ${fmt(results.planner.plan_one_change_ms.median)}, from nothing ${fmt(results.planner.plan_from_nothing_ms.median)}; parsing the file into desired state ${fmt(results.planner.parse_and_desired_state_ms.median)}. Run took ${report.duration_s} s.\n`;
  const g = results.gateway;
  const gatewayText = [
    '',
    '| contender | sessions | p50 | p99 | calls/s | calls | wrong answers |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...g.rows.map((r) => `| ${r.contender}${r.note ? ` (${r.note})` : ''} | ${r.sessions} | ${r.p50_ms} ms | ${r.p99_ms} ms | ${r.calls_per_s} | ${r.calls} | ${r.wrong} |`),
    '',
    `${g.memory ? `Gateway RSS: idle ${g.memory.idle_mb} MB; ${g.memory.sessions} open 2025-era sessions ${g.memory.legacy_open_mb} MB; ${g.memory.sessions} 2026-07-28 calls in flight ${g.memory.modern_in_flight_peak_mb} MB (target: 1,000 within 300 MB).` : 'Gateway RSS: not measured.'}${g.failures.length ? ` Failed: ${g.failures.map((f) => `${f.contender}, ${f.sessions} sessions: ${f.error}`).join('; ')}.` : ''}`,
    '',
    `Who is calling (gateway.auth with a JWT, two rules, the audit trail to a file), against none, in front of one HTTP server: ${results.gatewayAuth.rows.map((r) => `${r.auth} at ${r.sessions} sessions p50 ${r.p50_ms} ms / p99 ${r.p99_ms} ms`).join('; ')}; added at p50: ${results.gatewayAuth.added_p50_ms[1]} ms at 1 session, ${results.gatewayAuth.added_p50_ms[50]} ms at 50 (target: under 0.2 ms).`,
    '',
    `Sessions per client (the fixture stdio server, a 2025-era SDK client from connect to its first call's answer): shared ${fmt(results.clientSessions.first_call_shared_ms.median)}, per_client cold (a container made for it) ${fmt(results.clientSessions.first_call_cold_ms.median)} (${fmt(results.clientSessions.first_call_cold_ms.min)}–${fmt(results.clientSessions.first_call_cold_ms.max)}), from the warm pool ${fmt(results.clientSessions.first_call_warm_ms.median)} (${fmt(results.clientSessions.first_call_warm_ms.min)}–${fmt(results.clientSessions.first_call_warm_ms.max)}); per open session: ${results.clientSessions.container_mb_per_session} MB in its container, ${results.clientSessions.gateway_rss_mb_per_session} MB in the gateway.`,
    '',
    ...Object.entries(results.rollout).map(([order, r]) => `Recreate under serve, rollout ${order}: downtime ${fmt(r.downtime_ms.median)} (${fmt(r.downtime_ms.min)}–${fmt(r.downtime_ms.max)}), failed calls per recreate ${r.failed_calls.join(', ')}.`),
    '',
    ...swarmTable(results.swarm),
  ].join('\n');
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), `${text}${gatewayText}`);
  process.stdout.write(`\n${text}${gatewayText}`);
}

/** backend: swarm against docker stack deploy, each step until the swarm converged. */
function swarmTable(s) {
  const orch = s.contenders['mcp-orchestrator'];
  const stack = s.contenders['docker stack deploy'];
  const cell = (x) => (x === undefined ? 'n/a' : `${fmt(x.median)} (${fmt(x.min)}–${fmt(x.max)})`);
  const steps = [['cold', `cold apply, ${s.servers} services`], ['noChange', 'no-change apply'], ['change', "change one service's env"], ['down', 'down / stack rm']];
  return [
    `| backend: swarm, one node (${s.rounds} rounds, until converged) | mcp-orchestrator | docker stack deploy |`,
    '| --- | --- | --- |',
    ...steps.map(([k, label]) => `| ${label} | ${cell(orch[k])} | ${cell(stack[k])} |`),
    '',
  ];
}

main().catch((e) => {
  log(e.stack);
  process.exit(1);
});
