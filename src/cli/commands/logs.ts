import { OrchestratorError } from '../../errors';
import { containerName } from '../../core/naming';
import { engineFor, projectOf, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface LogsOptions extends CommonOptions {
  readonly project?: string;
  readonly follow?: boolean;
  readonly tail?: number;
  readonly timestamps?: boolean;
}

export async function runLogs(
  server: string,
  opts: LogsOptions,
  env: NodeJS.ProcessEnv,
  io: Output,
  sinks: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<ExitCodeValue> {
  const { project } = projectOf(opts, env, io);
  const engine = engineFor(opts, env);
  const observed = await engine.observe(project, []);
  const container = observed.containers.find((c) => c.name === containerName(project, server));
  if (!container) {
    const known = [...new Set(observed.containers.map((c) => c.server).filter((s) => s !== undefined))].sort();
    throw new OrchestratorError('NOT_FOUND', `server "${server}" has no container in project ${project}${known.length ? ` (servers with containers: ${known.join(', ')})` : ''}`);
  }
  await engine.containerLogs(
    container.id,
    { follow: opts.follow ?? false, ...(opts.tail !== undefined && { tail: opts.tail }), ...(opts.timestamps !== undefined && { timestamps: opts.timestamps }) },
    sinks.stdout,
    sinks.stderr,
  );
  return ExitCode.OK;
}
