#!/usr/bin/env node
// npm test runs on Node 22 or later, the project's floor: never silently on an older one.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `npm test needs Node 22 or later; this is ${process.version}. ` +
      'Run it as `PATH="$(scripts/node-floor.sh):$PATH" npm test` (what .ci/run does), or install Node 22.\n',
  );
  process.exit(1);
}
