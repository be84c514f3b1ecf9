// Sessions per client (gateway.servers.<s>.sessions: per_client): what a client's own session
// costs. One serve in front of the tests' stdio fixture server three times over: shared (the
// default), per_client cold (a container made on the client's first call), per_client with a warm
// pool of 3. For each: a new 2025-era client (SDK v1) from connect to the answer of its first call
// (its session ended after, so the next is new; each round begins with the pool full and the engine
// quiet), then the memory a session's container uses
// (docker stats) and what the gateway's own RSS grows by per open session.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { ROOT, CLI, eventually, freePort, rssMb, stats } = require('./lib');

const SERVERS_IMAGE = 'mcp-orchestrator-test/mcp-servers:local';
const v1 = (sub) => require(path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'cjs', ...sub.split('/')));

function sessionContainers(project) {
  const out = execFileSync('docker', ['ps', '-q', '--filter', `label=io.mcp-orchestrator.project=${project}`, '--filter', 'label=io.mcp-orchestrator.session'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

async function run({ log = () => undefined, quick = false } = {}) {
  execFileSync(path.join(ROOT, 'test', 'images', 'build.sh'), ['servers'], { stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-sessions-'));
  const project = `bench-sessions-${process.pid}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/mcp`;
  const server = (name) => [`  ${name}:`, `    image: ${SERVERS_IMAGE}`, '    command: [gateway-fixture]'];
  const file = path.join(dir, 'mcp-stack.yml');
  fs.writeFileSync(
    file,
    [
      'version: 1',
      `project: ${project}`,
      'servers:',
      ...server('shared'),
      ...server('cold'),
      ...server('warm'),
      'gateway:',
      `  listen: 127.0.0.1:${port}`,
      '  servers:',
      '    cold: { sessions: per_client, max_sessions: 50 }',
      '    warm: { sessions: per_client, warm: 3, max_sessions: 50 }',
      '',
    ].join('\n'),
  );
  const serve = spawn(process.execPath, [CLI, 'serve', '-f', file, '--log-level', 'warn'], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
  const { Client } = v1('client/index.js');
  const { StreamableHTTPClientTransport } = v1('client/streamableHttp.js');
  const rounds = quick ? 3 : 10;
  const result = {};
  try {
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200, 120_000);
    await eventually(async () => sessionContainers(project).length >= 3, 60_000);
    const firstCall = async (s) => {
      const started = performance.now();
      const client = new Client({ name: 'bench', version: '1' });
      const transport = new StreamableHTTPClientTransport(new URL(base));
      await client.connect(transport);
      const r = await client.callTool({ name: `${s}__echo`, arguments: { message: 'first' } });
      const ms = performance.now() - started;
      if (!JSON.stringify(r.content).includes('first')) throw new Error('a wrong answer');
      await transport.terminateSession();
      await client.close();
      return ms;
    };
    for (const s of ['shared', 'cold', 'warm']) {
      log(`client sessions bench: first call, ${s}`);
      await firstCall(s); // warm-up: the image's pages in memory, the client's code loaded
      const times = [];
      for (let i = 0; i < rounds; i++) {
        // Each round meets a full pool (warm), and no container of the last client (cold).
        if (s !== 'shared') {
          await eventually(async () => sessionContainers(project).length === 3, 60_000);
          await new Promise((r) => setTimeout(r, 1000)); // the engine quiet: the last client's container removed, the pool's started
        }
        times.push(await firstCall(s));
      }
      result[`first_call_${s}_ms`] = stats(times);
    }
    log('client sessions bench: memory of 10 open sessions');
    await eventually(async () => sessionContainers(project).length === 3, 60_000);
    const before = rssMb(serve.pid);
    const clients = [];
    for (let i = 0; i < 10; i++) {
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(base)));
      await client.callTool({ name: 'cold__echo', arguments: { message: 'm' } });
      clients.push(client);
    }
    const ids = sessionContainers(project);
    const usage = execFileSync('docker', ['stats', '--no-stream', '--format', '{{.MemUsage}}', ...ids], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [value, unit] = /^([\d.]+)\s*([KMG]i?B)/.exec(l)?.slice(1) ?? ['0', 'MiB'];
        return Number(value) * ({ KiB: 1 / 1024, MiB: 1, GiB: 1024, kB: 1 / 1000, MB: 1, GB: 1000 }[unit] ?? 1);
      });
    result.container_mb_per_session = Math.round((usage.reduce((a, b) => a + b, 0) / usage.length) * 10) / 10;
    result.gateway_rss_mb_per_session = Math.round(((rssMb(serve.pid) - before) / 10) * 10) / 10;
    await Promise.all(clients.map((c) => c.close()));
  } finally {
    await new Promise((r) => {
      serve.once('exit', r);
      serve.kill('SIGTERM');
    });
    execFileSync(process.execPath, [CLI, 'down', '-f', file], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

module.exports = { run };

if (require.main === module) {
  run({ log: (l) => process.stderr.write(`${l}\n`), quick: process.argv.includes('--quick') }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
