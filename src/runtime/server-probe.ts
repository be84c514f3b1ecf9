import { executePlan } from '../apply/executor';
import type { DesiredContainer, DesiredState } from '../core/desired-state';
import type { ObservedState } from '../core/observed-state';
import { prerequisitesOf, subjectOf } from '../core/plan';
import { computePlan } from '../core/planner';
import type { Engine } from '../docker/engine';
import { OrchestratorError } from '../errors';
import { smokeTestHttp, smokeTestStdio, type SmokeResult } from '../mcp/smoke-test';
import { withProbeOwners } from '../mcp/probes';
import { imageRefs } from './reconciler';

/**
 * Speaks MCP to each chosen server as `test` and `lock` do: a stdio server in a throwaway container
 * of exactly its spec (the live container's session is left alone), an http server at its live
 * endpoint. Before the first apply the project's networks, volumes and images may not exist yet:
 * they are made as apply would (labelled, adopted by the next apply), never the servers' containers.
 */
export async function probeServers(engine: Engine, desired: DesiredState, chosen: readonly DesiredContainer[], timeoutMs: number, version: string): Promise<SmokeResult[]> {
  const before = withProbeOwners(await engine.observe(desired.project, imageRefs(desired)));
  const needed = prerequisitesOf(computePlan(desired, before, { prune: false }), new Set(chosen.map((c) => c.server)));
  const failed = (await executePlan(needed, engine, { parallel: 2 })).find((r) => r.status !== 'done');
  if (failed) throw new OrchestratorError('ENGINE_ERROR', `cannot prepare the probes: ${subjectOf(failed.action)}: ${failed.error ?? 'failed'}`);
  const observed = needed.actions.length > 0 ? await engine.observe(desired.project, imageRefs(desired)) : before;
  const results: SmokeResult[] = [];
  // Two at a time: each stdio probe is a container start on a shared 2-core machine.
  for (let i = 0; i < chosen.length; i += 2) {
    results.push(...(await Promise.all(chosen.slice(i, i + 2).map((c) => probeOne(engine, desired.project, c, observed, timeoutMs, version)))));
  }
  return results;
}

async function probeOne(engine: Engine, project: string, c: DesiredContainer, observed: ObservedState, timeoutMs: number, version: string): Promise<SmokeResult> {
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
  const address = status.hostAddress ?? Object.values(status.addresses).find((a) => a !== '');
  return new URL(`http://${address ?? '127.0.0.1'}:${port}${path}`);
}
