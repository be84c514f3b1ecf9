import type { Server } from '@modelcontextprotocol/server';
import type { SessionTransport } from './session-transport';

/** Open 2025-era sessions at once; a client beyond it is answered 503 rather than exhausting memory. */
export const MAX_SESSIONS = 1000;
/** Of those, one caller's (with gateway.auth): beyond it their own longest-idle session ends, so no caller can fill the table for others. */
export const MAX_SESSIONS_PER_CALLER = 100;

export interface Session {
  readonly transport: SessionTransport;
  readonly server: Server;
  readonly path: string;
  /** Who opened it (with gateway.auth): nobody else's token may use it. */
  readonly subject?: string;
  /** When the client last sent anything on it (performance.now()). */
  lastSeen: number;
}

/**
 * The gateway's open 2025-era sessions, bounded: abandoned ones (no DELETE, no request) end after
 * the idle time; when the table is full a session quiet for a while makes room; a caller at
 * their own limit makes room among their own sessions.
 */
export class SessionTable {
  private readonly byId = new Map<string, Session>();
  private readonly evictableAfterMs: number;

  constructor(private readonly idleMs: number) {
    // When the table is full, a session quiet for a minute (or half the idle time) may make room for a new one.
    this.evictableAfterMs = Math.min(60_000, idleMs / 2);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  add(id: string, session: Session): void {
    this.byId.set(id, session);
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  values(): IterableIterator<Session> {
    return this.byId.values();
  }

  /** Ends every session idle for the idle time (the sweep). */
  sweep(): void {
    this.endIdle(this.idleMs);
  }

  /** Room for a new session of `subject`: false when the table is full of sessions in use. */
  makeRoom(subject: string | undefined): boolean {
    if (subject !== undefined) {
      const own = [...this.byId.values()].filter((s) => s.subject === subject);
      if (own.length >= MAX_SESSIONS_PER_CALLER) this.end([own.reduce((a, b) => (b.lastSeen < a.lastSeen ? b : a))]);
    }
    return this.byId.size < MAX_SESSIONS || this.endIdle(this.evictableAfterMs, 1) > 0;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byId.values()].map((s) => s.transport.close().catch(() => undefined)));
    this.byId.clear();
  }

  /** Ends the sessions with no request for `idleMs`, at most `count` of the longest idle. */
  private endIdle(idleMs: number, count = Infinity): number {
    const now = performance.now();
    const idle = [...this.byId.values()].filter((s) => now - s.lastSeen >= idleMs).sort((a, b) => a.lastSeen - b.lastSeen).slice(0, count);
    this.end(idle);
    return idle.length;
  }

  private end(sessions: readonly Session[]): void {
    for (const s of sessions) void s.transport.close().catch(() => undefined);
    // Closing removes a session from the table (onclose); done here too, so room is made at once.
    for (const s of sessions) if (s.transport.sessionId !== undefined) this.byId.delete(s.transport.sessionId);
  }
}
