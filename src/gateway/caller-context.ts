import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditNotes } from './audit-trail';
import type { Caller } from './caller-auth';

/**
 * The caller of the request being handled, for the code its handling runs (lists filtered per
 * caller, decisions per call), and what its audit line is learning: set once where the token is
 * validated, read where the request is served, never passed through the SDK's server (which
 * knows nothing of callers).
 */
const current = new AsyncLocalStorage<{ readonly caller?: Caller; readonly notes: AuditNotes }>();

export function asCaller<T>(caller: Caller | undefined, notes: AuditNotes, fn: () => T): T {
  return current.run({ ...(caller !== undefined && { caller }), notes }, fn);
}

export function currentCaller(): Caller | undefined {
  return current.getStore()?.caller;
}

/** The audit notes of the request in hand (a scratch object outside any request). */
export function auditNotes(): AuditNotes {
  return current.getStore()?.notes ?? {};
}
