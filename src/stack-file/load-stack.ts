import * as path from 'node:path';
import type { Diagnostic } from '../errors';
import { envFileDiagnostics, parseEnvFile } from './env-file';
import { parseStack, sortDiagnostics, type ParseResult } from './parse-stack';
import { MAX_READ_BYTES, nodeSpecHost, readRegularFile } from './node-spec-host';
import type { SpecHost } from './spec-host';

export const DEFAULT_STACK_FILE = 'mcp-stack.yml';
export const MAX_STACK_FILE_BYTES = MAX_READ_BYTES;
export { nodeSpecHost };

/**
 * Reads a stack file and the .env beside it, then parses. Every failure, the file's absence
 * included, comes back as located diagnostics, never as an exception.
 */
export function loadStack(file: string, processEnv: NodeJS.ProcessEnv, host: SpecHost = nodeSpecHost): ParseResult {
  const abs = path.resolve(file);
  const at = (message: string): ParseResult => ({ ok: false, diagnostics: [fileError(file, message)] });
  if (host.isDirectory(abs)) return at(`is a directory; name the stack file, e.g. ${path.join(file, DEFAULT_STACK_FILE)}`);
  const read = readRegularFile(abs, MAX_STACK_FILE_BYTES);
  if (!read.ok) {
    const size = /^it is (\d+) bytes/.exec(read.reason)?.[1];
    return at(size !== undefined ? `is ${size} bytes; a stack file may be at most ${MAX_STACK_FILE_BYTES} bytes` : `cannot read the stack file: ${read.reason}`);
  }
  const bytes = read.bytes;
  if (bytes.includes(0)) return at('is a binary file, not YAML');
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return at('is not valid UTF-8 text');
  return loadStackText(text, file, processEnv, host);
}

/**
 * A stack's text as if it were the file `file` (a stack written in code): the .env beside it is
 * read and every check runs, as for a file on disk.
 */
export function loadStackText(text: string, file: string, processEnv: NodeJS.ProcessEnv, host: SpecHost = nodeSpecHost, options: { readonly noProjectDir?: boolean } = {}): ParseResult {
  const dir = path.dirname(path.resolve(file));
  // The .env beside the stack file, by Compose's rules: ${...} in it reads the environment first.
  const dotenvRead = host.readText(path.join(dir, '.env'));
  if (!dotenvRead.ok && dotenvRead.reason !== 'no such file') {
    return { ok: false, diagnostics: [fileError(path.join(path.dirname(file), '.env'), `cannot read .env: ${dotenvRead.reason}`)] };
  }
  const dotenv = dotenvRead.ok ? parseEnvFile(dotenvRead.text, (k) => processEnv[k]) : undefined;
  const dotenvProblems = dotenv ? envFileDiagnostics(path.join(path.dirname(file), '.env'), dotenv) : [];
  if (dotenv && !dotenv.ok) return { ok: false, diagnostics: dotenvProblems };
  const env = new Map<string, string>(dotenv?.ok ? dotenv.values : []);
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env.set(k, v);
  const result = parseStack(text, { file, dir, env, host, ...(dotenvRead.ok && { dotenv: path.join(dir, '.env') }), ...(options.noProjectDir === true && { noProjectDir: true }) });
  if (dotenvProblems.length === 0) return result;
  return result.ok ? { ...result, warnings: sortDiagnostics([...dotenvProblems, ...result.warnings]) } : { ok: false, diagnostics: sortDiagnostics([...dotenvProblems, ...result.diagnostics]) };
}

function fileError(file: string, message: string): Diagnostic {
  return { severity: 'error', message, location: { file, line: 1, col: 1 } };
}
