#!/usr/bin/env node
// Hot reload under watch: from writing the stack file to the changed container running, median of
// repeated edits, and how much of it the engine's own create and start calls take (timed at the socket).
// Usage: node bench/hot-reload.js [edits=10] [servers=5]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const Docker = require('dockerode');
const { CLI, countingProxy, stats, ensureBuilt, stackOf, round } = require('./lib');

const docker = new Docker();

async function run(edits = 10, n = 5) {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-hot-'));
  const file = path.join(dir, 'mcp-stack.yml');
  const project = `bench-hot-${process.pid}`;
  fs.writeFileSync(file, stackOf(project, n, 'mcp-orchestrator-test/node:local', 'v0'));
  const proxy = await countingProxy();
  const watch = spawn(process.execPath, [CLI, '--host', proxy.host, 'watch', '-f', file, '--log-format', 'json', '--debounce', '50'], {
    env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  watch.stderr.resume();
  const events = await docker.getEvents({ filters: { type: ['container'], event: ['start'], label: [`io.mcp-orchestrator.project=${project}`] } });
  const starts = [];
  events.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) starts.push({ name: JSON.parse(line).Actor.Attributes.name, at: performance.now() });
  });
  try {
    await until(() => starts.length >= n, 60_000, 'initial servers');
    await sleep(1500);
    const latencies = [];
    const engineParts = [];
    for (let i = 1; i <= edits; i++) {
      const target = `${project}-s000`;
      const seen = starts.length;
      const t0 = performance.now();
      fs.writeFileSync(file, stackOf(project, n, 'mcp-orchestrator-test/node:local', 'v0').replace('VALUE: v0 }', `VALUE: v${i} }`));
      await until(() => starts.slice(seen).some((s) => s.name === target), 30_000, `edit ${i}`);
      const t1 = starts.slice(seen).find((s) => s.name === target).at;
      latencies.push(t1 - t0);
      const calls = proxy.requestsSince(t0).filter((e) => e.end !== undefined && e.end <= t1 + 1);
      const part = (re) => calls.filter((e) => re.test(e.key)).reduce((a, e) => a + (e.end - e.start), 0);
      engineParts.push({ create: part(/^POST \/containers\/create$/), start: part(/^POST \/containers\/<id>\/start$/), stop_remove_rename: part(/^(POST \/containers\/<id>\/(stop|rename)|DELETE \/containers\/)/) });
      await sleep(1200);
    }
    const med = (k) => stats(engineParts.map((p) => p[k])).median;
    const latency = stats(latencies);
    const createStart = round(med('create') + med('start'));
    return {
      scenario: `hot reload under watch (env edit of 1 of ${n} servers)`,
      write_to_running_ms: latency,
      engine_create_ms: med('create'),
      engine_start_ms: med('start'),
      engine_stop_remove_rename_ms: med('stop_remove_rename'),
      outside_create_start_ms: round(latency.median - createStart),
      outside_create_start_share: round((latency.median - createStart) / latency.median * 100) / 100,
    };
  } finally {
    events.destroy();
    watch.kill('SIGTERM');
    await new Promise((r) => watch.on('exit', r));
    await new Promise((r) => spawn(process.execPath, [CLI, 'down', '-f', file], { stdio: 'ignore' }).on('exit', r));
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(pred, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

module.exports = { run };

if (require.main === module) {
  run(Number(process.argv[2] || 10), Number(process.argv[3] || 5)).then((r) => console.log(JSON.stringify(r, null, 2)), (e) => { console.error(e.stack); process.exit(1); });
}
