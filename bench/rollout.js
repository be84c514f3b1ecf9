// Downtime of a recreate under `serve`: one client calls a tool through the gateway in a loop
// (each call as soon as the previous one answered) while an edit of the stack file recreates the
// server; the downtime is the time from the first call that failed to the next one that
// succeeded (zero when none failed). Once per rollout order: stop-first (one instance at a time)
// and start-first (the replacement gets ready while the old one serves).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { ROOT, CLI, sleep, stats, eventually, freePort } = require('./lib');

const SERVERS_IMAGE = 'mcp-orchestrator-test/mcp-servers:local';



const stack = (project, order, tag) =>
  `version: 1\nproject: ${project}\nservers:\n  everything:\n    image: ${SERVERS_IMAGE}\n    command: [mcp-server-everything]\n    rollout: ${order}\n    env: { TAG: "${tag}" }\n`;

async function run({ log = () => undefined, rounds = 5 } = {}) {
  const { Client, StreamableHTTPClientTransport } = require(path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'client'));
  const results = {};
  for (const order of ['stop-first', 'start-first']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-rollout-'));
    const project = `bench-ro-${process.pid}-${order === 'stop-first' ? 's' : 'f'}`;
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack(project, order, 'r0'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const serve = spawn(process.execPath, [CLI, 'serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn', '--debounce', '50'], { stdio: 'ignore', env: { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') } });
    const downtimes = [];
    const failedCalls = [];
    try {
      await eventually(async () => (await fetch(`${base}/healthz`).then((r) => r.json()).catch(() => undefined))?.servers?.everything?.state === 'up', 90_000);
      const client = new Client({ name: 'bench-rollout', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/servers/everything/mcp`)));
      for (let round = 1; round <= rounds; round++) {
        log(`rollout bench: ${order}, round ${round}`);
        const before = execFileSync('docker', ['inspect', '-f', '{{.Id}}', `${project}-everything`], { encoding: 'utf8' }).trim();
        let firstFailure;
        let downtime = 0;
        let failures = 0;
        let stop = false;
        const caller = (async () => {
          while (!stop) {
            const at = performance.now();
            try {
              await client.callTool({ name: 'echo', arguments: { message: 'x' } }, undefined, { timeout: 5000 });
              if (firstFailure !== undefined) {
                downtime += performance.now() - firstFailure;
                firstFailure = undefined;
              }
            } catch {
              failures++;
              firstFailure ??= at;
              await sleep(5);
            }
          }
        })();
        await sleep(300);
        fs.writeFileSync(file, stack(project, order, `r${round}`));
        await eventually(() => {
          try {
            return execFileSync('docker', ['inspect', '-f', '{{.Id}}', `${project}-everything`], { encoding: 'utf8' }).trim() !== before;
          } catch {
            return false;
          }
        }, 90_000);
        // Calls go on until one has succeeded on the new container, plus a little.
        await eventually(() => firstFailure === undefined, 60_000);
        await sleep(500);
        stop = true;
        await caller;
        downtimes.push(Math.round(downtime));
        failedCalls.push(failures);
      }
      await client.close();
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
      execFileSync(process.execPath, [CLI, 'down', '-p', project], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    results[order] = { downtime_ms: stats(downtimes), failed_calls: failedCalls };
  }
  return results;
}

module.exports = { run };

if (require.main === module) {
  run({ log: (l) => process.stderr.write(`${l}\n`), rounds: Number(process.argv[2] ?? 5) }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
