import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../errors';
import { envFileDiagnostics, parseEnvFile } from './env-file';
import { parseStack, sortDiagnostics, type ParseResult } from './parse-stack';
import type { SpecHost } from './spec-host';

export const DEFAULT_STACK_FILE = 'mcp-stack.yml';
/** Far beyond any real stack file; a larger one is a mistake (a log, a binary) to refuse before parsing. */
export const MAX_STACK_FILE_BYTES = 1024 * 1024;

/** The real file system, as parsing sees it. */
export const nodeSpecHost: SpecHost = {
  readText(absPath) {
    try {
      const st = fs.statSync(absPath);
      if (st.isDirectory()) return { ok: false, reason: 'it is a directory' };
      return { ok: true, text: fs.readFileSync(absPath, 'utf8') };
    } catch (err) {
      return { ok: false, reason: ioReason(err) };
    }
  },
  isDirectory(absPath) {
    try {
      return fs.statSync(absPath).isDirectory();
    } catch {
      return false;
    }
  },
  exists(absPath) {
    return fs.existsSync(absPath);
  },
  mode(absPath) {
    try {
      return fs.statSync(absPath).mode;
    } catch {
      return undefined;
    }
  },
};

/**
 * Reads a stack file and the .env beside it, then parses. Every failure, the file's absence
 * included, comes back as located diagnostics, never as an exception.
 */
export function loadStack(file: string, processEnv: NodeJS.ProcessEnv, host: SpecHost = nodeSpecHost): ParseResult {
  const abs = path.resolve(file);
  const at = (message: string): ParseResult => ({ ok: false, diagnostics: [fileError(file, message)] });
  let bytes: Buffer;
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) return at(`is a directory; name the stack file, e.g. ${path.join(file, DEFAULT_STACK_FILE)}`);
    if (st.size > MAX_STACK_FILE_BYTES) return at(`is ${st.size} bytes; a stack file may be at most ${MAX_STACK_FILE_BYTES} bytes`);
    bytes = fs.readFileSync(abs);
  } catch (err) {
    return at(`cannot read the stack file: ${ioReason(err)}`);
  }
  if (bytes.includes(0)) return at('is a binary file, not YAML');
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return at('is not valid UTF-8 text');

  const dir = path.dirname(abs);
  // The .env beside the stack file, by Compose's rules: ${...} in it reads the environment first.
  const dotenvRead = host.readText(path.join(dir, '.env'));
  const dotenv = dotenvRead.ok ? parseEnvFile(dotenvRead.text, (k) => processEnv[k]) : undefined;
  const dotenvProblems = dotenv ? envFileDiagnostics(path.join(path.dirname(file), '.env'), dotenv) : [];
  if (dotenv && !dotenv.ok) return { ok: false, diagnostics: dotenvProblems };
  const env = new Map<string, string>(dotenv?.ok ? dotenv.values : []);
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env.set(k, v);
  const result = parseStack(text, { file, dir, env, host });
  if (dotenvProblems.length === 0) return result;
  return result.ok ? { ...result, warnings: sortDiagnostics([...dotenvProblems, ...result.warnings]) } : { ok: false, diagnostics: sortDiagnostics([...dotenvProblems, ...result.diagnostics]) };
}

function fileError(file: string, message: string): Diagnostic {
  return { severity: 'error', message, location: { file, line: 1, col: 1 } };
}

function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}
