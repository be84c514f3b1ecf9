import type { ReadyCheck } from '../apply/executor';
import { httpEndpointOf } from '../recipes/bridged-image';
import { Label } from '../core/labels';
import { bridgeHeaders } from './bridge/bridge-auth';
import type { Engine } from '../docker/engine';
import { errorMessage } from '../errors';
import type { SmokeResult } from '../mcp/smoke-test';

/** The MCP SDK is loaded only when a replacement is checked: a plain apply has no use for it. */
function mcp(): typeof import('../mcp/smoke-test') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../mcp/smoke-test') as typeof import('../mcp/smoke-test');
}

/** `ready: running` holds once the container has run this long without exiting or restarting. */
const SETTLE_MS = 2000;

/**
 * Whether a replacement container is ready, as its server's `ready:` says: `mcp` (it answers
 * initialize and tools/list, on its stdio or at its http endpoint) or `running`. Fails at once
 * when the container exits, and when the time is up. `serve` hands in the gateway's own check,
 * made on the session it then uses; this one is for apply and watch.
 */
export function readinessCheck(engine: Engine, clientVersion: string, noun = 'the replacement'): ReadyCheck {
  return async ({ server, containerId, container }) => {
    const { check, timeoutSeconds } = container.rollout.ready;
    const deadline = Date.now() + timeoutSeconds * 1000;
    const first = await engine.inspectContainer(containerId);
    /** Why the replacement is no longer the one that started: it exited, or the engine restarted it after an exit. */
    const exited = async (): Promise<string | undefined> => {
      const now = await engine.inspectContainer(containerId);
      if (!now.running || now.restarting) return `${noun} exited with code ${now.exitCode}`;
      if (now.restartCount !== first.restartCount || now.startedAt !== first.startedAt) return `${noun} exited with code ${now.exitCode} and was restarted`;
      return undefined;
    };
    if (!first.running || first.restarting) return { ok: false, reason: `${noun} exited with code ${first.exitCode}` };
    if (check === 'running') {
      await sleep(Math.min(SETTLE_MS, Math.max(0, deadline - Date.now())));
      const died = await exited();
      return died === undefined ? { ok: true } : { ok: false, reason: died };
    }
    const endpoint = httpEndpointOf(container.transport, container.spec.bridge !== undefined);
    if (endpoint !== undefined) {
      const address = first.hostAddress ?? Object.values(first.addresses).find((a) => a !== '') ?? '127.0.0.1';
      const url = new URL(`http://${address}:${endpoint.port}${endpoint.path}`);
      const headers = await bridgeHeaders(engine, container.spec.labels[Label.project] ?? '', container.transport);
      let last = 'no answer';
      while (Date.now() < deadline) {
        const died = await exited();
        if (died !== undefined) return { ok: false, reason: died };
        const r = await mcp().smokeTestHttp(server, url, Math.max(1000, Math.min(5000, deadline - Date.now())), clientVersion, headers);
        if (r.ok) return { ok: true, ...(r.toolLocks && { tools: r.toolLocks }) };
        last = r.error ?? last;
        await sleep(250);
      }
      return { ok: false, reason: `not ready within ${timeoutSeconds}s: ${last}` };
    }
    const attached = await engine.attachStdio(containerId).catch(async (err: unknown) => {
      throw new Error((await exited().catch(() => undefined)) ?? errorMessage(err));
    });
    try {
      const remaining = Math.max(1000, deadline - Date.now());
      const answer = mcp().smokeTestAttached(server, attached, remaining, clientVersion);
      // An exit ends the wait at once rather than at the deadline.
      let settled = false;
      void answer.finally(() => (settled = true));
      const watch = (async (): Promise<{ ok: boolean; error?: string } | undefined> => {
        while (!settled && Date.now() < deadline) {
          await sleep(250);
          const died = await exited().catch(() => undefined);
          if (died !== undefined) return { ok: false, error: died };
        }
        return undefined;
      })();
      const r: { ok: boolean; error?: string; toolLocks?: SmokeResult['toolLocks'] } = await Promise.race<{ ok: boolean; error?: string }>([answer, watch.then((w) => w ?? answer)]);
      if (r.ok) return { ok: true, ...(r.toolLocks && { tools: r.toolLocks }) };
      // A server that exits closes its connection a moment before the engine reports the exit.
      let died: string | undefined;
      for (let i = 0; i < 10 && died === undefined; i++) {
        died = await exited().catch(() => undefined);
        if (died === undefined) await sleep(100);
      }
      return { ok: false, reason: died ?? `not ready within ${timeoutSeconds}s: ${r.error ?? 'no answer to initialize'}` };
    } catch (err) {
      return { ok: false, reason: errorMessage(err) };
    } finally {
      attached.detach();
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
