import { desiredState } from '../../core/desired-state';
import { OrchestratorError } from '../../errors';
import { probeServers } from '../../runtime/server-probe';
import { GATEWAY_SERVICE_NAME } from '../../stack-file/stack-spec';
import { engineFor, hostPathsFor, loadSpecOrThrow, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { table } from '../table';

export interface TestOptions extends CommonOptions {
  readonly json?: boolean;
  /** Seconds each server gets to answer. */
  readonly timeout: number;
}

export async function runTest(servers: readonly string[], opts: TestOptions, env: NodeJS.ProcessEnv, io: Output, version: string): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const engine = engineFor(opts, env, spec);
  const desired = desiredState(spec, { hostPath: await hostPathsFor(engine, spec, opts) });
  // The gateway service is no MCP server of the file: its /mcp is the servers', behind a token.
  const mcpServers = desired.containers.filter((c) => c.server !== GATEWAY_SERVICE_NAME);
  const unknown = servers.filter((s) => !mcpServers.some((c) => c.server === s));
  if (unknown.length > 0) throw new OrchestratorError('USAGE', `not a server in ${opts.file}: ${unknown.join(', ')}`);
  const chosen = mcpServers.filter((c) => servers.length === 0 || servers.includes(c.server));
  const results = await probeServers(engine, desired, chosen, opts.timeout * 1000, version);
  if (opts.json) {
    io.out(JSON.stringify({ project: desired.project, ok: results.every((r) => r.ok), servers: results.map(({ toolLocks: _digests, ...r }) => r) }, null, 2));
  } else {
    io.out(
      table(
        ['SERVER', 'PROTOCOL', 'SERVER INFO', 'TOOLS', 'PROMPTS', 'RESOURCES', 'HANDSHAKE', 'RESULT'],
        results.map((r) => [
          r.server,
          r.protocolVersion ?? '-',
          r.serverName ? `${r.serverName} ${r.serverVersion ?? ''}`.trim() : '-',
          String(r.tools.length),
          String(r.prompts.length),
          String(r.resources.length),
          r.handshakeMs !== undefined ? `${r.handshakeMs}ms` : '-',
          r.ok ? 'ok' : `FAILED: ${r.error ?? ''}`,
        ]),
      ),
    );
    for (const r of results.filter((x) => x.ok && x.tools.length > 0)) io.out(`${r.server} tools: ${r.tools.join(', ')}`);
    for (const r of results) for (const w of r.warnings ?? []) io.err(`${r.server}: warning: ${w}`);
  }
  return results.every((r) => r.ok) ? ExitCode.OK : ExitCode.FAILED;
}
