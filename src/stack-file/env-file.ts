import type { Diagnostic } from '../errors';
import { interpolate } from './interpolate';

/**
 * `.env` and `env_file` files, read by Compose's rules (compose-go's `dotenv` package; its test
 * cases are transcribed in test/unit/env-file.test.ts). Pure: text and a lookup in, values out.
 *
 *   KEY=value            unquoted: up to the end of the line, trailing blanks cut; " #" starts a comment
 *   KEY="a\tb $X"        double quotes: \a \b \f \n \r \t \v \\ \" \$ and \0NNN (octal) escapes, then ${...}
 *   KEY='a $X'           single quotes: literal (\' is a quote), no expansion
 *   export KEY=...       "export " is ignored;  KEY: value  (YAML style) works too
 *   KEY                  a bare name takes the value of the environment's KEY, and is left out when unset
 * Quoted values may span lines. ${...} and $NAME in values read the lookup (the environment)
 * first, then the keys the file set before; a "$" followed by anything else stays literal.
 *
 * Stricter than Compose, deliberately (each would be a silent surprise there): a line that is
 * only "=value" (no name), and text after a closing quote other than a comment, are errors.
 */
export interface EnvFileProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export type EnvFileResult =
  | { readonly ok: true; readonly values: ReadonlyMap<string, string>; readonly warnings: readonly EnvFileProblem[] }
  | { readonly ok: false; readonly errors: readonly EnvFileProblem[] };

/** Variables from outside the file; undefined when not set. */
export type Lookup = (name: string) => string | undefined;

const BLANK = /[\t\v\f\r \u0085\u00A0]/;
const NAME_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const ESCAPE = /\\(?:[abfnrtv$"\\]|0[0-7]{3})/g;
const CONTROL: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\', $: '$$' };

export function parseEnvFile(text: string, lookup: Lookup, initial: ReadonlyMap<string, string> = new Map()): EnvFileResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const at = positions(src);
  const values = new Map(initial);
  const warnings: EnvFileProblem[] = [];
  const errors: EnvFileProblem[] = [];
  const fail = (offset: number, message: string): EnvFileResult => ({ ok: false, errors: [{ ...at(offset), message }] });
  const expand = (value: string, offset: number): string => {
    const r = interpolate(value, { get: (k) => lookup(k) ?? values.get(k) }, { loneDollar: 'literal' });
    for (const e of r.errors) errors.push({ ...at(offset), message: e.message });
    for (const w of r.warnings) warnings.push({ ...at(offset), message: w.message });
    return r.value;
  };

  let i = 0;
  for (;;) {
    i = statementStart(src, i);
    if (i >= src.length) break;
    const exported = /^export[\t ]+/.exec(src.slice(i, i + 16));
    const keyStart = exported ? i + exported[0].length : i;
    let j = keyStart;
    while (j < src.length && src[j] !== '=' && src[j] !== ':' && src[j] !== '\n') {
      const c = src[j] ?? '';
      if (!BLANK.test(c) && !NAME_CHAR.test(c)) {
        return fail(j, `unexpected character "${c}" in variable name "${lineAt(src, keyStart)}"; a line is KEY=VALUE`);
      }
      j++;
    }
    const key = src.slice(keyStart, j).replace(/[\t\v\f\r \u0085\u00A0]+$/, '');
    if (/[\t\v\f\r \u0085\u00A0]/.test(key)) return fail(keyStart, `variable name "${key}" contains a space`);
    if (key === '') return fail(keyStart, 'a variable name is missing before "="');
    if (j >= src.length || src[j] === '\n') {
      // A bare name: the environment's value, or nothing.
      const inherited = lookup(key);
      if (inherited !== undefined) values.set(key, inherited);
      i = j;
      continue;
    }
    let v = j + 1;
    while (v < src.length && BLANK.test(src[v] ?? '')) v++;
    const quote = src[v];
    if (quote !== '"' && quote !== "'") {
      const eol = src.indexOf('\n', v);
      const end = eol === -1 ? src.length : eol;
      let raw = src.slice(v, end);
      const comment = raw.indexOf(' #');
      if (comment !== -1) raw = raw.slice(0, comment);
      values.set(key, expand(raw.replace(/[\t\v\f\r \u0085\u00A0]+$/, ''), v));
      i = end;
      continue;
    }
    const closed = quoted(src, v + 1, quote);
    if (closed === undefined) return fail(v, `unterminated quoted value ${lineAt(src, v)}: the closing ${quote} is missing`);
    values.set(key, quote === '"' ? expand(closed.body.replace(ESCAPE, (m) => unescape(m)), v) : closed.body);
    i = closed.next;
    while (i < src.length && BLANK.test(src[i] ?? '')) i++;
    if (i < src.length && src[i] !== '\n' && src[i] !== '#') return fail(i, `unexpected text after the closing ${quote} of ${key}; put a comment after " #"`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values, warnings };
}

/** `KEY="value"` that parseEnvFile reads back as exactly `value` (no `$` in it read as a variable). */
export function envFileLine(key: string, value: string): string {
  const escaped = value.replace(/[\\"$\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
  return `${key}="${escaped}"`;
}

/** Skips blanks, empty lines and comment lines. */
function statementStart(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\n' || BLANK.test(c)) i++;
    else if (c === '#') {
      const eol = src.indexOf('\n', i);
      i = eol === -1 ? src.length : eol;
    } else break;
  }
  return i;
}

/** A quoted value's body (escapes of the quote resolved, other backslashes kept for unescape) and where it ends. */
function quoted(src: string, from: number, quote: string): { body: string; next: number } | undefined {
  let body = '';
  let escaped = false;
  for (let i = from; i < src.length; i++) {
    const c = src[i] ?? '';
    if (c !== quote) {
      if (!escaped && c === '\\') {
        escaped = true;
        continue;
      }
      if (escaped) body += '\\';
      escaped = false;
      body += c;
    } else if (escaped) {
      escaped = false;
      body += c;
    } else {
      return { body, next: i + 1 };
    }
  }
  return undefined;
}

function unescape(m: string): string {
  if (m.startsWith('\\0')) {
    const code = parseInt(m.slice(2), 8);
    return code <= 0xff ? String.fromCharCode(code) : m;
  }
  return CONTROL[m.slice(1)] ?? m;
}

function lineAt(src: string, offset: number): string {
  const eol = src.indexOf('\n', offset);
  return src.slice(offset, eol === -1 ? src.length : eol).slice(0, 60);
}

/** offset -> 1-based line and column. */
function positions(src: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
  };
}

/** The file's problems as diagnostics located in that file (`shown`: its path as the user would name it). */
export function envFileDiagnostics(shown: string, result: EnvFileResult): Diagnostic[] {
  const problems = result.ok ? result.warnings.map((w) => ({ ...w, severity: 'warning' as const })) : result.errors.map((e) => ({ ...e, severity: 'error' as const }));
  return problems.map((p) => ({ severity: p.severity, message: p.message, location: { file: shown, line: p.line, col: p.col } }));
}
