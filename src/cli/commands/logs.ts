import { OrchestratorError } from '../../errors';
import { engineFor, projectOf, serverContainer, type CommonOptions } from '../context';
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
  const { project, spec } = projectOf(opts, env, io);
  const engine = engineFor(opts, env, spec);
  const container = await serverContainer(engine, project, server, false);
  try {
    await engine.containerLogs(
      container.id,
      { follow: opts.follow ?? false, ...(opts.tail !== undefined && { tail: opts.tail }), ...(opts.timestamps !== undefined && { timestamps: opts.timestamps }) },
      sinks.stdout,
      sinks.stderr,
    );
  } catch (err) {
    // The engine's words for a driver that keeps nothing readable (logging: { driver: none }).
    if (err instanceof OrchestratorError && /does not support reading/i.test(err.message)) {
      throw new OrchestratorError('NOT_FOUND', `server ${server} keeps no logs the engine can read: its logging driver does not store them (logging: in the stack file)`);
    }
    throw err;
  }
  return ExitCode.OK;
}
