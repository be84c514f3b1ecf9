// Shared helpers of the benchmarks: timing whole processes, a counting proxy in front of the
// engine, statistics, and the equivalent stack files each contender reads.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'mcp-orchestrator.js');
const UPSTREAM = (process.env.DOCKER_HOST || 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
/** Busybox, node and npm, built from this machine's files (test/images/build.sh): nothing is pulled. */
const IMAGE = 'mcp-orchestrator-test/node:local';

/**
 * A unix socket that forwards to the engine and counts HTTP requests by "METHOD /path", so the
 * engine calls of a whole CLI process are counted as the engine sees them.
 */
function countingProxy() {
  const socketPath = path.join(os.tmpdir(), `mcpo-bench-${process.pid}.sock`);
  fs.rmSync(socketPath, { force: true });
  const counts = new Map();
  const server = net.createServer((client) => {
    const upstream = net.connect(UPSTREAM);
    client.on('data', (chunk) => {
      for (const m of chunk.toString('latin1').matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm)) {
        const key = `${m[1]} ${m[2].split('?')[0].replace(/^\/v[\d.]+/, '').replace(/\/containers\/(?!json$|create$)[^/]+(\/|$)/, '/containers/<id>$1')}`;
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (c) => client.write(c));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(socketPath, () =>
      resolve({
        host: `unix://${socketPath}`,
        reset: () => counts.clear(),
        snapshot: () => Object.fromEntries([...counts].sort()),
        close: () => new Promise((r) => server.close(() => { fs.rmSync(socketPath, { force: true }); r(); })),
      }),
    ),
  );
}

/** Runs a whole process; resolves with its wall time in ms and its output, rejects on a non-zero exit. */
function timeProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    // A contender that hangs (docker-compose 1.29 has, with 100 services) fails its step instead of the run.
    const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('close', (status, signal) => {
      clearTimeout(limit);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (signal === 'SIGKILL') reject(new Error(`${path.basename(command)} ${args.join(' ')} did not finish within ${(options.timeoutMs ?? 300_000) / 1000} s`));
      else if (status !== 0) reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${status}: ${stderr || stdout}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

/** mcp-orchestrator's CLI as a user runs it: a whole node process, start-up included. */
const timeCli = (args, env = {}) => timeProcess(process.execPath, [CLI, ...args], { env });

/** Times an in-process async function. */
async function timeFn(fn) {
  const t0 = performance.now();
  await fn();
  return { ms: performance.now() - t0 };
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), n: s.length };
}

const round = (x) => Math.round(x * 10) / 10;

/** The servers' image, built locally when missing or stale (a second when current). */
function ensureImage() {
  if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: npm run build (npm run bench builds it)');
  execFileSync(path.join(ROOT, 'test', 'images', 'build.sh'), ['node'], { stdio: 'inherit' });
}

/** The benchmark's servers: stdio MCP-shaped containers (stdin open, an init as PID 1) that idle. */
function servers(n, value = 'v1', changed = {}) {
  return Array.from({ length: n }, (_, i) => {
    const name = `s${String(i).padStart(3, '0')}`;
    return { name, image: IMAGE, command: ['sleep', '3600'], env: { VALUE: changed[name] ?? value } };
  });
}

/** mcp-stack.yml of `list` (stdio transport: stdin open; init defaults to true). */
function stackFile(project, list) {
  // Idle containers, not MCP servers: a recreate waits for them to run (ready: running), not for a handshake.
  const body = list.map((s) => `  ${s.name}:\n    image: ${s.image}\n    command: ${JSON.stringify(s.command)}\n    ready: running\n    env: { VALUE: ${s.env.VALUE} }\n`);
  return `version: 1\nproject: ${project}\nservers:\n${body.join('')}`;
}

/** The equivalent docker-compose.yml: same image, command, env, init and open stdin, one default network. */
function composeFile(list) {
  const body = list.map((s) => `  ${s.name}:\n    image: ${s.image}\n    command: ${JSON.stringify(s.command)}\n    environment: { VALUE: ${s.env.VALUE} }\n    init: true\n    stdin_open: true\n`);
  return `version: "2.4"\nservices:\n${body.join('')}`;
}

/** A process's resident memory now, in MB (Linux). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mcpo-bench-${prefix}-`));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(pred, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Polls an async check until it returns something truthy. */
async function eventually(check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}

/** A TCP port on loopback that nothing listens on now. */
function freePort() {
  return new Promise((resolve) => {
    const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

module.exports = { ROOT, CLI, IMAGE, rssMb, countingProxy, timeProcess, timeCli, timeFn, stats, round, ensureImage, servers, stackFile, composeFile, tempDir, sleep, until, eventually, freePort };
