// The three ways to run a stack that the lifecycle benchmark compares, behind one shape:
// cold (from nothing to all running), noChange, change (one server's env), down.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { countingProxy, timeCli, timeProcess, timeFn, stackFile, composeFile, tempDir } = require('./lib');
const floor = require('./engine-floor');

/** The parallelism mcp-orchestrator uses by default (apply/down --parallel). */
const ORCHESTRATOR_PARALLEL = 4;

function expectOutput(result, pattern, what) {
  const text = `${result.stdout}\n${result.stderr}`;
  if (!pattern.test(text)) throw new Error(`${what}: unexpected output:\n${text}`);
  return result;
}

function orchestrator(project) {
  const dir = tempDir('orch');
  const file = path.join(dir, 'mcp-stack.yml');
  const env = { MCP_ORCHESTRATOR_LOCK_DIR: path.join(dir, 'locks') };
  const apply = async (list, expected, what) => {
    fs.writeFileSync(file, stackFile(project, list));
    return expectOutput(await timeCli(['apply', '-f', file], env), expected, what);
  };
  return {
    name: 'mcp-orchestrator',
    project,
    labelKey: floor.PROJECT_LABEL,
    steadyState: true,
    cold: (list) => apply(list, /^Applied: /m, 'cold apply'),
    noChange: (list) => apply(list, /^No changes: /, 'no-change apply'),
    change: (list) => apply(list, /recreate server s000 [^\n]*\nApplied: [^\n]*, 1 action done/, 'one-server change'),
    down: async () => expectOutput(await timeCli(['down', '-f', file], env), /^Removed: /m, 'down'),
    /** The engine calls of one no-change apply, counted at a proxy on the socket (untimed). */
    countCalls: async (list) => {
      const proxy = await countingProxy();
      try {
        fs.writeFileSync(file, stackFile(project, list));
        expectOutput(await timeCli(['--host', proxy.host, 'apply', '-f', file], env), /^No changes: /, 'no-change apply');
        return proxy.snapshot();
      } finally {
        await proxy.close();
      }
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function compose(project) {
  const dir = tempDir('compose');
  const file = path.join(dir, 'docker-compose.yml');
  const run = async (args, list, expected, what) => {
    if (list) fs.writeFileSync(file, composeFile(list));
    return expectOutput(await timeProcess('docker-compose', ['-p', project, '-f', file, ...args], { cwd: dir }), expected, what);
  };
  return {
    name: 'docker-compose',
    project,
    labelKey: floor.COMPOSE_PROJECT_LABEL,
    steadyState: true,
    cold: (list) => run(['up', '-d'], list, /Creating [^\n]*done/, 'cold up'),
    noChange: (list) => run(['up', '-d'], list, /is up-to-date/, 'no-change up'),
    change: (list) => run(['up', '-d'], list, /Recreating [^\n]*s000/, 'one-server change'),
    down: () => run(['down'], undefined, /Removing network/, 'down'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The engine floor, in process: no start-up, no file, no planning. */
function engineFloor(project, parallel) {
  return {
    name: parallel === 1 ? 'engine floor, sequential' : `engine floor, ${parallel} at once`,
    project,
    labelKey: floor.PROJECT_LABEL,
    // Sequential, only cold and down differ: its no-change and change are the parallel floor's.
    steadyState: parallel !== 1,
    cold: (list) => timeFn(() => floor.up(project, list, parallel)),
    // What a tool must at least ask to know that nothing changed: one filtered list.
    noChange: () => timeFn(() => floor.listProject(project)),
    // The engine's own recreate: stop, remove, create, start.
    change: (list) => timeFn(() => floor.recreate(project, list[0])),
    down: () => timeFn(() => floor.down(project, parallel)),
    dispose: () => {},
  };
}

module.exports = { orchestrator, compose, engineFloor, ORCHESTRATOR_PARALLEL };
