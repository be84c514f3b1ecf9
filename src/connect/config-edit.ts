import { applyEdits, findNodeAtLocation, format, modify, parse, parseTree, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml ships a CommonJS build; only its type declarations are the ES module's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, stringify: stringifyToml } = require('smol-toml') as typeof SmolToml;

/**
 * Edits of one entry in a client's config file that leave everything else as it was: other
 * entries, comments, key order, indentation. JSON(C) through jsonc-parser's edit operations; TOML
 * (Codex) by replacing the entry's own table, checked by parsing the result. Pure: text in, text out.
 */
export type Format = 'json' | 'toml';

export class ConfigSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    message: string,
  ) {
    super(message);
  }
}

/** The entries under `key`, as the client's own parser reads them; a file that does not parse is an error with its position. */
export function readEntries(format: Format, text: string, key: string): Record<string, unknown> {
  const doc = parseDocument(format, text);
  const map = doc[key];
  return typeof map === 'object' && map !== null && !Array.isArray(map) ? (map as Record<string, unknown>) : {};
}

export function upsertEntry(format: Format, text: string, key: string, name: string, value: Record<string, unknown>): string {
  const next = format === 'json' ? jsonEdit(text, [key, name], value) : tomlReplace(text, key, name, value);
  const back = readEntries(format, next, key)[name];
  // The file as the client will read it must hold exactly what was meant.
  if (JSON.stringify(back) !== JSON.stringify(value)) throw new Error(`the edited ${format.toUpperCase()} does not read back as the entry written`);
  return next;
}

export function removeEntry(format: Format, text: string, key: string, name: string): string {
  if (!(name in readEntries(format, text, key))) return text;
  const next = format === 'json' ? jsonEdit(text, [key, name], undefined) : tomlReplace(text, key, name, undefined);
  if (name in readEntries(format, next, key)) throw new Error(`the entry "${name}" is still there after removing it`);
  return next;
}

function parseDocument(format: Format, text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (format === 'toml') {
    try {
      return parseToml(text) as Record<string, unknown>;
    } catch (err) {
      const e = err as { line?: number; column?: number; message?: string };
      throw new ConfigSyntaxError(e.line ?? 1, e.column ?? 1, `not valid TOML: ${(e.message ?? String(err)).split('\n')[0] ?? ''}`);
    }
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) {
    const { line, col } = position(text, first.offset);
    throw new ConfigSyntaxError(line, col, `not valid JSON: ${printParseErrorCode(first.error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigSyntaxError(1, 1, 'the file is not a JSON object');
  return value as Record<string, unknown>;
}

function jsonEdit(text: string, jsonPath: string[], value: unknown): string {
  const base = text.trim() === '' ? '{}\n' : text;
  // Without formatting options the edit touches only the entry; then only the entry (and the
  // whitespace before it) is formatted: jsonc-parser would otherwise reformat its neighbours too.
  const edited = applyEdits(base, modify(base, jsonPath, value, {}));
  if (value === undefined) return edited;
  const node = findNodeAtLocation(parseTree(edited) ?? { type: 'null', offset: 0, length: 0 }, jsonPath)?.parent;
  const siblings = node?.parent?.children ?? [];
  const index = node === undefined ? -1 : siblings.indexOf(node);
  if (node === undefined || index < 0) return edited;
  const previous = siblings[index - 1];
  const start = previous !== undefined ? previous.offset + previous.length : (node.parent?.offset ?? 0) + 1;
  const end = node.offset + node.length;
  return applyEdits(edited, format(edited, { offset: start, length: end - start }, formattingOf(base)));
}

/** The file's own indentation, so inserted lines look like their neighbours. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent === undefined) return { insertSpaces: true, tabSize: 2, eol };
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * The entry's table (`[key.name]` and its sub-tables) replaced by the new one, or appended; or
 * removed. An entry written another way (inline, or inside `[key]`) is not edited: which lines
 * hold it cannot be told without rewriting the file, so the user is asked to move it.
 */
function tomlReplace(text: string, key: string, name: string, value: Record<string, unknown> | undefined): string {
  parseDocument('toml', text);
  const lines = text.split(/\r?\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const own = (line: string): boolean => {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (m?.[1] === undefined) return false;
    const header = m[1].replace(/\s*\.\s*/g, '.').replace(/"/g, '');
    return header === `${key}.${name}` || header.startsWith(`${key}.${name}.`);
  };
  const isHeader = (line: string): boolean => /^\s*\[/.test(line);
  const kept: string[] = [];
  let inOwn = false;
  let found = false;
  let at = -1;
  for (const line of lines) {
    if (isHeader(line)) {
      inOwn = own(line);
      if (inOwn && !found) {
        found = true;
        at = kept.length;
      }
    }
    if (!inOwn) kept.push(line);
  }
  if (!found && name in readEntries('toml', text, key)) {
    throw new Error(`the entry "${name}" is written inline or inside [${key}]; make it a [${key}.${name}] table to let connect manage it`);
  }
  const table = value === undefined ? [] : [`[${key}.${name}]`, ...stringifyToml(value).trimEnd().split('\n'), ''];
  if (found) kept.splice(at, 0, ...table);
  else if (table.length > 0) {
    while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
    if (kept.length > 0) kept.push('');
    kept.push(...table);
  }
  let out = kept.join(eol);
  if (!out.endsWith(eol)) out += eol;
  return out.replace(new RegExp(`(${eol}){3,}`, 'g'), `${eol}${eol}`);
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
