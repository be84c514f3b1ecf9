// The gateway against the same stdio server (server-everything's echo, in the same image) reached
// four ways, in one run: a direct stdio client on the server container's attach stream (the floor:
// one session, calls in parallel on it), the gateway (`serve`, one HTTP session per client),
// supergateway and mcp-proxy (stateful, as their READMEs start them; each session runs its own
// `docker run -i` of the server). Per-call latency p50/p99 and calls per second at 1, 10 and 50
// concurrent sessions, with the lean client (raw JSON-RPC: the server side's own cost) and with
// the SDK's; answers checked (each call's echo must be its own); the gateway's RSS with 100 open
// sessions. Peers are installed from the npm registry into a cache, not as dependencies.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { ROOT, CLI, sleep, eventually, freePort, rssMb } = require('./lib');
const { legacySession, modernSession, stdioSession } = require('./lean-client');


const SERVERS_IMAGE = 'mcp-orchestrator-test/mcp-servers:local';
const PEERS = ['supergateway@4.0.0', 'mcp-proxy@6.7.19'];

function peerDir() {
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'mcp-orchestrator-bench', PEERS.join('-').replace(/[@/]/g, '_'));
  if (!fs.existsSync(path.join(dir, 'node_modules', 'mcp-proxy'))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', ...PEERS, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  }
  return dir;
}


const sdk = () => require(path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'client'));

async function httpClient(url) {
  const { Client, StreamableHTTPClientTransport } = sdk();
  const c = new Client({ name: 'bench', version: '1' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url)));
  return c;
}

/** Each of `sessions` clients makes `calls` echo calls one after another; all clients at once. */
async function measure(clients, calls) {
  const times = [];
  let wrong = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      for (let j = 0; j < calls; j++) {
        const message = `s${i} c${j}`;
        const started = performance.now();
        const r = await c.callTool({ name: 'echo', arguments: { message } });
        times.push(performance.now() - started);
        if (!JSON.stringify(r.content).includes(`Echo: ${message}"`)) wrong++;
      }
    }),
  );
  const wall = performance.now() - t0;
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { calls: times.length, p50_ms: round2(pct(50)), p99_ms: round2(pct(99)), calls_per_s: Math.round(times.length / (wall / 1000)), wrong };
}

const round2 = (x) => Math.round(x * 100) / 100;

/**
 * A contender: how to open `n` client sessions, and how to stop it. `lean`: each client is the
 * lean one (raw JSON-RPC, no SDK: the server side's own cost shows); else the SDK's.
 */
