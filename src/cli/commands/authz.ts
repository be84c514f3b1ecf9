import { callerOf } from '../../gateway/caller-auth';
import { CallerRules } from '../../gateway/caller-rules';
import { unqualify } from '../../gateway/names';
import { OrchestratorError } from '../../errors';
import { CONTROL_NAMESPACE, serverNames } from '../../stack-file/stack-spec';
import { loadSpecOrThrow } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface AuthzOptions {
  readonly file: string;
  readonly as: string;
  readonly kind: 'tool' | 'prompt' | 'resource';
  readonly server?: string;
  readonly json?: boolean;
}

/**
 * `authz check`: the decision gateway.rules make for a caller with these claims (a token's payload,
 * as JSON) on a tool, prompt or resource, and the rule that made it, without a gateway or a token:
 * rules are tested in review and in CI like the rest of the file. Exit 0 allowed, 1 denied.
 */
export function runAuthzCheck(target: string, opts: AuthzOptions, env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  const spec = loadSpecOrThrow(opts.file, env, io);
  let claims: unknown;
  try {
    claims = JSON.parse(opts.as);
  } catch {
    throw new OrchestratorError('USAGE', '--as: the caller\'s claims as a JSON object, e.g. \'{"sub":"alice","groups":["eng"],"scope":"mcp"}\'');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new OrchestratorError('USAGE', '--as: a JSON object of claims');
  const servers = [...serverNames(spec), CONTROL_NAMESPACE];
  let server: string;
  let name: string;
  if (opts.kind === 'resource') {
    if (opts.server === undefined) throw new OrchestratorError('USAGE', 'a resource is judged with its server: --server NAME');
    server = opts.server;
    name = target;
  } else {
    const found = unqualify(target, servers, spec.gateway.separator);
    if (found === undefined) throw new OrchestratorError('USAGE', `${target}: a ${opts.kind} by its gateway name, <server>${spec.gateway.separator}<name>, of a server in ${opts.file}`);
    server = found.server;
    name = target;
  }
  const caller = callerOf(claims as Record<string, unknown>);
  const decision = new CallerRules(spec.gateway.rules ?? []).decide(caller, { kind: opts.kind, server, name });
  if (opts.json) io.out(JSON.stringify({ caller: caller.subject, [opts.kind]: name, server, allowed: decision.allowed, ...(decision.rule !== undefined && { rule: decision.rule }), reason: decision.reason }, null, 2));
  else io.out(`${decision.allowed ? 'allow' : 'deny'}: ${opts.kind} ${name} to ${caller.subject}: ${decision.reason}`);
  return decision.allowed ? ExitCode.OK : ExitCode.FAILED;
}
