// Under `watch`, managing n servers: hot reload (stack file written -> the changed container
// running), drift repair (`docker rm -f` of a server -> its replacement running), and the watch
// process's memory (resident set idle, and its peak over the edits and repairs).
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const floor = require('./engine-floor');
const { CLI, servers, stackFile, stats, tempDir, sleep, until, eventually } = require('./lib');

/** Start events of the project's containers, by server (a replacement starts before it takes the server's name). */
function startEvents(project) {
  const starts = [];
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['start'], label: [`io.mcp-orchestrator.project=${project}`] }));
  const req = http.request({ socketPath: floor.SOCKET, path: `/events?filters=${filters}` }, (res) => {
    let buffered = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines.filter(Boolean)) starts.push({ server: JSON.parse(line).Actor.Attributes['io.mcp-orchestrator.server'], at: performance.now() });
    });
  });
  req.on('error', () => {});
  req.end();
  return { starts, close: () => req.destroy() };
}

/**
 * Until the server has exactly one container, under its own name, running: a recreate is over (the
 * replacement starts before its readiness settles and before it takes the name). The next edit or
 * removal must not land in the middle of the last one, or it measures that one's remaining time.
 */
function settled(project, server) {
  return eventually(async () => {
    const mine = (await floor.listContainers(project)).filter((c) => c.Labels['io.mcp-orchestrator.server'] === server);
    return mine.length === 1 && mine[0].Names[0] === `/${project}-${server}` && mine[0].State === 'running';
  }, 30_000);
}

/** Resident set size now and at its peak, in MB, from /proc. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss_mb: Math.round(kb('VmRSS') / 102.4) / 10, peak_rss_mb: Math.round(kb('VmHWM') / 102.4) / 10 };
}

async function run({ n = 20, edits = 10, repairs = 10, log = () => {} }) {
  const dir = tempDir('watch');
  const file = path.join(dir, 'mcp-stack.yml');
  const project = `bench-watch-${process.pid}`;
  fs.writeFileSync(file, stackFile(project, servers(n, 'v0')));
  const events = startEvents(project);
  // Defaults as a user gets them (debounce 150 ms), logs as JSON lines to a pipe nobody reads slowly.
  const watch = spawn(process.execPath, [CLI, 'watch', '-f', file, '--log-format', 'json'], {
    env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  watch.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const startedAfter = (seen, server) => events.starts.slice(seen).find((s) => s.server === server);
  try {
    await until(() => new Set(events.starts.map((s) => s.server)).size >= n, 120_000, `the first ${n} servers (watch said: ${stderr})`);
    await sleep(2000);
    const idle = memoryOf(watch.pid);

    const reload = [];
    for (let i = 1; i <= edits; i++) {
      const seen = events.starts.length;
      const t0 = performance.now();
      fs.writeFileSync(file, stackFile(project, servers(n, 'v0', { s000: `v${i}` })));
      await until(() => startedAfter(seen, 's000'), 30_000, `edit ${i} to be applied`);
      reload.push(startedAfter(seen, 's000').at - t0);
      await settled(project, 's000');
      await sleep(500);
    }
    log(`  hot reload: ${reload.map(Math.round).join(', ')} ms`);

    const repair = [];
    for (let i = 1; i <= repairs; i++) {
      const seen = events.starts.length;
      const t0 = performance.now();
      await floor.call('DELETE', `/containers/${project}-s000?force=1`);
      await until(() => startedAfter(seen, 's000'), 30_000, `repair ${i}`);
      repair.push(startedAfter(seen, 's000').at - t0);
      await settled(project, 's000');
      await sleep(500);
    }
    log(`  drift repair: ${repair.map(Math.round).join(', ')} ms`);
    const after = memoryOf(watch.pid);
    return {
      servers: n,
      hot_reload_ms: stats(reload),
      drift_repair_ms: stats(repair),
      watch_rss_idle_mb: idle.rss_mb,
      watch_peak_rss_mb: after.peak_rss_mb,
    };
  } finally {
    events.close();
    watch.kill('SIGTERM');
    await new Promise((r) => (watch.exitCode !== null ? r() : watch.on('exit', r)));
    await floor.purge(project);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
