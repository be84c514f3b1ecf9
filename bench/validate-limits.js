// validate on the largest files it accepts, and on the expansion bombs it refuses: wall time and
// peak resident memory of the whole `mcp-orchestrator validate` process (its own maxRSS, read from
// a preload that reports it at exit). Issue: no input may exhaust memory, stack or time.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, stats } = require('./lib');

const CLI = path.join(ROOT, 'dist', 'cli', 'mcp-orchestrator.js');
const MiB = 1024 * 1024;

/** Files at the limits: 1 MiB of servers; aliases expanding to just under 4 MiB; one just over. */
function files(dir) {
  const servers = [];
  for (let i = 0; ; i++) {
    const entry = `  s${i}:\n    image: "registry.internal/team/server-${i}:1.2.3"\n    env: { LEVEL: info, NAME: "server ${i}" }\n`;
    if (servers.join('').length + entry.length > MiB - 64) break;
    servers.push(entry);
  }
  const big = 'x'.repeat(64 * 1024);
  const aliases = (n) => `version: 1\nx-a: &a "${big}\${HOME}"\nx-b: [${Array(n).fill('*a').join(',')}]\nservers: {}\n`;
  const out = {
    [`1 MiB stack file, ${servers.length} servers (accepted)`]: `version: 1\nproject: limits\nservers:\n${servers.join('')}`,
    'aliases expanding to 3.9 MiB (accepted)': aliases(62),
    'aliases expanding past 4 MiB (refused)': aliases(1000),
    '${...} nested 100,000 deep (refused)': `version: 1\nservers:\n  a:\n    image: "${'${U:-'.repeat(100_000)}x${'}'.repeat(100_000)}"\n`,
  };
  return Object.entries(out).map(([name, text]) => {
    const file = path.join(dir, `${Object.keys(out).indexOf(name)}.yml`);
    fs.writeFileSync(file, text);
    return { name, file, bytes: Buffer.byteLength(text) };
  });
}

function run({ rounds = 5 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bench-limits-'));
  const preload = path.join(dir, 'rss.js');
  fs.writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, `\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  try {
    return files(dir).map(({ name, file, bytes }) => {
      const times = [];
      const rss = [];
      let code;
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, ['--require', preload, CLI, 'validate', '-f', file], { encoding: 'utf8', env: { ...process.env, HOME: '/home/bench' } });
        times.push(performance.now() - t0);
        code = r.status;
        rss.push(Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
      }
      return { name, bytes, exit_code: code, time_ms: stats(times), peak_rss_mb: Math.round(Math.max(...rss)) };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };

if (require.main === module) {
  for (const r of run({ rounds: 3 })) console.log(`${r.name}: exit ${r.exit_code}, ${Math.round(r.time_ms.median)} ms (${Math.round(r.time_ms.min)}-${Math.round(r.time_ms.max)}), peak RSS ${r.peak_rss_mb} MB`);
}
