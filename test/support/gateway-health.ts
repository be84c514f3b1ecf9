import { waitFor } from './cli-process';

/** Resolves once the gateway (or bridge) at `base` reports `server` up on /healthz; `headers` carry a bearer token where one is needed. */
export function untilServing(base: string, server: string, timeoutMs = 90_000, headers: Record<string, string> = {}): Promise<true> {
  return waitFor(
    `${server} up behind the gateway`,
    async () => {
      const h = (await (await fetch(`${base}/healthz`, { headers, signal: AbortSignal.timeout(2000) })).json()) as { servers?: Record<string, { state: string }> };
      return h.servers?.[server]?.state === 'up' ? true : undefined;
    },
    timeoutMs,
    250,
  );
}
