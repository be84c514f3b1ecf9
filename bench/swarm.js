// backend: swarm on a single-node swarm: mcp-orchestrator against `docker stack deploy`, Swarm's
// own way to run a file, on the same servers. Each step is timed until the swarm has converged
// (every task of the new spec running), since `docker stack deploy` returns before that.
// Run alone: node bench/swarm.js [--quick] on a built tree; npm run bench runs it too.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { IMAGE, stats, timeCli, timeProcess, servers, tempDir, sleep } = require('./lib');

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function swarmActive() {
  return docker('info', '--format', '{{.Swarm.LocalNodeState}}') === 'active';
}

/** mcp-stack.yml with backend: swarm (idle servers: ready: running, as in the other benchmarks). */
function stackFile(project, list) {
  const body = list.map((s) => `  ${s.name}:\n    image: ${s.image}\n    command: ${JSON.stringify(s.command)}\n    ready: running\n    env: { VALUE: ${s.env.VALUE} }\n`);
  return `version: 1\nproject: ${project}\nbackend: swarm\nservers:\n${body.join('')}`;
}

/** The same servers for `docker stack deploy` (Compose file format 3: init, stdin_open, one overlay). */
function stackComposeFile(list) {
  const body = list.map((s) => `  ${s.name}:\n    image: ${s.image}\n    command: ${JSON.stringify(s.command)}\n    environment: { VALUE: ${s.env.VALUE} }\n    init: true\n    stdin_open: true\n`);
  return `version: "3.8"\nservices:\n${body.join('')}`;
}

/** Until every service of the stack/project runs its tasks of the current spec (or none are left, for `gone`). */
async function converged(filterLabel, n, gone = false) {
  const end = Date.now() + 300_000;
  for (;;) {
    const lines = docker('service', 'ls', '--filter', `label=${filterLabel}`, '--format', '{{.Replicas}}').split('\n').filter(Boolean);
    const tasks = docker('ps', '-q', '--filter', `label=${filterLabel.startsWith('com.docker.stack') ? filterLabel : `io.mcp-orchestrator.project=${filterLabel.split('=')[1]}`}`).split('\n').filter(Boolean);
    if (gone ? lines.length === 0 && tasks.length === 0 : lines.length === n && lines.every((r) => /^(\d+)\/\1$/.test(r)) && tasks.length === n) return;
    if (Date.now() > end) throw new Error(`swarm did not converge (${lines.join(', ')})`);
    await sleep(50);
  }
}

async function timed(step, fn) {
  const t0 = performance.now();
  await fn();
  return { step, ms: performance.now() - t0 };
}

async function run({ n = 20, rounds = 3, log = () => undefined } = {}) {
  const made = !swarmActive();
  if (made) docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
  const dir = tempDir('swarm');
  const samples = { orch: {}, stack: {} };
  const add = (who, { step, ms }) => (samples[who][step] ??= []).push(ms);
  try {
    for (let round = 1; round <= rounds; round++) {
      const project = `bench-swarm-${process.pid}-${round}`;
      const file = path.join(dir, 'mcp-stack.yml');
      const projectLabel = `io.mcp-orchestrator.project=${project}`;
      fs.writeFileSync(file, stackFile(project, servers(n, 'v1').map((s) => ({ ...s, image: IMAGE }))));
      add('orch', await timed('cold', async () => { await timeCli(['apply', '-f', file]); await converged(projectLabel, n); }));
      add('orch', await timed('noChange', async () => { await timeCli(['apply', '-f', file]); }));
      fs.writeFileSync(file, stackFile(project, servers(n, 'v1', { s000: 'v2' }).map((s) => ({ ...s, image: IMAGE }))));
      add('orch', await timed('change', async () => { await timeCli(['apply', '-f', file]); await converged(projectLabel, n); }));
      add('orch', await timed('down', async () => { await timeCli(['down', '-f', file]); await converged(projectLabel, n, true); }));
      log(`  mcp-orchestrator round ${round}: ${Object.entries(samples.orch).map(([k, v]) => `${k} ${Math.round(v[v.length - 1])} ms`).join(', ')}`);

      const stack = `benchstack${process.pid}r${round}`;
      const stackLabel = `com.docker.stack.namespace=${stack}`;
      const compose = path.join(dir, 'docker-compose.yml');
      fs.writeFileSync(compose, stackComposeFile(servers(n, 'v1')));
      const deploy = () => timeProcess('docker', ['stack', 'deploy', '-c', compose, stack]);
      add('stack', await timed('cold', async () => { await deploy(); await converged(stackLabel, n); }));
      add('stack', await timed('noChange', async () => { await deploy(); await converged(stackLabel, n); }));
      fs.writeFileSync(compose, stackComposeFile(servers(n, 'v1', { s000: 'v2' })));
      add('stack', await timed('change', async () => {
        await deploy();
        // Converged once the changed service runs its new task alone.
        const end = Date.now() + 120_000;
        while (!(docker('service', 'inspect', `${stack}_s000`, '--format', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}') === 'completed' && docker('ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_s000`).split('\n').filter(Boolean).length === 1)) {
          if (Date.now() > end) throw new Error('stack update did not complete');
          await sleep(50);
        }
      }));
      add('stack', await timed('down', async () => { await timeProcess('docker', ['stack', 'rm', stack]); await converged(stackLabel, n, true); }));
      log(`  docker stack deploy round ${round}: ${Object.entries(samples.stack).map(([k, v]) => `${k} ${Math.round(v[v.length - 1])} ms`).join(', ')}`);
      // Overlay networks of a removed stack go a moment later; the next round starts clean.
      await sleep(2000);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    // The projects' bridged images (stdio servers run bridged on Swarm), by their project label.
    for (const id of new Set(docker('images', '-q', '--filter', `label=io.mcp-orchestrator.project`, '--filter', `reference=bench-swarm-${process.pid}-*`).split('\n').filter(Boolean))) {
      try {
        docker('rmi', '-f', id);
      } catch {
        // Still used by a task going away: left for the engine's own prune.
      }
    }
    if (made) {
      docker('swarm', 'leave', '--force');
      // Made by swarm init, left behind by leave once its ingress endpoint is gone.
      for (let i = 0; i < 30; i++) {
        try {
          docker('network', 'rm', 'docker_gwbridge');
          break;
        } catch (err) {
          if (/no such network|not found/i.test(String(err.stderr ?? err.message))) break;
          await sleep(500);
        }
      }
    }
  }
  const out = { servers: n, rounds, swarm_made_for_the_run: made, contenders: {} };
  for (const [who, steps] of Object.entries(samples)) out.contenders[who === 'orch' ? 'mcp-orchestrator' : 'docker stack deploy'] = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, stats(v)]));
  return out;
}

module.exports = { run };

if (require.main === module) {
  run({ rounds: process.argv.includes('--quick') ? 1 : 3, log: (l) => process.stderr.write(`${l}\n`) }).then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`)).catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
}
