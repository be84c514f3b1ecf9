import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic, SourceLocation } from '../errors';
import { pointer, type LocatedDocument } from './located-yaml';

/**
 * Turns ajv's errors into one message for people per problem, at the position of the
 * offending key or value. Errors that only restate a more specific one (the branches of a
 * source choice, the "if" of an if/then, the pattern under a propertyNames) are folded in.
 */
export function explainSchemaErrors(
  errors: readonly ErrorObject[],
  doc: LocatedDocument,
  rootSchema: Record<string, unknown>,
): Diagnostic[] {
  const folded = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.propertyName !== undefined) folded.add(e);
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      for (const sub of errors) {
        if (sub !== e && sub.instancePath.startsWith(e.instancePath) && sub.schemaPath.startsWith(`${e.schemaPath}/`)) {
          folded.add(sub);
        }
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (folded.has(e)) continue;
    const { message, location } = explain(e, doc, rootSchema);
    out.push({ severity: 'error', message, location });
  }
  return out;
}

function explain(
  e: ErrorObject,
  doc: LocatedDocument,
  root: Record<string, unknown>,
): { message: string; location: SourceLocation } {
  const where = displayPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const atValue = doc.valueAt(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
      const known = knownKeys(e.parentSchema, root);
      const synonym = COMPOSE_SYNONYMS.get(key);
      const hint = synonym !== undefined && known.includes(synonym.split('.')[0] ?? '')
        ? `; mcp-stack.yml calls it "${synonym}"`
        : suggestion(key, known);
      return {
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}${hint}`,
        location: doc.keyAt(pointer(e.instancePath, key)),
      };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      return {
        message: `${where ? `${where}: ` : ''}missing required key "${key}"`,
        location: e.instancePath === '' ? { ...atValue, line: 1, col: 1 } : doc.keyAt(e.instancePath),
      };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      return {
        message: `invalid name "${name}" in ${where}: use ${describeNameRule(e.schema, root)}`,
        location: doc.keyAt(pointer(e.instancePath, name)),
      };
    }
    case 'oneOf':
    case 'anyOf':
      return { message: explainChoice(e, where), location: doc.keyAt(e.instancePath) };
    case 'type':
      return { message: `${where || 'the stack file'} must be ${describeTypes(params['type'])}, found ${describeValue(e.data)}`, location: atValue };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
      const found = JSON.stringify(e.data);
      const hint = typeof e.data === 'string' ? suggestion(e.data, (params['allowedValues'] as unknown[]).map(String)) : '';
      return { message: `${where} must be one of ${allowed.join(', ')}, found ${found}${hint}`, location: atValue };
    }
    case 'const':
      return { message: `${where} must be ${JSON.stringify(params['allowedValue'])}, found ${describeValue(e.data)}`, location: atValue };
    case 'pattern':
      return { message: `${where} must be ${describePattern(String(params['pattern']))}, found ${JSON.stringify(e.data)}`, location: atValue };
    case 'minLength':
      return { message: `${where} must not be empty`, location: atValue };
    case 'maxLength':
      return { message: `${where} must be at most ${String(params['limit'])} characters`, location: atValue };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${where} must be ${String(params['comparison'])} ${String(params['limit'])}, found ${describeValue(e.data)}`, location: atValue };
    default:
      return { message: `${where || 'the stack file'} ${e.message ?? 'is invalid'}`, location: atValue };
  }
}

/** A choice whose branches each require one key is a choice of source: name them. */
function explainChoice(e: ErrorObject, where: string): string {
  const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
  const keys = branches.map((b) => {
    const req = isRecord(b) && Array.isArray(b['required']) ? b['required'] : [];
    return req.length === 1 ? String(req[0]) : undefined;
  });
  if (keys.length > 0 && keys.every((k) => k !== undefined)) {
    const list = keys.join(', ');
    const present = isRecord(e.data) ? keys.filter((k) => k !== undefined && Object.hasOwn(e.data as object, k)) : [];
    return present.length > 1
      ? `${where} has more than one source (${present.join(', ')}): keep exactly one of ${list}`
      : `${where} needs a source: one of ${list}`;
  }
  return `${where} ${e.message ?? 'matches none of the allowed forms'}`;
}

/** Docker Compose's names for keys this format spells differently: Compose users type these first. */
const COMPOSE_SYNONYMS = new Map([
  ['environment', 'env'],
  ['mem_limit', 'resources.memory'],
  ['cpus', 'resources.cpus'],
  ['pids_limit', 'resources.pids'],
  ['stop_grace_period', 'stop_timeout'],
  ['services', 'servers'],
]);

const NAME_PATTERN = '^[a-z0-9][a-z0-9_-]*$';
const PATTERNS = new Map([
  [NAME_PATTERN, 'lowercase letters, digits, "-" and "_", starting with a letter or digit'],
  ['^/', 'an absolute path (starting with /)'],
  ['^[^=\\s]+$', 'a name without "=" or white space'],
]);

/** The rule a propertyNames schema sets, in words: its pattern, and its length limit when it has one. */
function describeNameRule(schema: unknown, root: Record<string, unknown>): string {
  const rule = isRecord(schema) && typeof schema['$ref'] === 'string' ? resolveRef(schema['$ref'], root) : schema;
  if (!isRecord(rule)) return 'a valid name';
  const pattern = typeof rule['pattern'] === 'string' ? describePattern(rule['pattern']) : 'a valid name';
  return typeof rule['maxLength'] === 'number' ? `${pattern}, at most ${rule['maxLength']} characters` : pattern;
}

function describePattern(pattern: string): string {
  return PATTERNS.get(pattern) ?? `a string matching ${pattern}`;
}

const TYPE_NAMES = new Map([
  ['object', 'a mapping'],
  ['array', 'a list'],
  ['string', 'a string'],
  ['integer', 'an integer'],
  ['number', 'a number'],
  ['boolean', 'true or false'],
  ['null', 'empty'],
]);

function describeTypes(types: unknown): string {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map((t) => TYPE_NAMES.get(String(t)) ?? String(t));
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1] ?? ''}` : (list[0] ?? 'valid');
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function suggestion(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(word, [...candidates]);
  const d = distance(word, best);
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (d > limit) return '';
  // On a tie, swapped letters ("sevrers") are likelier than other letters ("secrets").
  const letters = (w: string): string => [...w].sort().join('');
  const anagram = candidates.find((c) => distance(word, c) === d && letters(c) === letters(word));
  return `; did you mean "${anagram ?? best}"?`;
}

/** The keys a schema object accepts, following $ref (the server schema borrows its settings). */
function knownKeys(schema: unknown, root: Record<string, unknown>, depth = 0): string[] {
  if (!isRecord(schema) || depth > 5) return [];
  const own = isRecord(schema['properties']) ? Object.keys(schema['properties']) : [];
  const ref = typeof schema['$ref'] === 'string' ? resolveRef(schema['$ref'], root) : undefined;
  return [...new Set([...own, ...knownKeys(ref, root, depth + 1)])].sort();
}

function resolveRef(ref: string, root: Record<string, unknown>): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = isRecord(cur) ? cur[part] : undefined;
  return cur;
}

/** /servers/memory/env/KEY -> servers.memory.env.KEY, how people read paths in YAML. */
export function displayPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
