import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair } from 'yaml';
import type { Diagnostic, Severity, SourceLocation } from '../errors';
import { containsInterpolation, interpolate, type Variables } from './interpolate';

/**
 * A YAML document turned into plain data, with the position of every key and value
 * kept by JSON pointer (the form of ajv's instancePath), so any later check can say
 * FILE:LINE:COL. Interpolation happens here, on scalars, for the same reason.
 */
export interface LocatedDocument {
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the value at `pointer` stands; falls back to the nearest located ancestor. */
  valueAt(pointer: string): SourceLocation;
  /** Where the key of the member at `pointer` stands (its value's position when it has no key). */
  keyAt(pointer: string): SourceLocation;
  /**
   * A message with every value that came from a variable written as the variable: diagnostics name
   * variables and never echo what they hold (`restart: "${TOKEN}"` must not print the token).
   */
  redact(message: string): string;
  /** Whether the scalar at `pointer` read a variable: its value is not what the file says, and may be a secret. */
  readsVariable(pointer: string): boolean;
  /** What the file says at `pointer` (`--password=${PGPASSWORD}`), when that value read a variable. */
  templateAt(pointer: string): string | undefined;
}

interface Offsets {
  key?: number;
  value: number;
}

// Caps on what a document may expand to, so alias bombs ("billion laughs") and aliased values that
// interpolate to large strings end in a located error before memory grows: nodes produced, and
// bytes of keys and strings after alias and interpolation expansion (4 x the largest file read).
export const MAX_NODES = 200_000;
export const MAX_EXPANDED_BYTES = 4 * 1024 * 1024;
export const MAX_DEPTH = 100;

