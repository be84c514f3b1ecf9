import { guardedFetch } from '../outbound/guarded-fetch';
import type { GatewayTraces, StackSpec } from '../stack-file/stack-spec';
import { AuditTrail } from './audit-trail';
import { CallerAuth } from './caller-auth';
import { CallerRules } from './caller-rules';

/** What a gateway knows of its callers, from the stack file: who they are, what each may use, what is recorded. */
export interface CallerSettings {
  readonly callerAuth?: CallerAuth;
  readonly rules?: CallerRules;
  readonly audit?: AuditTrail;
  readonly metrics: boolean;
  /** Where spans go (gateway.traces); the gateway starts its tracer with its own logger. */
  readonly traces?: GatewayTraces;
}

/**
 * gateway.auth, rules, audit, metrics and traces as a gateway runs them, the same wherever it runs
 * (`serve`, and `gateway --stack` on a cluster): the issuer reached through the outbound rules
 * (with the file's CA), the audit file opened.
 */
export function callerSettings(spec: StackSpec): CallerSettings {
  const g = spec.gateway;
  return {
    ...(g.auth !== undefined && { callerAuth: new CallerAuth(g.auth, guardedFetch({ allowPrivate: g.auth.allowPrivate, keepAlive: true, ...(spec.tls !== undefined && { caPem: spec.tls.caPem }) })) }),
    ...(g.rules !== undefined && { rules: new CallerRules(g.rules) }),
    ...(g.audit !== undefined && { audit: new AuditTrail(g.audit) }),
    metrics: g.metrics === true,
    ...(g.traces !== undefined && { traces: g.traces }),
  };
}
