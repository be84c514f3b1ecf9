#!/usr/bin/env node
// No-change apply of a 20-server stack: engine calls per run (counted at the socket) and the
// whole-process time. Usage: node bench/no-change-apply.js [servers=20] [runs=10]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { countingProxy, timeCli, stats, ensureBuilt, stackOf } = require('./lib');

async function run(n = 20, runs = 10) {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-'));
  const file = path.join(dir, 'mcp-stack.yml');
  const project = `bench-nochange-${process.pid}`;
  fs.writeFileSync(file, stackOf(project, n, 'mcp-orchestrator-test/node:local'));
  const proxy = await countingProxy();
  try {
    await timeCli(['apply', '-f', file]);
    const times = [];
    let calls;
    for (let i = 0; i < runs; i++) {
      proxy.reset();
      const r = await timeCli(['--host', proxy.host, 'apply', '-f', file]);
      if (!r.stdout.startsWith('No changes')) throw new Error(`expected no changes, got: ${r.stdout}`);
      times.push(r.ms);
      calls = proxy.snapshot();
    }
    return { scenario: `no-change apply, ${n} servers`, servers: n, engine_calls: calls, engine_call_total: Object.values(calls).reduce((a, b) => a + b, 0), process_ms: stats(times) };
  } finally {
    await timeCli(['down', '-f', file]);
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };

if (require.main === module) {
  run(Number(process.argv[2] || 20), Number(process.argv[3] || 10)).then((r) => console.log(JSON.stringify(r, null, 2)), (e) => { console.error(e.message); process.exit(1); });
}
