/**
 * Compose-style variable interpolation of one string value. Pure: the variables are passed in.
 *
 *   $$            a literal $
 *   $VAR ${VAR}   the value, or "" with a warning when unset
 *   ${VAR:-d}     d when VAR is unset or empty      ${VAR-d}  d when VAR is unset
 *   ${VAR:?msg}   an error showing msg when unset or empty   ${VAR?msg}  when unset
 *   ${VAR:+a}     a when VAR is set and not empty   ${VAR+a}  a when VAR is set
 * Defaults, messages and alternatives may themselves contain ${...}.
 */

export type Variables = ReadonlyMap<string, string>;

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

export function containsInterpolation(input: string): boolean {
  return input.includes('$');
}

export function interpolate(input: string, vars: Variables): InterpolationResult {
  const errors: InterpolationProblem[] = [];
  const warnings: InterpolationProblem[] = [];
  const value = expand(input, 0, input.length, vars, errors, warnings);
  return { value, errors, warnings };
}

function expand(
  s: string,
  start: number,
  end: number,
  vars: Variables,
  errors: InterpolationProblem[],
  warnings: InterpolationProblem[],
): string {
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
      out += braced(s, dollar, close, vars, errors, warnings);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(s.slice(dollar + 1, end))?.[0];
    if (name === undefined) {
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

/** Index of the "}" closing a "${" whose body starts at `from`, honouring nested "${...}". */
function matchingBrace(s: string, from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '$') {
      i++;
    } else if (c === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function braced(
  s: string,
  dollar: number,
  close: number,
  vars: Variables,
  errors: InterpolationProblem[],
  warnings: InterpolationProblem[],
): string {
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

  const op = s[opStart] === ':' ? s.slice(opStart, opStart + 2) : s.slice(opStart, opStart + 1);
  const argStart = opStart + op.length;
  const value = vars.get(name);
  const unset = value === undefined;
  const unsetOrEmpty = unset || value === '';
  const arg = (): string => expand(s, argStart, close, vars, errors, warnings);
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
