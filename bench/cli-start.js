// The CLI's own start: `mcp-orchestrator --version` against `node -e 0` (the runtime's start, the
// floor any node CLI pays), run interleaved so drift of the shared machine hits both alike.
'use strict';
const { CLI, timeProcess, stats } = require('./lib');

async function run({ rounds = 15 } = {}) {
  const node = [];
  const version = [];
  for (let i = 0; i < rounds + 2; i++) {
    const a = await timeProcess(process.execPath, ['-e', '0']);
    // timeProcess rejects on a failed exit: a broken --version fails the run.
    const b = await timeProcess(process.execPath, [CLI, '--version']);
    // The first two rounds warm the file cache and the CLI's compile cache.
    if (i < 2) continue;
    node.push(a.ms);
    version.push(b.ms);
  }
  return { node_ms: stats(node), version_ms: stats(version) };
}

module.exports = { run };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r)));