export function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function readLocatedYaml(text: string, file: string, vars: Variables): LocatedDocument {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the walk below in linear time: the library's check compares each
  // key with every earlier one (95,000 keys took a minute).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true, strict: true });
  const offsets = new Map<string, Offsets>();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const report = (severity: Severity, offset: number, message: string): void => {
    diagnostics.push({ severity, message, location: at(offset) });
  };

  // After the first syntax error the parser is guessing, and what follows is mostly its echo.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  for (const e of doc.errors.filter((x) => x === firstSyntax || x.code === 'DUPLICATE_KEY')) {
    const quote = /^Missing closing (["'])quote/.exec(e.message)?.[1];
    if (quote !== undefined) report('error', openingQuote(text, e.pos[0], quote), `YAML syntax error: this ${quote} quote is never closed`);
    else if (e.code === 'DUPLICATE_KEY') report('error', e.pos[0], `duplicate key "${keyTextAt(text, e.pos[0])}": a key may appear only once in a mapping`);
    else if (text[e.pos[0] - 1] === '$' && text[e.pos[0]] === '{') {
      report('error', e.pos[0], `${yamlMessage(e.message)}: quote a value that contains \${...} inside { } or [ ], e.g. "\${VAR}"`);
    } else report('error', e.pos[0], yamlMessage(e.message));
  }
  for (const w of doc.warnings) report('warning', w.pos[0], yamlMessage(w.message));

  // What interpolation produced, to be written back as what was written: whole values, then the
  // variables' own values (a value that embeds a variable may be echoed in part).
  const produced = new Map<string, string>();
  const variablePaths = new Map<string, string>();
  const used = new Map<string, string>();
  const recording: Variables = {
    get(name) {
      const v = vars.get(name);
      if (v !== undefined && v.length >= 3) used.set(v, `\${${name}}`);
      return v;
    },
  };
  let value: unknown = undefined;
  if (doc.errors.length === 0) {
    const walker = new Walker(doc, text, recording, offsets, report, variablePaths, (value, raw) => {
      if (value !== '') produced.set(value, raw);
    });
    value = doc.contents === null ? null : walker.walk(doc.contents as YamlNode, '', undefined, 0);
  }

  const find = (p: string): Offsets => {
    for (let cur = p; ; cur = cur.slice(0, Math.max(0, cur.lastIndexOf('/')))) {
      const hit = offsets.get(cur);
      if (hit) return hit;
      if (cur === '') return { value: 0 };
    }
  };
  const replacements = [...produced, ...used].sort((a, b) => b[0].length - a[0].length);
  const redact = (message: string): string => {
    let out = message;
    for (const [secret, written] of replacements) if (out.includes(secret)) out = out.split(secret).join(written);
    return out;
  };
  return {
    value,
    redact,
    readsVariable: (p) => variablePaths.has(p),
    templateAt: (p) => variablePaths.get(p),
    diagnostics: dedupe(diagnostics).map((d) => ({ ...d, message: redact(d.message) })),
    valueAt: (p) => at(find(p).value),
    keyAt: (p) => {
      const o = find(p);
      return at(o.key ?? o.value);
    },
  };
}

/** yaml reports an unclosed quote where the input ends; people need to see where it opened. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === quote && !(quote === '"' && text[i - 1] === '\\')) return i;
  }
  return end;
}

/** The yaml library's pretty messages repeat the source line; people need only the first sentence. */
function yamlMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${first}`;
}

function keyTextAt(text: string, offset: number): string {
  return (/^["']?([^"':\n]*)/.exec(text.slice(offset, offset + 200))?.[1] ?? '').trim();
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.location.line}:${d.location.col}:${d.severity}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

class Walker {
  private nodes = 0;
  private bytes = 0;
  private tooLarge = false;
  /** A scalar is interpolated once, however many aliases use it. */
  private readonly interpolated = new Map<Scalar, unknown>();
  private readonly readingVariable = new Set<Scalar>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly vars: Variables,
    private readonly offsets: Map<string, Offsets>,
    private readonly report: (severity: Severity, offset: number, message: string) => void,
    /** Pointers of the values that read a variable (an aliased scalar at each place it is used), to what was written. */
    private readonly variablePaths: Map<string, string>,
    /** Told each value that read a variable, with what was written. */
    private readonly onInterpolated: (value: string, raw: string) => void,
  ) {}

  walk(node: YamlNode, path: string, keyOffset: number | undefined, depth: number): unknown {
    if (this.tooLarge) return null;
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) return this.refuse(node, `more than ${MAX_NODES} values or ${MAX_DEPTH} levels of nesting`);
    const start = node.range?.[0] ?? 0;
    if (!this.offsets.has(path)) this.offsets.set(path, keyOffset === undefined ? { value: start } : { key: keyOffset, value: start });

    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      return target ? this.walk(target, path, keyOffset, depth + 1) : null;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merges: Pair[] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) {
          merges.push(pair as Pair);
          continue;
        }
        const key = this.keyOf(pair.key, start);
        if (key === undefined) continue;
        const kOffset = (pair.key as YamlNode | null)?.range?.[0] ?? start;
        if (seen.has(key)) {
          this.report('error', kOffset, `duplicate key "${key}": a key may appear only once in a mapping`);
          continue;
        }
        seen.add(key);
        if (!this.count(key.length, node)) return null;
        const child = pointer(path, key);
        setOwn(out, key, pair.value === null ? null : this.walk(pair.value as YamlNode, child, kOffset, depth + 1));
        if (pair.value === null) this.offsets.set(child, { key: kOffset, value: kOffset });
      }
      for (const pair of merges) this.merge(out, pair, path, depth);
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) =>
        item === null ? null : this.walk(item as YamlNode, pointer(path, i), undefined, depth + 1),
      );
    }
    if (isScalar(node)) {
      const value = this.scalar(node);
      if (this.readingVariable.has(node)) this.variablePaths.set(path, String(node.value));
      return typeof value === 'string' && !this.count(value.length, node) ? null : value;
    }
    this.report('error', start, 'unsupported YAML node');
    return null;
  }

  /** Counts what the expanded document holds; false (and one error) once it is more than MAX_EXPANDED_BYTES. */
  private count(bytes: number, node: YamlNode): boolean {
    this.bytes += bytes;
    if (this.bytes <= MAX_EXPANDED_BYTES) return true;
    this.refuse(node, `more than ${MAX_EXPANDED_BYTES / (1024 * 1024)} MiB of keys and values`);
    return false;
  }

  private refuse(node: YamlNode, what: string): null {
    if (!this.tooLarge) this.report('error', node.range?.[0] ?? 0, `the document is too large after expanding aliases and variables: ${what}`);
    this.tooLarge = true;
    return null;
  }

  /** `<<: *anchor` or `<<: [*a, *b]`: keys written in the mapping itself win; earlier sources win over later ones. */
  private merge(out: Record<string, unknown>, pair: Pair, path: string, depth: number): void {
    const value = pair.value as YamlNode | null;
    const sources = value && isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const resolved = source && isAlias(source) ? this.resolveAlias(source) : (source as YamlNode | null);
      if (resolved === undefined) continue;
      if (!resolved || !isMap(resolved)) {
        this.report('error', (source as YamlNode | null)?.range?.[0] ?? 0, 'a merge key (<<) takes a mapping or a list of mappings');
        continue;
      }
      // Walked at the mapping's own path: offsets are only recorded where none exist, so
      // explicitly written keys keep their positions and merged ones point at the anchor.
      const merged = this.walk(resolved as YamlNode, path, undefined, depth + 1);
      // null when the walk was cut short (a merge that reaches itself); that error is reported.
      if (merged === null || typeof merged !== 'object') continue;
      for (const [k, v] of Object.entries(merged)) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
    }
  }

  private resolveAlias(alias: Alias): YamlNode | undefined {
    const target = alias.resolve(this.doc) as YamlNode | undefined;
    if (!target) this.report('error', alias.range?.[0] ?? 0, `unknown alias *${alias.source}: no anchor &${alias.source} is defined before it`);
    return target;
  }

  private keyOf(key: unknown, fallback: number): string | undefined {
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) {
      return String(key.value);
    }
    const offset = (key as YamlNode | null)?.range?.[0] ?? fallback;
    this.report('error', offset, key === null ? 'a mapping key is missing' : 'mapping keys must be plain strings');
    return undefined;
  }

  private scalar(node: Scalar): unknown {
    const v: unknown = node.value;
    if (typeof v !== 'string' || !containsInterpolation(v)) return v;
    if (this.interpolated.has(node)) return this.interpolated.get(node);
    const result = interpolate(v, this.vars);
    this.interpolated.set(node, result.value);
    // Only values that read a variable: "$$" alone makes no secret.
    if (/\$\{?[A-Za-z_]/.test(v.replace(/\$\$/g, ''))) {
      this.readingVariable.add(node);
      if (result.value !== v) this.onInterpolated(result.value, v);
    }
    const [start, end] = node.range ?? [0, 0];
    const raw = this.text.slice(start, end);
    const locate = (expression: string): number => {
      const idx = raw.indexOf(expression);
      return idx >= 0 ? start + idx : start;
    };
    for (const e of result.errors) this.report('error', locate(e.expression), e.message);
    for (const w of result.warnings) this.report('warning', locate(w.expression), w.message);
    return result.value;
  }
}

/** A key like "__proto__" or "constructor" is data here, never the object's prototype. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN;
}
