import { isMap, isScalar, parseDocument, stringify, type Pair, type YAMLMap } from 'yaml';

/** A change of the stack file an agent asked for, by server. */
export type ServerEdit =
  | { readonly kind: 'add'; readonly name: string; readonly definition: Record<string, unknown> }
  | { readonly kind: 'change'; readonly name: string; readonly definition: Record<string, unknown> }
  | { readonly kind: 'remove'; readonly name: string };

type Result = { ok: true; text: string } | { ok: false; message: string };

/**
 * The stack file's text with one server added, replaced or removed, found through the yaml
 * Document API and changed by splicing only that server's lines: every other byte of the file
 * (comments, spacing, flow style, anchors) stays as it was, so the diff a reviewer reads is the
 * change and nothing else. Pure; whether the result is a valid stack (schema, semantics, the
 * allow: policy) is for the stack-file pipeline.
 */
export function editServers(text: string, edit: ServerEdit): Result {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, message: `the stack file does not parse: ${doc.errors[0]?.message ?? ''}` };
  const servers = doc.get('servers', true);
  if (!isMap(servers)) return { ok: false, message: 'the stack file has no servers: mapping to edit' };
  const pair = pairOf(servers, edit.name);
  if (edit.kind === 'add' && pair !== undefined) return { ok: false, message: `server "${edit.name}" exists already; change_server replaces it` };
  if (edit.kind !== 'add' && pair === undefined) return { ok: false, message: `no server "${edit.name}" in the stack file` };
  if (servers.flow) return { ok: false, message: 'servers: is written in flow style ({...}); write it as a block mapping to let the control tools edit it' };

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const spliced = new Splicer(text);
  const indent = indentOf(servers, text);
  const block = (): string => render(edit.name, (edit as { definition: Record<string, unknown> }).definition, indent, eol);
  if (edit.kind === 'add') {
    const last = servers.items[servers.items.length - 1];
    spliced.insertAfterLineOf(last === undefined ? rangeEnd(servers) : pairEnd(last), block());
  } else if (edit.kind === 'change') {
    spliced.replaceLines(pairStart(pair as Pair), pairEnd(pair as Pair), block());
  } else {
    removeFrom(spliced, text, pairOf(doc.contents as YAMLMap, 'servers') as Pair, servers, pair as Pair);
    // Its gateway settings name a server that no longer exists: they go with it.
    const gateway = doc.get('gateway', true);
    const gatewayServers = isMap(gateway) ? pairOf(gateway, 'servers') : undefined;
    const setting = gatewayServers !== undefined && isMap(gatewayServers.value) ? pairOf(gatewayServers.value, edit.name) : undefined;
    if (setting !== undefined) {
      if ((gatewayServers?.value as YAMLMap).flow) return { ok: false, message: 'gateway.servers is written in flow style; write it as a block mapping to let the control tools edit it' };
      removeFrom(spliced, text, gatewayServers as Pair, gatewayServers?.value as YAMLMap, setting);
    }
  }
  return { ok: true, text: spliced.result() };
}

/** Removes `pair` from `map` (the value of `parent`); the last one out leaves `key: {}`, which a stack file may hold, rather than a null. */
function removeFrom(spliced: Splicer, text: string, parent: Pair, map: YAMLMap, pair: Pair): void {
  if (map.items.length > 1) {
    spliced.replaceLines(pairStart(pair), pairEnd(pair), '');
    return;
  }
  const start = pairStart(parent);
  const column = start - text.lastIndexOf('\n', start - 1) - 1;
  spliced.replaceLines(start, pairEnd(parent), `${' '.repeat(column)}${String((parent.key as { value: unknown }).value)}: {}`);
}

function pairOf(map: YAMLMap, name: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === name) as Pair | undefined;
}

function pairStart(pair: Pair): number {
  return (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
}

/** Where the pair's value ends, trailing comment included (the node's end, before the next key). */
function pairEnd(pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  return value?.range?.[1] ?? (pair.key as { range?: [number, number, number] }).range?.[1] ?? 0;
}

function rangeEnd(node: { range?: [number, number, number] | null }): number {
  return node.range?.[1] ?? 0;
}

/** The column the servers' names start at (2 when there are none yet). */
function indentOf(servers: YAMLMap, text: string): number {
  const first = servers.items[0];
  if (first === undefined) return 2;
  const at = pairStart(first);
  return at - text.lastIndexOf('\n', at - 1) - 1;
}

/** `name:` and its definition as block YAML at the servers' indentation. */
function render(name: string, definition: Record<string, unknown>, indent: number, eol: string): string {
  const yaml = stringify({ [name]: definition }, { indent: 2, lineWidth: 0 }).trimEnd();
  return yaml
    .split('\n')
    .map((l) => `${' '.repeat(indent)}${l}`)
    .join(eol);
}

/** Replaces whole lines of the original text; the rest is copied unchanged. */
class Splicer {
  private readonly edits: { from: number; to: number; insert: string }[] = [];

  constructor(private readonly text: string) {}

  /** The lines from the one holding `start` to the one holding `end` (inclusive) become `block` (nothing, for '' ). */
  replaceLines(start: number, end: number, block: string): void {
    const from = this.lineStart(start);
    const to = this.lineEnd(end);
    this.edits.push({ from, to, insert: block === '' ? '' : `${block}${this.eol()}` });
  }

  /** `block` as new lines after the line holding `offset`. */
  insertAfterLineOf(offset: number, block: string): void {
    const at = this.lineEnd(offset);
    const needsBreak = at > 0 && this.text[at - 1] !== '\n';
    this.edits.push({ from: at, to: at, insert: `${needsBreak ? this.eol() : ''}${block}${this.eol()}` });
  }

  result(): string {
    let out = this.text;
    for (const e of [...this.edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
    return out;
  }

  private eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Just past the newline that ends the line holding `offset` (the last non-blank character before it). */
  private lineEnd(offset: number): number {
    let end = offset;
    // A node's end may sit at the start of the next line; step back onto its own.
    while (end > 0 && /\s/.test(this.text[end - 1] ?? '')) end--;
    const nl = this.text.indexOf('\n', end);
    return nl === -1 ? this.text.length : nl + 1;
  }
}
