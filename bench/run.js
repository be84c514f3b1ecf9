#!/usr/bin/env node
// npm run bench: runs every benchmark and writes bench/results/latest.json. Not part of npm test.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
  const results = [];
  results.push(await require('./no-change-apply').run(20, 10));
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    results,
  };
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const r of results) {
    console.log(`${r.scenario}: ${r.engine_call_total} engine calls (${Object.entries(r.engine_calls).map(([k, v]) => `${k} x${v}`).join(', ')}); whole process median ${r.process_ms.median} ms (min ${r.process_ms.min}, max ${r.process_ms.max}, n=${r.process_ms.n})`);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
