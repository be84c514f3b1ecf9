// Shared helpers for the benchmarks: a counting proxy in front of the engine, process timing, stats.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const UPSTREAM = (process.env.DOCKER_HOST || 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');

/**
 * A unix socket that forwards to the engine and counts HTTP requests by "METHOD /path", so the
 * engine calls of a whole CLI process are counted as the engine sees them.
 */
function countingProxy() {
  const socketPath = path.join(os.tmpdir(), `mcpo-bench-${process.pid}.sock`);
  fs.rmSync(socketPath, { force: true });
  const counts = new Map();
  /** Every request with its start and the time its first response byte arrived. */
  const log = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(UPSTREAM);
    const pending = [];
    client.on('data', (chunk) => {
      const re = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm;
      for (const m of chunk.toString('latin1').matchAll(re)) {
        const key = `${m[1]} ${m[2].split('?')[0].replace(/^\/v[\d.]+/, '').replace(/[0-9a-f]{64}/g, '<id>').replace(/\/containers\/[^/]+\//, '/containers/<id>/')}`;
        counts.set(key, (counts.get(key) || 0) + 1);
        const entry = { key, start: performance.now(), end: undefined };
        log.push(entry);
        pending.push(entry);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (c) => {
      const entry = pending.shift();
      if (entry) entry.end = performance.now();
      client.write(c);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(socketPath, () =>
      resolve({
        host: `unix://${socketPath}`,
        reset: () => { counts.clear(); log.length = 0; },
        snapshot: () => Object.fromEntries([...counts].sort()),
        total: () => [...counts.values()].reduce((a, b) => a + b, 0),
        /** Requests that started at or after `since` (performance.now() ms). */
        requestsSince: (since) => log.filter((e) => e.start >= since),
        close: () => new Promise((r) => server.close(() => { fs.rmSync(socketPath, { force: true }); r(); })),
      }),
    ),
  );
}

/** Runs the CLI as a user would (a whole node process); resolves with its wall time in ms. */
function timeCli(args, env = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (status !== 0) reject(new Error(`mcp-orchestrator ${args.join(' ')} exited ${status}: ${stderr || stdout}`));
      else resolve({ ms, stdout });
    });
  });
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), n: s.length };
}

const round = (x) => Math.round(x * 10) / 10;

function ensureBuilt() {
  if (!fs.existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(path.join(ROOT, 'test', 'images', 'build.sh'), { stdio: 'inherit' });
}

function stackOf(project, n, image, envValue = 'v1') {
  const servers = Array.from({ length: n }, (_, i) => `  s${String(i).padStart(3, '0')}:\n    image: ${image}\n    command: [sleep, "3600"]\n    env: { VALUE: ${envValue} }\n`);
  return `version: 1\nproject: ${project}\nservers:\n${servers.join('')}`;
}

module.exports = { ROOT, CLI, countingProxy, timeCli, stats, ensureBuilt, stackOf, round };
