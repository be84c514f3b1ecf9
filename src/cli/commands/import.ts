import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic, OrchestratorError } from '../../errors';
import { ImportError, importClientConfig } from '../../mcp/import-config';
import { nodeSpecHost } from '../../stack-file/load-stack';
import { projectNameFromDir } from '../../stack-file/normalise';
import { parseStack } from '../../stack-file/parse-stack';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface ImportOptions {
  readonly output: string;
  readonly force?: boolean;
  readonly project?: string;
}

export function runImport(source: string, opts: ImportOptions, env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (err) {
    throw new OrchestratorError('NOT_FOUND', `cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`);
  }
  if (fs.existsSync(opts.output) && !opts.force) {
    throw new OrchestratorError('USAGE', `${opts.output} exists; nothing was written. Pass --force to replace it, or -o to write elsewhere`);
  }
  const dir = path.dirname(path.resolve(opts.output));
  let result;
  try {
    const exists = (p: string): boolean => fs.existsSync(path.resolve(dir, p.replace(/^~(?=$|\/)/, os.homedir())));
    result = importClientConfig(text, path.basename(source), opts.project ?? (projectNameFromDir(dir) || 'imported'), { exists });
  } catch (err) {
    if (err instanceof ImportError) throw new OrchestratorError('USAGE', err.message);
    throw err;
  }
  // The file must pass validate; the secrets it references count as set for that check.
  const vars = new Map<string, string>(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  for (const s of result.secrets) if (!vars.has(s.variable)) vars.set(s.variable, 'set-by-user');
  const check = parseStack(result.yaml, { file: opts.output, dir, env: vars, host: nodeSpecHost });
  if (!check.ok) {
    for (const d of check.diagnostics) io.err(formatDiagnostic(d));
    throw new OrchestratorError('SPEC_INVALID', 'the imported stack file would not validate; nothing was written (please report this)');
  }
  writeNew(opts.output, result.yaml, opts.force === true);
  io.out(`wrote ${opts.output}: ${result.servers.length} server${result.servers.length === 1 ? '' : 's'}${result.servers.length ? ` (${result.servers.join(', ')})` : ''}`);
  if (result.secrets.length) {
    io.out(`set before apply (in your environment or ${path.join(path.dirname(opts.output), '.env')}): ${result.secrets.map((s) => `${s.variable} (${s.server})`).join(', ')}`);
  }
  for (const n of result.notes) io.out(`note: ${n}`);
  return ExitCode.OK;
}

/** Makes the directory when missing; without --force, never replaces a file (even one made since the check above). */
function writeNew(file: string, text: string, force: boolean): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'it exists; pass --force to replace it' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'a part of its path is not a directory' : String(code ?? err);
    throw new OrchestratorError('USAGE', `cannot write ${file}: ${why}; nothing was written`);
  }
}
