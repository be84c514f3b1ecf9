import type { ActionResult } from '../../apply/executor';

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Two crash signs closer than this count as a loop; a quieter server starts over. */
  readonly windowMs: number;
}

interface ServerRecord {
  failures: number;
  lastAt: number;
}

/**
 * Per-server backoff for `watch`, so a server in a crash loop or with a missing image is retried
 * ever more slowly without holding up the others. Crash signs: a failed action, or having to start
 * a server's container again (it exited). A container that vanished is not one: containers are
 * created without auto-remove, so a crash leaves an exited container, and a removal is someone's
 * `docker rm -f`, repaired at once however often it happens. A recreate for a changed file is the
 * developer at work, not a crash sign either.
 */
export class ServerBackoff {
  private readonly records = new Map<string, ServerRecord>();

  constructor(private readonly options: BackoffOptions) {}

  record(results: readonly ActionResult[], now: number): void {
    for (const r of results) {
      const server = 'server' in r.action ? r.action.server : undefined;
      if (server === undefined) continue;
      const crashSign = r.status === 'failed' || r.action.kind === 'start';
      if (!crashSign) {
        if (r.status === 'done') this.records.delete(server);
        continue;
      }
      const rec = this.records.get(server);
      const looping = rec !== undefined && (r.status === 'failed' || now - rec.lastAt < this.options.windowMs);
      this.records.set(server, { failures: looping ? rec.failures + 1 : r.status === 'failed' ? 1 : 0, lastAt: now });
    }
  }

  /** Servers that must wait, with the time each may be acted on again. */
  blocked(now: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [server, rec] of this.records) {
      if (rec.failures === 0) continue;
      const until = rec.lastAt + Math.min(this.options.maxMs, this.options.initialMs * 2 ** (rec.failures - 1));
      if (until > now) out.set(server, until);
    }
    return out;
  }
}
