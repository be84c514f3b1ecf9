import { desiredState, type DesiredContainer } from '../../core/desired-state';
import type { ObservedState } from '../../core/observed-state';
import { prerequisitesOf, subjectOf } from '../../core/plan';
import { computePlan } from '../../core/planner';
import { executePlan } from '../../apply/executor';
import type { Engine } from '../../docker/engine';
import { OrchestratorError } from '../../errors';
import { smokeTestHttp, smokeTestStdio, type SmokeResult } from '../../mcp/smoke-test';
import { imageRefs } from '../../runtime/reconciler';
import { withProbeOwners } from '../../runtime/probes';
import { engineFor, hostPathsFor, loadSpecOrThrow, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { table } from '../table';

export interface TestOptions extends CommonOptions {
  readonly json?: boolean;
  /** Seconds each server gets to answer. */
  readonly timeout: number;
}

export async function runTest(servers: readonly string[], opts: TestOptions, env: NodeJS.ProcessEnv, io: Output, version: string): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const engine = engineFor(opts, env);
  const desired = desiredState(spec, { hostPath: await hostPathsFor(engine, spec, opts) });
  const unknown = servers.filter((s) => !desired.containers.some((c) => c.server === s));
  if (unknown.length > 0) throw new OrchestratorError('USAGE', `not a server in ${opts.file}: ${unknown.join(', ')}`);
  const chosen = desired.containers.filter((c) => servers.length === 0 || servers.includes(c.server));
  // Before the first apply the project's networks, volumes and images may not exist yet: make
  // them as apply would (labelled, adopted by the next apply), never the servers' containers.
  const before = withProbeOwners(await engine.observe(desired.project, imageRefs(desired)));
  const needed = prerequisitesOf(computePlan(desired, before, { prune: false }), new Set(chosen.map((c) => c.server)));
  const failed = (await executePlan(needed, engine, { parallel: 2 })).find((r) => r.status !== 'done');
  if (failed) throw new OrchestratorError('ENGINE_ERROR', `cannot prepare the test: ${subjectOf(failed.action)}: ${failed.error ?? 'failed'}`);
  const observed = needed.actions.length > 0 ? await engine.observe(desired.project, imageRefs(desired)) : before;
  const timeoutMs = opts.timeout * 1000;
  const results: SmokeResult[] = [];
  // Two at a time: each stdio probe is a container start on a shared 2-core machine.
  for (let i = 0; i < chosen.length; i += 2) {
    results.push(...(await Promise.all(chosen.slice(i, i + 2).map((c) => testOne(engine, desired.project, c, observed, timeoutMs, version)))));
  }
  if (opts.json) {
    io.out(JSON.stringify({ project: desired.project, ok: results.every((r) => r.ok), servers: results }, null, 2));
  } else {
    io.out(
      table(
        ['SERVER', 'PROTOCOL', 'SERVER INFO', 'TOOLS', 'PROMPTS', 'RESOURCES', 'HANDSHAKE', 'RESULT'],
        results.map((r) => [
          r.server,
          r.protocolVersion ?? '-',
          r.serverName ? `${r.serverName} ${r.serverVersion ?? ''}`.trim() : '-',
          String(r.tools.length),
          String(r.prompts.length),
          String(r.resources.length),
          r.handshakeMs !== undefined ? `${r.handshakeMs}ms` : '-',
          r.ok ? 'ok' : `FAILED: ${r.error ?? ''}`,
        ]),
      ),
    );
    for (const r of results.filter((x) => x.ok && x.tools.length > 0)) io.out(`${r.server} tools: ${r.tools.join(', ')}`);
  }
  return results.every((r) => r.ok) ? ExitCode.OK : ExitCode.FAILED;
}

async function testOne(engine: Engine, project: string, c: DesiredContainer, observed: ObservedState, timeoutMs: number, version: string): Promise<SmokeResult> {
  if (observed.images[c.spec.image] === undefined) {
    return { server: c.server, transport: c.transport.type, ok: false, tools: [], prompts: [], resources: [], error: `image ${c.spec.image} is not present: run apply first` };
  }
  if (c.transport.type === 'stdio') return smokeTestStdio(engine, project, c, timeoutMs, version);
  const live = observed.containers.find((o) => o.name === c.name && o.state === 'running');
  if (!live) return { server: c.server, transport: 'http', ok: false, tools: [], prompts: [], resources: [], error: 'not running: run apply first' };
  return smokeTestHttp(c.server, await httpEndpoint(engine, c, live.id), timeoutMs, version);
}

/** The published host port when there is one, else the container's address on its first network. */
async function httpEndpoint(engine: Engine, c: DesiredContainer, id: string): Promise<URL> {
  if (c.transport.type !== 'http') throw new OrchestratorError('USAGE', `server ${c.server} does not speak http`);
  const { port, path } = c.transport;
  const published = c.spec.portBindings.find((b) => b.containerPort === `${port}/tcp` && b.hostPort);
  if (published?.hostPort) {
    const host = published.hostIp && published.hostIp !== '0.0.0.0' ? published.hostIp : '127.0.0.1';
    return new URL(`http://${host}:${published.hostPort}${path}`);
  }
  const status = await engine.inspectContainer(id);
  const address = Object.values(status.addresses).find((a) => a !== '');
  return new URL(`http://${address ?? '127.0.0.1'}:${port}${path}`);
}
