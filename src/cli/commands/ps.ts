import { serverRows } from '../../runtime/server-status';
import { engineFor, hostPathsFor, projectOf, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';
import { table } from '../table';

export interface PsOptions extends CommonOptions {
  readonly project?: string;
  readonly json?: boolean;
}

export async function runPs(opts: PsOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const { project, spec } = projectOf(opts, env, io);
  const engine = engineFor(opts, env, spec);
  const rows = await serverRows(engine, project, spec, spec ? await hostPathsFor(engine, spec, opts) : undefined);
  if (opts.json) {
    io.out(JSON.stringify({ project, servers: rows }, null, 2));
    return ExitCode.OK;
  }
  if (rows.length === 0) {
    io.out(`Project ${project} has no servers.`);
    return ExitCode.OK;
  }
  io.out(table(['SERVER', 'CONTAINER', 'STATE', 'STATUS', 'IMAGE', 'SYNC'], rows.map((r) => [r.server, r.container, r.state, r.status, r.image, r.sync === 'drifted' ? `drifted (${r.reason})` : r.sync])));
  return ExitCode.OK;
}
