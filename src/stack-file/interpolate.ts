/**
 * Compose-style variable interpolation of one string value. Pure: the variables are passed in.
 *
 *   $$            a literal $
 *   $VAR ${VAR}   the value, or "" with a warning when unset
 *   ${VAR:-d}     d when VAR is unset or empty      ${VAR-d}  d when VAR is unset
 *   ${VAR:?msg}   an error showing msg when unset or empty   ${VAR?msg}  when unset
 *   ${VAR:+a}     a when VAR is set and not empty   ${VAR+a}  a when VAR is set
 * Defaults, messages and alternatives may themselves contain ${...}, nested at most
 * MAX_NESTING deep. A "$" followed by anything else is an error in the stack file (a mistyped
 * reference, or an unescaped "$" in a password, would otherwise pass silently); in env files it is
 * kept literally, as Compose does (`loneDollar: 'literal'`).
 */

/** What interpolation reads: a Map, or a lookup over several sources. */
export interface Variables {
  get(name: string): string | undefined;
}

export interface InterpolationProblem {
  /** Index in the input string of the `$` that starts the faulty expression. */
  readonly offset: number;
  /** The expression as written, so a caller can find it in the source text. */
  readonly expression: string;
  readonly message: string;
}

export interface InterpolationResult {
  readonly value: string;
  readonly errors: readonly InterpolationProblem[];
  readonly warnings: readonly InterpolationProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Far beyond any real default; deeper nesting is refused before it can exhaust the stack. */
export const MAX_NESTING = 32;

export interface InterpolateOptions {
  /** What a "$" followed by neither a name, "{" nor "$" is: an error (the stack file) or a literal "$" (env files, as in Compose). */
  readonly loneDollar?: 'error' | 'literal';
}

interface Walk {
  readonly vars: Variables;
  readonly errors: InterpolationProblem[];
  readonly warnings: InterpolationProblem[];
  readonly loneDollarIsLiteral: boolean;
}

/** Every variable `input` refers to, defaults and nested references included (as if none were set). */
export function referencedVariables(input: string): Set<string> {
  const names = new Set<string>();
  const recording: Variables = {
    get: (name) => {
      names.add(name);
      return undefined;
    },
  };
  interpolate(input, recording, { loneDollar: 'literal' });
  return names;
}

/** A personal credential's reference, `${user:NAME}`: resolved per caller by the gateway, never from the environment. */
export const USER_REFERENCE = /^\$\{user:([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Every `${user:NAME}` in a value, by NAME. */
export const USER_REFERENCES = /\$\{user:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function containsInterpolation(input: string): boolean {
  return input.includes('$');
}

export function interpolate(input: string, vars: Variables, options: InterpolateOptions = {}): InterpolationResult {
  const walk: Walk = { vars, errors: [], warnings: [], loneDollarIsLiteral: options.loneDollar === 'literal' };
  const value = expand(input, 0, input.length, walk, 0);
  return { value, errors: walk.errors, warnings: walk.warnings };
}

function expand(s: string, start: number, end: number, walk: Walk, depth: number): string {
  const { errors, warnings, vars } = walk;
  let out = '';
  let i = start;
  while (i < end) {
    const dollar = s.indexOf('$', i);
    if (dollar === -1 || dollar >= end) {
      out += s.slice(i, end);
      break;
    }
    out += s.slice(i, dollar);
    const next = s[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(s, dollar + 2, end);
      if (close === -1) {
        errors.push({
          offset: dollar,
          expression: s.slice(dollar, end),
          message: `unterminated variable reference "${s.slice(dollar, Math.min(end, dollar + 40))}": missing "}"`,
        });
        return out;
      }
      if (depth >= MAX_NESTING) {
        errors.push({ offset: dollar, expression: s.slice(dollar, Math.min(close + 1, dollar + 40)), message: `variable references nested more than ${MAX_NESTING} deep` });
        return out;
      }
      out += braced(s, dollar, close, walk, depth);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(s.slice(dollar + 1, end))?.[0];
    if (name === undefined) {
      if (walk.loneDollarIsLiteral) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      errors.push({
        offset: dollar,
        expression: s.slice(dollar, dollar + 2),
        message: `invalid interpolation "${s.slice(dollar, dollar + 2)}": "$" must be followed by a variable name or "{"; write "$$" for a literal "$"`,
      });
      out += '$';
      i = dollar + 1;
      continue;
    }
    out += lookup(name, vars, dollar, `$${name}`, warnings);
    i = dollar + 1 + name.length;
  }
  return out;
}

/**
 * Index of the "}" closing a "${" whose body starts at `from`. Every "{" inside opens a pair, as in
 * Compose, so a default may hold JSON: `${JSON:-{"a":1}}` closes at the last brace.
 */
function matchingBrace(s: string, from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '$') {
      i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function braced(s: string, dollar: number, close: number, walk: Walk, depth: number): string {
  const { errors, warnings, vars } = walk;
  const expression = s.slice(dollar, close + 1);
  const bodyStart = dollar + 2;
  const name = NAME.exec(s.slice(bodyStart, close))?.[0];
  if (name === undefined) {
    errors.push({
      offset: dollar,
      expression,
      message: `invalid variable reference "${expression}": expected a name of letters, digits and "_" not starting with a digit`,
    });
    return '';
  }
  const opStart = bodyStart + name.length;
  if (opStart === close) return lookup(name, vars, dollar, expression, warnings);
  // ${user:NAME}: a caller's own value (a personal credential), given per user to the gateway: kept as written.
  if (name === 'user' && USER_REFERENCE.test(expression)) return expression;

  const op = s[opStart] === ':' ? s.slice(opStart, opStart + 2) : s.slice(opStart, opStart + 1);
  const argStart = opStart + op.length;
  const value = vars.get(name);
  const unset = value === undefined;
  const unsetOrEmpty = unset || value === '';
  const arg = (): string => expand(s, argStart, close, walk, depth + 1);
  switch (op) {
    case ':-':
      return unsetOrEmpty ? arg() : value;
    case '-':
      return unset ? arg() : value;
    case ':+':
      return unsetOrEmpty ? '' : arg();
    case '+':
      return unset ? '' : arg();
    case ':?':
    case '?': {
      if (op === ':?' ? unsetOrEmpty : unset) {
        const message = arg();
        errors.push({
          offset: dollar,
          expression,
          message: message
            ? `required variable ${name} is ${unset ? 'not set' : 'empty'}: ${message}`
            : `required variable ${name} is ${unset ? 'not set' : 'empty'}`,
        });
        return '';
      }
      return value ?? '';
    }
    default:
      errors.push({
        offset: dollar,
        expression,
        message: `invalid variable reference "${expression}": after the name use one of :- - :? ? :+ +`,
      });
      return '';
  }
}

function lookup(
  name: string,
  vars: Variables,
  offset: number,
  expression: string,
  warnings: InterpolationProblem[],
): string {
  const value = vars.get(name);
  if (value !== undefined) return value;
  warnings.push({ offset, expression, message: `variable ${name} is not set; using an empty string` });
  return '';
}
