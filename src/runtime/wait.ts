import type { DesiredState } from '../core/desired-state';
import type { Engine } from '../docker/engine';
import { errorMessage } from '../errors';
import { smokeTestHttp } from '../mcp/smoke-test';

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
}

/**
 * apply --wait: each server's container is running and has not exited or restarted within the
 * settle window, and an http server answers initialize at its endpoint; failing servers are named.
 */
export async function waitForServers(engine: Engine, desired: DesiredState, options: WaitOptions): Promise<WaitResult[]> {
  const deadline = Date.now() + options.timeoutMs;
  const observed = await engine.observe(desired.project, []);
  return Promise.all(
    desired.containers.map(async (c): Promise<WaitResult> => {
      const live = observed.containers.find((o) => o.name === c.name);
      if (!live) return { server: c.server, ok: false, detail: 'no container' };
      try {
        let first = await engine.inspectContainer(live.id);
        for (;;) {
          if (!first.running) return { server: c.server, ok: false, detail: `exited with code ${first.exitCode}` };
          await sleep(Math.min(options.settleMs, Math.max(0, deadline - Date.now())));
          const now = await engine.inspectContainer(live.id);
          if (now.running && now.startedAt === first.startedAt && now.restartCount === first.restartCount) break;
          if (Date.now() >= deadline) return { server: c.server, ok: false, detail: now.running ? `restarted ${now.restartCount} times` : `exited with code ${now.exitCode}` };
          first = now;
        }
        if (c.transport.type !== 'http') return { server: c.server, ok: true, detail: 'running' };
        const { port, path } = c.transport;
        const published = c.spec.portBindings.find((b) => b.containerPort === `${port}/tcp` && b.hostPort);
        const status = await engine.inspectContainer(live.id);
        const host = published?.hostPort ? '127.0.0.1' : (status.hostAddress ?? Object.values(status.addresses).find((a) => a !== '') ?? '127.0.0.1');
        const url = new URL(`http://${host}:${published?.hostPort ?? port}${path}`);
        for (;;) {
          const remaining = deadline - Date.now();
          const r = await smokeTestHttp(c.server, url, Math.max(1000, Math.min(5000, remaining)), options.clientVersion);
          if (r.ok) return { server: c.server, ok: true, detail: `answers initialize at ${url.href}` };
          if (Date.now() >= deadline) return { server: c.server, ok: false, detail: r.error ?? 'no answer' };
          await sleep(250);
        }
      } catch (err) {
        return { server: c.server, ok: false, detail: errorMessage(err) };
      }
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
