// What who-is-calling costs per call: the same gateway (`serve --no-apply`) in front of the same
// HTTP MCP server (the gateway fixture's echo, a process on loopback), once with no
// authentication, once with gateway.auth (a JWT from a local issuer, validated by its key set on
// every request) and gateway.rules (two rules, the caller's group matched on every call and list),
// plus the audit trail to a file. p50/p99 per call at 1 and 50 concurrent sessions (SDK v2
// clients, 2026-07-28), in one run. Target: under 0.2 ms added at p50.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, CLI, eventually, freePort } = require('./lib');

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'gateway-server', 'server.mjs');
const sdk = () => require(path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'client'));
const jose = () => require(path.join(ROOT, 'node_modules', 'jose'));

/** A local issuer: discovery and its key set, and tokens signed with its key. */
async function issuer() {
  const { generateKeyPair, exportJWK, SignJWT } = jose();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  let url = '';
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [jwk] }));
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}`;
  const sign = (claims) => new SignJWT({ iss: url, exp: Math.floor(Date.now() / 1000) + 3600, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'bench' }).sign(privateKey);
  return { url, sign, close: () => new Promise((r) => server.close(r)) };
}

async function measure(clients, calls) {
  const times = [];
  await Promise.all(
    clients.map(async (c, i) => {
      for (let j = 0; j < calls; j++) {
        const started = performance.now();
        const r = await c.callTool({ name: 'backend__echo', arguments: { message: `s${i} c${j}` } });
        times.push(performance.now() - started);
        if (!JSON.stringify(r.content).includes(`s${i} c${j}`)) throw new Error('a wrong answer');
      }
    }),
  );
  const sorted = times.sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { calls: times.length, p50_ms: Math.round(pct(50) * 1000) / 1000, p99_ms: Math.round(pct(99) * 1000) / 1000 };
}

async function gateway(dir, name, backendUrl, section) {
  const port = await freePort();
  const file = path.join(dir, `${name}.yml`);
  fs.writeFileSync(file, ['version: 1', `project: bench-auth-${name}`, 'allow: [private_urls]', 'servers:', '  backend:', `    url: ${backendUrl}`, 'gateway:', `  listen: 127.0.0.1:${port}`, ...section(`http://127.0.0.1:${port}/mcp`), ''].join('\n'));
  const serve = spawn(process.execPath, [CLI, 'serve', '-f', file, '--no-apply', '--log-level', 'warn'], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
  const base = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200, 60_000);
  return { url: `${base}/mcp`, stop: () => new Promise((r) => { serve.once('exit', r); serve.kill('SIGTERM'); }) };
}

async function run({ log = () => undefined, quick = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-auth-'));
  const backendPort = await freePort();
  const backend = spawn(process.execPath, [FIXTURE, '--http', String(backendPort)], { stdio: 'ignore' });
  const iss = await issuer();
  const rows = [];
  try {
    const backendUrl = `http://127.0.0.1:${backendPort}/mcp`;
    await eventually(async () => (await fetch(backendUrl).catch(() => undefined)) !== undefined, 20_000);
    const configs = [
      { name: 'off', section: () => [], token: async () => undefined },
      {
        name: 'on',
        section: (audience) => [
          '  auth:',
          `    issuer: ${iss.url}`,
          `    audience: ${audience}`,
          '    scopes: [mcp]',
          '  rules:',
          '    - { name: ops, when: { groups: [ops] }, allow: { servers: [elsewhere-*] } }',
          '    - { name: engineering, when: { groups: [eng] }, allow: { tools: ["backend__*"] } }',
          `  audit: { file: ${path.join(dir, 'audit.jsonl')} }`,
        ],
        token: (audience) => iss.sign({ sub: 'bench', aud: audience, scope: 'mcp', groups: ['eng'] }),
      },
    ];
    for (const config of configs) {
      const gw = await gateway(dir, config.name, backendUrl, config.section);
      try {
        const token = await config.token(gw.url);
        const { Client, StreamableHTTPClientTransport } = sdk();
        for (const [sessions, calls] of quick ? [[1, 200], [50, 10]] : [[1, 1000], [50, 40]]) {
          log(`gateway auth bench: ${config.name}, ${sessions} sessions`);
          const clients = await Promise.all(
            Array.from({ length: sessions }, async () => {
              const c = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
              await c.connect(new StreamableHTTPClientTransport(new URL(gw.url), { requestInit: { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } } }));
              return c;
            }),
          );
          await measure(clients.slice(0, 5), 20); // warm-up
          rows.push({ auth: config.name, sessions, ...(await measure(clients, calls)) });
          await Promise.all(clients.map((c) => c.close()));
        }
      } finally {
        await gw.stop();
      }
    }
  } finally {
    backend.kill();
    await iss.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const added = (sessions) => {
    const off = rows.find((r) => r.auth === 'off' && r.sessions === sessions);
    const on = rows.find((r) => r.auth === 'on' && r.sessions === sessions);
    return Math.round((on.p50_ms - off.p50_ms) * 1000) / 1000;
  };
  return { rows, added_p50_ms: { 1: added(1), 50: added(50) } };
}

module.exports = { run };

if (require.main === module) {
  run({ log: (l) => process.stderr.write(`${l}\n`), quick: process.argv.includes('--quick') }).then((r) => {
    for (const row of r.rows) console.log(`auth ${row.auth.padEnd(3)} ${String(row.sessions).padStart(2)} sessions: p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms, ${row.calls} calls`);
    console.log(`added at p50: ${r.added_p50_ms[1]} ms (1 session), ${r.added_p50_ms[50]} ms (50 sessions); target under 0.2 ms`);
  });
}
