import { httpEndpointOf } from '../recipes/bridged-image';
import type { DesiredContainer, DesiredState } from '../core/desired-state';
import type { ContainerStatus, Engine } from '../docker/engine';
import { errorMessage } from '../errors';
import { readinessCheck } from './readiness';

export interface WaitResult {
  readonly server: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface WaitOptions {
  /** A container counts as up once it has run this long without exiting or restarting. */
  readonly settleMs: number;
  readonly timeoutMs: number;
  readonly clientVersion: string;
  /**
   * Servers this apply started: a stdio one among them is asked initialize on its stdio. The
   * others may have a client attached already (serve), which a second one would talk over.
   */
  readonly started: ReadonlySet<string>;
}

/**
 * A container the engine has restarted is watched this long at least before it counts as up: a
 * server in a crash loop (one that exits after a few seconds, every time) restarts within it.
 */
const RESTARTED_SETTLE_MS = 10_000;

/**
 * apply --wait: each server is up: its container runs and has neither exited nor been restarted
 * while it was watched (longer when the engine has restarted it before), and an MCP server
 * answers initialize and tools/list (an http one at its endpoint, a stdio one this apply started
 * on its stdio). A server that does not get there by the deadline is named with why.
 */
export async function waitForServers(engine: Engine, desired: DesiredState, options: WaitOptions): Promise<WaitResult[]> {
  const deadline = Date.now() + options.timeoutMs;
  const observed = await engine.observe(desired.project, []);
  const check = readinessCheck(engine, options.clientVersion, 'the container');
  return Promise.all(
    desired.containers.map(async (c): Promise<WaitResult> => {
      const live = observed.containers.find((o) => o.name === c.name);
      if (!live) return { server: c.server, ok: false, detail: 'no container' };
      const asked = askable(c, options.started);
      let why = 'not up';
      try {
        for (;;) {
          const first = await engine.inspectContainer(live.id);
          if (first.running && !first.restarting) {
            const answer = asked ? await check({ server: c.server, containerId: live.id, container: withTimeout(c, deadline) }) : { ok: true as const };
            if (answer.ok) {
              const settle = first.restartCount > 0 ? Math.max(options.settleMs, RESTARTED_SETTLE_MS) : options.settleMs;
              await sleep(Math.min(settle, Math.max(0, deadline - Date.now())));
              const now = await engine.inspectContainer(live.id);
              if (now.running && !now.restarting && now.startedAt === first.startedAt && now.restartCount === first.restartCount) {
                return { server: c.server, ok: true, detail: asked ? 'answers initialize and tools/list' : 'running' };
              }
              why = notRunning(now);
            } else {
              why = answer.reason;
            }
          } else {
            why = notRunning(first);
            // Nothing will start it again.
            if (!first.running && !first.restarting && c.spec.restart === 'no') return { server: c.server, ok: false, detail: why };
          }
          if (Date.now() >= deadline) {
            const last = await engine.inspectContainer(live.id);
            return { server: c.server, ok: false, detail: last.restartCount > 0 ? `${why}; restarting (${last.restartCount})` : why };
          }
          await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
        }
      } catch (err) {
        return { server: c.server, ok: false, detail: errorMessage(err) };
      }
    }),
  );
}

function askable(c: DesiredContainer, started: ReadonlySet<string>): boolean {
  if (c.rollout.ready.check !== 'mcp') return false;
  return httpEndpointOf(c.transport, c.spec.bridge !== undefined) !== undefined || started.has(c.server);
}

/** The container with a ready timeout that ends at the wait's deadline. */
function withTimeout(c: DesiredContainer, deadline: number): DesiredContainer {
  const timeoutSeconds = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
  return { ...c, rollout: { ...c.rollout, ready: { ...c.rollout.ready, timeoutSeconds } } };
}

function notRunning(s: ContainerStatus): string {
  if (s.restarting) return `exited with code ${s.exitCode}, restarting`;
  if (!s.running) return `exited with code ${s.exitCode}`;
  return `exited with code ${s.exitCode} and was restarted`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