async function contenders(log, serveUrl, containerId, lean) {
  const dir = peerDir();
  const stdioCmd = ['docker', 'run', '-i', '--rm', '--init', '--label', 'io.mcp-orchestrator.bench=gateway', SERVERS_IMAGE, 'mcp-server-everything'];
  const list = [];
  const suffix = lean ? ', lean client' : '';
  const client = (url) => (lean ? legacySession(url) : httpClient(url));

  // The floor: a client straight on the container's stdio, one session (stdio has one).
  const { connectEngine } = require(path.join(ROOT, 'dist', 'docker', 'dockerode-engine.js'));
  const { StreamTransport } = require(path.join(ROOT, 'dist', 'mcp', 'stream-transport.js'));
  list.push({
    name: `direct stdio client (floor)${suffix}`,
    lean,
    sharedSession: true,
    open: async (n) => {
      const attached = await connectEngine(undefined, {}).attachStdio(containerId);
      if (lean) {
        const c = await stdioSession(attached.stdin, attached.stdout);
        return { clients: Array(n).fill(c), close: async () => attached.detach() };
      }
      const { Client } = sdk();
      const c = new Client({ name: 'bench-direct', version: '1' });
      await c.connect(new StreamTransport(attached.stdout, attached.stdin, async () => attached.detach()));
      return { clients: Array(n).fill(c), close: () => c.close() };
    },
  });
  list.push({
    name: `mcp-orchestrator gateway${suffix}`,
    lean,
    open: async (n) => {
      const clients = await Promise.all(Array.from({ length: n }, () => client(`${serveUrl}/servers/everything/mcp`)));
      // An SDK client's close leaves its session open on the server: ended first, as a client that is done would.
      const close = async (c) => {
        if (!lean) await c.transport?.terminateSession?.();
        await c.close();
      };
      return { clients, close: () => Promise.all(clients.map(close)) };
    },
  });
  if (lean) {
    list.push({
      name: 'mcp-orchestrator gateway, 2026-07-28 requests, lean client',
      lean,
      open: async (n) => {
        const clients = await Promise.all(Array.from({ length: n }, () => modernSession(`${serveUrl}/servers/everything/mcp`)));
        return { clients, close: () => Promise.all(clients.map((c) => c.close())) };
      },
    });
    // Not a contender: the least a node HTTP forwarder can do on the same path (see its file).
    list.push({
      name: 'reference: node HTTP forwarder, no MCP logic, lean client',
      lean,
      open: async (n) => {
        const port = await freePort();
        const child = spawn(process.execPath, [path.join(__dirname, 'reference-forwarder.js'), containerId, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise((resolve, reject) => {
          child.stdout.once('data', resolve);
          child.once('exit', (code) => reject(new Error(`the reference forwarder exited ${code}`)));
        });
        const clients = await Promise.all(Array.from({ length: n }, () => legacySession(`http://127.0.0.1:${port}/mcp`)));
        return {
          clients,
          close: async () => {
            await Promise.all(clients.map((c) => c.close()));
            child.kill('SIGTERM');
            await new Promise((r) => child.once('exit', r));
          },
        };
      },
    });
  }
  for (const peer of [
    { name: 'supergateway (stateful)', args: (port) => [path.join(dir, 'node_modules', 'supergateway', 'dist', 'index.js'), '--stdio', stdioCmd.join(' '), '--outputTransport', 'streamableHttp', '--stateful', '--port', String(port), '--logLevel', 'none'] },
    { name: 'mcp-proxy', args: (port) => [path.join(dir, 'node_modules', 'mcp-proxy', 'dist', 'bin', 'mcp-proxy.mjs'), '--port', String(port), '--host', '127.0.0.1', '--server', 'stream', '--', ...stdioCmd] },
  ]) {
    list.push({
      name: `${peer.name}${suffix}`,
      lean,
      open: async (n) => {
        const port = await freePort();
        const child = spawn(process.execPath, peer.args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
        const url = `http://127.0.0.1:${port}/mcp`;
        await eventually(async () => (await fetch(url, { method: 'GET' }).then(() => true).catch(() => false)) || undefined, 30_000);
        const clients = [];
        try {
          // Opened one by one: each session starts a container of its own in these designs.
          for (let i = 0; i < n; i++) clients.push(await client(url));
        } catch (err) {
          child.kill('SIGKILL');
          throw new Error(`${peer.name}: session ${clients.length + 1} of ${n} failed: ${err.message}; ${stderr.split('\n').slice(-3).join(' ')}`);
        }
        return {
          clients,
          close: async () => {
            await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
            child.kill('SIGTERM');
            await sleep(500);
            child.kill('SIGKILL');
          },
        };
      },
    });
  }
  return list;
}

/** The peers' containers (--rm ones may already be on their way out: a failed remove of those is fine). */
function cleanupPeerContainers() {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', 'label=io.mcp-orchestrator.bench=gateway'], { encoding: 'utf8' }).trim();
  for (const id of ids ? ids.split('\n') : []) {
    try {
      execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    } catch {
      // already being removed
    }
  }
}

async function run({ log = () => undefined, quick = false, only } = {}) {
  execFileSync(path.join(ROOT, 'test', 'images', 'build.sh'), ['servers'], { stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-gateway-'));
  const project = `bench-gw-${process.pid}`;
  const file = path.join(dir, 'mcp-stack.yml');
  fs.writeFileSync(file, `version: 1\nproject: ${project}\nservers:\n  everything:\n    image: ${SERVERS_IMAGE}\n    command: [mcp-server-everything]\n`);
  const port = await freePort();
  const serveUrl = `http://127.0.0.1:${port}`;
  const serve = spawn(process.execPath, [CLI, 'serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn'], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
  const results = { rows: [], failures: [] };
  try {
    await eventually(async () => {
      const h = await fetch(`${serveUrl}/healthz`).then((r) => r.json()).catch(() => undefined);
      return h?.servers?.everything?.state === 'up' || undefined;
    }, 90_000);
    const containerId = execFileSync('docker', ['inspect', '-f', '{{.Id}}', `${project}-everything`], { encoding: 'utf8' }).trim();
    // 200 sessions with the lean client only: the peers start a server container per session.
    // The lean rows run longer (a second or more each): at 50 and 200 sessions a shorter row is mostly its ramp.
    const levels = (lean) => (quick ? [[1, 100], [10, 20], [50, 5], ...(lean ? [[200, 2]] : [])] : lean ? [[1, 1000], [10, 200], [50, 60], [200, 15]] : [[1, 400], [10, 80], [50, 20]]);
    const all = [...(await contenders(log, serveUrl, containerId, true)), ...(await contenders(log, serveUrl, containerId, false))];
    for (const contender of all.filter((c) => only === undefined || only.test(c.name))) {
      for (const [sessions, calls] of levels(contender.lean)) {
        log(`gateway bench: ${contender.name}, ${sessions} sessions`);
        let opened;
        try {
          opened = await contender.open(sessions);
          await measure(opened.clients.slice(0, Math.min(sessions, 5)), 5); // warm-up
          const m = await measure(opened.clients, calls);
          results.rows.push({ contender: contender.name, sessions, ...m, note: contender.sharedSession ? 'one stdio session, calls in parallel' : '' });
        } catch (err) {
          results.failures.push({ contender: contender.name, sessions, error: String(err.message || err).slice(0, 300) });
        } finally {
          await opened?.close().catch(() => undefined);
          cleanupPeerContainers();
        }
      }
    }
    try {
      results.memory = await memory(serve.pid, `${serveUrl}/servers/everything/mcp`, log);
    } catch (err) {
      results.failures.push({ contender: 'mcp-orchestrator gateway, memory', sessions: 1000, error: String(err.message || err).slice(0, 300) });
    }
  } finally {
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
    execFileSync(process.execPath, [CLI, 'down', '-p', project], { stdio: 'ignore' });
    cleanupPeerContainers();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The gateway's resident memory with 1,000 clients at once, each era: 1,000 open 2025-era sessions
 * (the gateway's limit), each having made a call; and 1,000 2026-07-28 clients whose calls are all
 * in flight together (that era has no session to hold open: a client costs while its request runs).
 * Per session: the growth over the idle gateway, divided by 1,000.
 */
async function memory(pid, url, log) {
  // Sessions the rows before left open (an SDK client's close does not end its session) count
  // toward the gateway's limit of 1,000: opened up to it.
  const health = await fetch(new URL('/healthz', url)).then((r) => r.json());
  const N = 1000 - (health.sessions ?? 0);
  const idle = rssMb(pid);
  log('gateway bench: 1,000 open 2025-era sessions');
  const legacy = [];
  for (let i = 0; i < N; i += 50) legacy.push(...(await Promise.all(Array.from({ length: Math.min(50, N - i) }, () => legacySession(url)))));
  await Promise.all(legacy.map((c, i) => c.callTool({ name: 'echo', arguments: { message: `m${i}` } })));
  const legacyMb = rssMb(pid);
  await Promise.all(legacy.map((c) => c.close()));
  log('gateway bench: 1,000 2026-07-28 calls at once');
  const modern = await Promise.all(Array.from({ length: N }, () => modernSession(url)));
  let modernPeak = 0;
  const sampler = setInterval(() => (modernPeak = Math.max(modernPeak, rssMb(pid))), 20);
  await Promise.all(modern.map((c, i) => c.callTool({ name: 'echo', arguments: { message: `m${i}` } })));
  clearInterval(sampler);
  modernPeak = Math.max(modernPeak, rssMb(pid));
  await Promise.all(modern.map((c) => c.close()));
  return { idle_mb: idle, sessions: N, legacy_open_mb: legacyMb, modern_in_flight_peak_mb: modernPeak, legacy_kb_per_session: Math.round(((legacyMb - idle) * 1024) / N), modern_kb_per_client: Math.round(((modernPeak - idle) * 1024) / N) };
}

module.exports = { run };

if (require.main === module) {
  // --only=REGEX: the contenders whose names match (while working on one of them).
  const only = process.argv.find((a) => a.startsWith('--only='));
  run({ log: (l) => process.stderr.write(`${l}\n`), quick: process.argv.includes('--quick'), ...(only && { only: new RegExp(only.slice(7)) }) }).then((r) => {
    for (const row of r.rows) console.log(`${row.contender.padEnd(30)} ${String(row.sessions).padStart(2)} sessions: p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms, ${row.calls_per_s} calls/s, ${row.calls} calls, wrong ${row.wrong}`);
    for (const f of r.failures) console.log(`FAILED ${f.contender}, ${f.sessions} sessions: ${f.error}`);
    console.log(`gateway memory: ${JSON.stringify(r.memory)}`);
  });
}
