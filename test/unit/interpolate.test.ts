import { interpolate, MAX_NESTING } from '../../src/stack-file/interpolate';

const vars = new Map([
  ['JSON', '{"json":2}'],
  ['SET', 'value'],
  ['EMPTY', ''],
  ['PORT', '8080'],
]);

describe('interpolate: Compose semantics', () => {
  it.each([
    ['no variables', 'plain text', 'plain text'],
    ['$$ is a literal $', 'cost: $$5', 'cost: $5'],
    ['$$ before a brace is not a reference', '$${SET}', '${SET}'],
    ['braced', '${SET}', 'value'],
    ['unbraced', 'x-$SET-y', 'x-value-y'],
    ['unbraced name ends at a non-name character', '$SET.txt', 'value.txt'],
    [':- default when unset', '${NOPE:-d}', 'd'],
    [':- default when empty', '${EMPTY:-d}', 'd'],
    [':- keeps a set value', '${SET:-d}', 'value'],
    ['- default only when unset', '${EMPTY-d}', ''],
    ['- default when unset', '${NOPE-d}', 'd'],
    [':+ alternative when set', '${SET:+alt}', 'alt'],
    [':+ nothing when empty', '${EMPTY:+alt}', ''],
    ['+ alternative when set, even empty', '${EMPTY+alt}', 'alt'],
    ['+ nothing when unset', '${NOPE+alt}', ''],
    ['nested default', '${NOPE:-${PORT}}', '8080'],
    ['deeply nested default', '${A:-${B:-${PORT:-x}}}', '8080'],
    ['default with spaces and colons', '${NOPE:-a b:c}', 'a b:c'],
    ['several references', '${SET}:${PORT}', 'value:8080'],
    ['a set required variable', '${PORT:?needed}', '8080'],
    ['? accepts an empty value', '${EMPTY?needed}', ''],
    // compose-go template_test.go TestValueWithCurlyBracesDefault / TestNoValueWithCurlyBracesDefault
    ['a set value with a JSON default', '${JSON:-{"json":1}}', '{"json":2}'],
    ['a set value with a JSON default (-)', '${JSON-{"json":1}}', '{"json":2}'],
    ['an unset value with a JSON default', 'ok ${NOPE:-{"json":1}}', 'ok {"json":1}'],
    ['TestNonAlphanumericDefault', 'ok ${EMPTY:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
    ['TestInterpolationExternalInterference', '+ok ${NOPE:-${EMPTY-defaultValue}}', '+ok '],
    ['TestDefaultsWithNestedExpansion', 'ok ${EMPTY+$PORT ${PORT:+second}}', 'ok 8080 second'],
    ['TestPrecedence', '${NOPE-myerror?msg}', 'myerror?msg'],
    ['TestSubstituteWithReplacementFunc', 'ok ${SUBDOMAIN:-redis}.${SET:?}', 'ok redis.value'],
  ])('%s', (_name, input, expected) => {
    const r = interpolate(input, vars);
    expect(r.errors).toEqual([]);
    expect(r.value).toBe(expected);
  });

  it.each([
    ['${NOPE:?set it}', 'required variable NOPE is not set: set it'],
    ['${EMPTY:?set it}', 'required variable EMPTY is empty: set it'],
    ['${NOPE?}', 'required variable NOPE is not set'],
    ['${NOPE:?need ${SET}}', 'required variable NOPE is not set: need value'],
    ['${SET', 'unterminated variable reference "${SET": missing "}"'],
    ['${}', 'invalid variable reference "${}": expected a name of letters, digits and "_" not starting with a digit'],
    ['${1A}', 'invalid variable reference "${1A}": expected a name of letters, digits and "_" not starting with a digit'],
    ['${SET!x}', 'invalid variable reference "${SET!x}": after the name use one of :- - :? ? :+ +'],
    ['$1', 'invalid interpolation "$1": "$" must be followed by a variable name or "{"; write "$$" for a literal "$"'],
  ])('%s is an error', (input, message) => {
    const r = interpolate(input, vars);
    expect(r.errors.map((e) => e.message)).toEqual([message]);
  });

  it('locates each error by the offset and text of its expression', () => {
    const r = interpolate('ok ${SET} then ${NOPE:?x}', vars);
    expect(r.errors).toEqual([{ offset: 15, expression: '${NOPE:?x}', message: 'required variable NOPE is not set: x' }]);
  });

  it('warns about an unset variable without a default and uses ""', () => {
    const r = interpolate('a${NOPE}b', vars);
    expect(r.value).toBe('ab');
    expect(r.warnings.map((w) => w.message)).toEqual(['variable NOPE is not set; using an empty string']);
  });
});

describe('interpolate: limits and env-file mode', () => {
  it('nesting deeper than MAX_NESTING is one located error, not a stack overflow', () => {
    const deep = `${'${U:-'.repeat(100_000)}x${'}'.repeat(100_000)}`;
    const r = interpolate(deep, vars);
    expect(r.errors.map((e) => e.message)).toEqual([`variable references nested more than ${MAX_NESTING} deep`]);
  });

  it('in env files a "$" that starts no reference is literal, as in Compose', () => {
    expect(interpolate('a $ string ^REGEX$ $} $1', vars, { loneDollar: 'literal' })).toEqual({ value: 'a $ string ^REGEX$ $} $1', errors: [], warnings: [] });
  });
});
