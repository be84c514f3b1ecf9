import { serverNames } from '../../stack-file/stack-spec';
import { formatDiagnostic } from '../../errors';
import { loadStack } from '../../stack-file/load-stack';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface ValidateOptions {
  readonly file: string;
  readonly json?: boolean;
}

export function runValidate(opts: ValidateOptions, env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  const result = loadStack(opts.file, env);
  if (opts.json) {
    const diagnostics = result.ok ? result.warnings : result.diagnostics;
    io.out(JSON.stringify({
      valid: result.ok,
      file: opts.file,
      ...(result.ok && { project: result.spec.project, servers: serverNames(result.spec) }),
      diagnostics: diagnostics.map((d) => ({ severity: d.severity, message: d.message, ...d.location })),
    }, null, 2));
    return result.ok ? ExitCode.OK : ExitCode.INVALID_SPEC;
  }
  if (!result.ok) {
    for (const d of result.diagnostics) io.err(formatDiagnostic(d));
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`${opts.file}: invalid: ${errors} error${errors === 1 ? '' : 's'}`);
    return ExitCode.INVALID_SPEC;
  }
  for (const w of result.warnings) io.err(formatDiagnostic(w));
  const { spec } = result;
  const names = serverNames(spec);
  const n = names.length;
  io.out(`${opts.file}: valid: project "${spec.project}", ${n} server${n === 1 ? '' : 's'}${n ? ` (${names.join(', ')})` : ''}`);
  return ExitCode.OK;
}
