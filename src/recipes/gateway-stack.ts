import * as path from 'node:path';
import { stringify } from 'yaml';
import type { StackSpec } from '../stack-file/stack-spec';

/** The variable a deployed gateway reads its introspection secret from (a Secret's key in its environment). */
export const GATEWAY_INTROSPECTION_SECRET_ENV = 'MCPO_GATEWAY_INTROSPECTION_SECRET';
/** The file name of the gateway's stack beside its CA. */
export const GATEWAY_STACK_FILE = 'mcp-stack.yml';
export const GATEWAY_CA_FILE = 'ca.pem';

/** The variable a deployed gateway reads a collector header's value from (a Secret's key in its environment). */
export function gatewayTracesHeaderEnv(header: string): string {
  return `MCPO_GATEWAY_TRACES_${header.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * The stack file a deployed gateway (`gateway --stack`) runs with, when the file says who is
 * calling (gateway.auth, rules, audit, metrics, traces): that section as the file wrote it, in a
 * stack of its own whose servers are the served ones by name (the rules name them; the gateway
 * reaches them by its --upstream arguments, not by these entries). The audit trail goes to
 * stdout: a pod's or task's file would go with it. Its secrets (the introspection secret, the
 * collector's headers) are variables, whose values are in `values` for a deployment to give it
 * (a Kubernetes Secret in its environment, a Swarm secret as the `.env` beside the file).
 * Undefined when the file says none of it.
 */
export function gatewayStackFile(stack: StackSpec, served: readonly string[]): { text: string; caPem?: string; values: Readonly<Record<string, string>> } | undefined {
  const g = stack.gateway;
  if (g.auth === undefined && g.rules === undefined && g.audit === undefined && g.metrics !== true && g.traces === undefined) return undefined;
  const a = g.auth;
  const values: Record<string, string> = {};
  const secret = (value: string, variable: string): string => {
    values[variable] = value;
    return `\${${variable}}`;
  };
  const t = g.traces;
  const document = {
    version: 1,
    project: stack.project,
    ...(a?.allowPrivate === true && { allow: ['private_urls'] }),
    ...(a !== undefined && stack.tls !== undefined && { tls: { ca_file: GATEWAY_CA_FILE } }),
    // Named for the rules' checks only: a deployed gateway reaches each server by its --upstream.
    servers: Object.fromEntries(served.map((name) => [name, { image: 'served-elsewhere/by-gateway-upstream:0', 'x-served-by': '--upstream' }])),
    gateway: {
      separator: g.separator,
      ...(a !== undefined && {
        auth: {
          issuer: a.issuer,
          audience: a.audience,
          algorithms: [...a.algorithms],
          ...(a.scopes.length > 0 && { scopes: [...a.scopes] }),
          clock_skew: `${a.clockSkewSeconds}s`,
          ...(a.introspection !== undefined && { introspection: { client_id: a.introspection.clientId, client_secret: secret(a.introspection.clientSecret, GATEWAY_INTROSPECTION_SECRET_ENV) } }),
        },
      }),
      ...(g.rules !== undefined && { rules: g.rules.map((r) => ({ name: r.name, ...(Object.keys(r.when).length > 0 && { when: r.when }), allow: r.allow })) }),
      ...(g.audit !== undefined && { audit: 'stdout' }),
      ...(g.metrics === true && { metrics: true }),
      ...(t !== undefined && {
        traces: {
          endpoint: t.endpoint,
          service_name: t.serviceName,
          sample_ratio: t.sampleRatio,
          ...(Object.keys(t.headers).length > 0 && { headers: Object.fromEntries(Object.entries(t.headers).map(([name, value]) => [name, secret(value, gatewayTracesHeaderEnv(name))])) }),
        },
      }),
    },
  };
  return { text: `# The gateway's own stack: who is calling, from ${path.basename(stack.file)}. Written by mcp-orchestrator; regenerate, do not edit.\n${stringify(document)}`, values, ...(a !== undefined && stack.tls !== undefined && { caPem: stack.tls.caPem }) };
}
