import { desiredState } from '../../core/desired-state';
import { OrchestratorError } from '../../errors';
import { smokeTestRemote } from '../../mcp/remote-probe';
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
  const remotes = spec.remotes ?? [];
  const unknown = servers.filter((s) => !mcpServers.some((c) => c.server === s) && !remotes.some((r) => r.name === s));
  if (unknown.length > 0) throw new OrchestratorError('USAGE', `not a server in ${opts.file}: ${unknown.join(', ')}`);
  const wanted = (name: string): boolean => servers.length === 0 || servers.includes(name);
  const chosen = mcpServers.filter((c) => wanted(c.server));
  const results = [
    ...(chosen.length > 0 ? await probeServers(engine, desired, chosen, opts.timeout * 1000, version) : []),
    // A remote server is reached where it is, within its own ready timeout (it may be slower than a local one).
    ...(await Promise.all(remotes.filter((r) => wanted(r.name)).map((r) => smokeTestRemote(r, version, spec.tls?.caPem)))),
  ].sort((a, b) => a.server.localeCompare(b.server));
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
