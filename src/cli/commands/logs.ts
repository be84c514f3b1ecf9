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
  const { project } = projectOf(opts, env, io);
  const engine = engineFor(opts, env);
  const container = await serverContainer(engine, project, server, false);
  await engine.containerLogs(
    container.id,
    { follow: opts.follow ?? false, ...(opts.tail !== undefined && { tail: opts.tail }), ...(opts.timestamps !== undefined && { timestamps: opts.timestamps }) },
    sinks.stdout,
    sinks.stderr,
  );
  return ExitCode.OK;
}
