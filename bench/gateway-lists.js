// The aggregate lists of a gateway with many servers: 30 servers (the tests' SDK v2 server over
// stdio, 17 tools each: 510 tools) behind one `serve`; tools/list on /mcp measured from an SDK
// client (2025-era session) and from a lean client (raw JSON-RPC over keep-alive HTTP, 2026-07-28),
// so the gateway's own cost is visible. Target: under 20 ms at p50.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFileSync, spawn } = require('node:child_process');
const { ROOT, CLI, eventually, freePort } = require('./lib');

const SERVERS_IMAGE = 'mcp-orchestrator-test/mcp-servers:local';

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { median: Math.round(pct(50) * 100) / 100, p99: Math.round(pct(99) * 100) / 100, min: Math.round(sorted[0] * 100) / 100, max: Math.round(sorted[sorted.length - 1] * 100) / 100 };
}

/** A tools/list as a 2026-07-28 request, JSON answer, on a keep-alive agent: the request and its parse only. */
function leanList(url, agent) {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/list',
    params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
  });
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => {
        const json = data.startsWith('{') ? data : (data.split('\n').find((l) => l.startsWith('data: ')) ?? 'data: {}').slice(6);
        resolve(JSON.parse(json).result?.tools?.length ?? 0);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run({ log, quick, servers = 30, toolsEach = 17 }) {
  execFileSync(path.join(ROOT, 'test', 'images', 'build.sh'), ['servers'], { stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-lists-'));
  const project = `bench-lists-${process.pid}`;
  const file = path.join(dir, 'mcp-stack.yml');
  const lines = ['version: 1', `project: ${project}`, 'servers:'];
  // gateway-fixture has 7 tools of its own.
  for (let i = 1; i <= servers; i++) lines.push(`  s${i}:`, `    image: ${SERVERS_IMAGE}`, '    command: [gateway-fixture]', `    env: { EXTRA_TOOLS: "${toolsEach - 7}" }`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serve = spawn(process.execPath, [CLI, 'serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn'], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
  try {
    await eventually(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 || undefined, 240_000, 500);
    const { Client, StreamableHTTPClientTransport } = require(path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'client'));
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const rounds = quick ? 20 : 100;
    const sdkTimes = [];
    const leanTimes = [];
    let tools = 0;
    for (let i = 0; i < 5; i++) {
      await client.listTools();
      await leanList(`${base}/mcp`, agent);
    }
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      tools = (await client.listTools()).tools.length;
      sdkTimes.push(performance.now() - t);
      t = performance.now();
      const lean = await leanList(`${base}/mcp`, agent);
      leanTimes.push(performance.now() - t);
      if (lean !== tools) throw new Error(`the lean client saw ${lean} tools, the SDK client ${tools}`);
    }
    await client.close();
    agent.destroy();
    log(`  ${servers} servers, ${tools} tools: SDK client p50 ${stats(sdkTimes).median} ms, lean client p50 ${stats(leanTimes).median} ms`);
    return { servers, tools, sdk_ms: stats(sdkTimes), lean_ms: stats(leanTimes), rounds };
  } finally {
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
    execFileSync(process.execPath, [CLI, 'down', '-p', project], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
