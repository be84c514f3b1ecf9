import { engineFor, projectOf, serverContainer, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface AttachOptions extends CommonOptions {
  readonly project?: string;
}

/**
 * Bridges this process's stdin/stdout to a running stdio server's, so an MCP client configured
 * with `command: mcp-orchestrator, args: [attach, SERVER, -f, ...]` talks to the containerised
 * server. One client at a time: stdio has no sessions.
 */
export async function runAttach(
  server: string,
  opts: AttachOptions,
  env: NodeJS.ProcessEnv,
  io: Output,
  stdio: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<ExitCodeValue> {
  const { project } = projectOf(opts, env, io);
  const engine = engineFor(opts, env);
  const container = await serverContainer(engine, project, server, true);
  const attached = await engine.attachStdio(container.id);
  stdio.stdin.pipe(attached.stdin, { end: false });
  attached.stdout.pipe(stdio.stdout);
  await new Promise<void>((resolve) => {
    stdio.stdin.on('end', resolve);
    attached.stdout.on('end', resolve);
  });
  attached.detach();
  return ExitCode.OK;
}
