#!/usr/bin/env node
// npm run bench: runs every benchmark and writes bench/results/latest.json. Not part of npm test.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
  const results = [];
  results.push(await require('./no-change-apply').run(20, 10));
  results.push(await require('./hot-reload').run(10, 5));
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    results,
  };
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const r of results) {
    if (r.engine_calls) {
      console.log(`${r.scenario}: ${r.engine_call_total} engine calls (${Object.entries(r.engine_calls).map(([k, v]) => `${k} x${v}`).join(', ')}); whole process median ${r.process_ms.median} ms (min ${r.process_ms.min}, max ${r.process_ms.max}, n=${r.process_ms.n})`);
    } else {
      const l = r.write_to_running_ms;
      console.log(`${r.scenario}: write -> running median ${l.median} ms (min ${l.min}, max ${l.max}, n=${l.n}); engine create ${r.engine_create_ms} ms + start ${r.engine_start_ms} ms; outside create+start ${r.outside_create_start_ms} ms (${Math.round(r.outside_create_start_share * 100)}%, of which stop+remove+rename of the old container ${r.engine_stop_remove_rename_ms} ms)`);
    }
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
