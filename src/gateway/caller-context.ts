import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from './caller-auth';

/**
 * The caller of the request being handled, for the code its handling runs (lists filtered per
 * caller, decisions per call): set once where the token is validated, read where the request is
 * served, never passed through the SDK's server (which knows nothing of callers).
 */
const current = new AsyncLocalStorage<Caller>();

export function asCaller<T>(caller: Caller | undefined, fn: () => T): T {
  return caller === undefined ? fn() : current.run(caller, fn);
}

export function currentCaller(): Caller | undefined {
  return current.getStore();
}
