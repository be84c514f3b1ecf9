#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_STACK_FILE } from '../spec/load-stack';
import { ExitCode, type ExitCodeValue } from './exit-codes';
import { processOutput, type Output } from './output';
import { OrchestratorError } from '../errors';

/**
 * The composition root: parses the command line, builds what a command needs, runs it and
 * turns its result into an exit code. Command modules are loaded on demand so that a command
 * pays only for the modules it uses.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.OK;
  const program = new Command('mcp-orchestrator')
    .description('Declarative orchestrator for MCP servers in Docker containers')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);

  const fileOption = (): Option =>
    new Option('-f, --file <file>', 'stack file').default(DEFAULT_STACK_FILE);

  program
    .command('validate')
    .description('check a stack file; print FILE:LINE:COL: message for each problem')
    .addOption(fileOption())
    .option('--json', 'machine-readable result')
    .action(async (opts: { file: string; json?: boolean }) => {
      const { runValidate } = load<typeof import('./commands/validate')>('./commands/validate');
      code = runValidate(opts, env, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (err instanceof OrchestratorError) {
      io.err(err.message);
      return ExitCode.FAILED;
    }
    throw err;
  }
  return code;
}

/** require() on demand: dynamic import() would load the module as ESM under node16 resolution. */
function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, processOutput).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Only a bug gets here: say so plainly, with the stack for the report.
      processOutput.err(`mcp-orchestrator: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = ExitCode.FAILED;
    },
  );
}
