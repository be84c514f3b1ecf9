import * as path from 'node:path';
import { stringify } from 'yaml';
import type { StackSpec } from '../stack-file/stack-spec';

/** The variable a deployed gateway reads its introspection secret from (a Secret's key in its environment). */
export const GATEWAY_INTROSPECTION_SECRET_ENV = 'MCPO_GATEWAY_INTROSPECTION_SECRET';
/** The file name of the gateway's stack beside its CA. */
export const GATEWAY_STACK_FILE = 'mcp-stack.yml';
export const GATEWAY_CA_FILE = 'ca.pem';

/**
 * The stack file a deployed gateway (`gateway --stack`) runs with, when the file says who is
 * calling (gateway.auth, rules, audit, metrics): that section as the file wrote it, in a stack of
 * its own whose servers are the served ones by name (the rules name them; the gateway reaches
 * them by its --upstream arguments, not by these entries). The audit trail goes to stdout: a
 * pod's or task's file would go with it. No secret is written: the introspection secret is read
 * from a variable the deployment sets from a Secret. Undefined when the file says none of it.
 */
export function gatewayStackFile(stack: StackSpec, served: readonly string[]): { text: string; caPem?: string } | undefined {
  const g = stack.gateway;
  if (g.auth === undefined && g.rules === undefined && g.audit === undefined && g.metrics !== true) return undefined;
  const a = g.auth;
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
          ...(a.introspection !== undefined && { introspection: { client_id: a.introspection.clientId, client_secret: `\${${GATEWAY_INTROSPECTION_SECRET_ENV}}` } }),
        },
      }),
      ...(g.rules !== undefined && { rules: g.rules.map((r) => ({ name: r.name, ...(Object.keys(r.when).length > 0 && { when: r.when }), allow: r.allow })) }),
      ...(g.audit !== undefined && { audit: 'stdout' }),
      ...(g.metrics === true && { metrics: true }),
    },
  };
  return { text: `# The gateway's own stack: who is calling, from ${path.basename(stack.file)}. Written by mcp-orchestrator; regenerate, do not edit.\n${stringify(document)}`, ...(a !== undefined && stack.tls !== undefined && { caPem: stack.tls.caPem }) };
}
