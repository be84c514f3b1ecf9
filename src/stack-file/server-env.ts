import * as path from 'node:path';
import type { Diagnostic } from '../errors';
import { envFileDiagnostics, parseEnvFile } from './env-file';
import type { ParseContext } from './spec-host';

/**
 * A server's env_file values, as Compose resolves them: files in order, each later key winning; a
 * ${VAR} in them reads the project's variables (environment over .env) first, then the server's
 * own env: entries, then keys the files set before. Unreadable files are left to the checks that
 * report them.
 */
export function envFromFiles(
  files: readonly string[],
  serverEnv: Readonly<Record<string, string | number | boolean | null>>,
  ctx: ParseContext,
): { values: Map<string, string>; diagnostics: Diagnostic[] } {
  let values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const lookup = (k: string): string | undefined => {
    const own = serverEnv[k];
    return ctx.env.get(k) ?? (own === null || own === undefined ? undefined : String(own));
  };
  for (const abs of files) {
    const read = ctx.host.readText(abs);
    if (!read.ok) continue;
    const result = parseEnvFile(read.text, lookup, values);
    diagnostics.push(...envFileDiagnostics(shownPath(abs, ctx), result));
    if (result.ok) values = new Map(result.values);
  }
  return { values, diagnostics };
}

/** An env file's path as the user would name it: beside the stack file as the user named that. */
export function shownPath(abs: string, ctx: Pick<ParseContext, 'dir' | 'file'>): string {
  const rel = path.relative(ctx.dir, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : path.join(path.dirname(ctx.file), rel);
}
