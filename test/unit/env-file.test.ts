import { envFileLine, parseEnvFile, type Lookup } from '../../src/stack-file/env-file';

/**
 * Compose's own cases for env files, transcribed from compose-spec/compose-go: dotenv/godotenv_test.go
 * (TestParsing, TestExpanding, the fixtures plain.env, quoted.env, substitutions-default.env, ...),
 * dotenv/parser_test.go and dotenv/godotenv_var_expansion_test.go. Where this project is stricter,
 * the case says so.
 */
const none: Lookup = () => undefined;

function values(text: string, lookup: Lookup = none): Record<string, string> {
  const r = parseEnvFile(text, lookup);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return Object.fromEntries(r.values);
}

function errors(text: string, lookup: Lookup = none): string[] {
  const r = parseEnvFile(text, lookup);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('env files: Compose parsing rules (godotenv_test.go TestParsing)', () => {
  it.each([
    ['FOO=bar', 'FOO', 'bar'],
    ['FOO =bar', 'FOO', 'bar'],
    ['FOO= bar', 'FOO', 'bar'],
    ['FOO="bar"', 'FOO', 'bar'],
    ["FOO='bar'", 'FOO', 'bar'],
    ['FOO="escaped\\"bar"', 'FOO', 'escaped"bar'],
    ['FOO="\\"quoted\\""', 'FOO', '"quoted"'],
    [`FOO="'d'"`, 'FOO', "'d'"],
    ['OPTION_A: 1', 'OPTION_A', '1'],
    ['OPTION_A: Foo=bar', 'OPTION_A', 'Foo=bar'],
    ['OPTION_A=1:B', 'OPTION_A', '1:B'],
    ['export OPTION_A=2', 'OPTION_A', '2'],
    ["export OPTION_B='\\n'", 'OPTION_B', '\\n'],
    ['export exportFoo=2', 'exportFoo', '2'],
    ['exportFOO=2', 'exportFOO', '2'],
    ['export_FOO =2', 'export_FOO', '2'],
    ['export.FOO= 2', 'export.FOO', '2'],
    ['export\tOPTION_A=2', 'OPTION_A', '2'],
    ['  export OPTION_A=2', 'OPTION_A', '2'],
    ['\texport OPTION_A=2', 'OPTION_A', '2'],
    ['export OPTION_A="export A"', 'OPTION_A', 'export A'],
    ['FOO="bar\\nbaz"', 'FOO', 'bar\nbaz'],
    ['FOO=a\\tb', 'FOO', 'a\\tb'],
    ['FOO="a\\tb"', 'FOO', 'a\tb'],
    ['KEY="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"', 'KEY', 'Z\x07Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ'],
    ['FOO.BAR=foobar', 'FOO.BAR', 'foobar'],
    ['FOO=foobar=', 'FOO', 'foobar='],
    ['FOO=bar ', 'FOO', 'bar'],
    ['FOO=bar # this is foo', 'FOO', 'bar'],
    ['FOO=bar #this is foo', 'FOO', 'bar'],
    ['FOO=bar #', 'FOO', 'bar'],
    ['FOO=123#not-an-inline-comment', 'FOO', '123#not-an-inline-comment'],
    ['URL=http://x/#frag', 'URL', 'http://x/#frag'],
    ['FOO="bar#baz"', 'FOO', 'bar#baz'],
    ['FOO="bar#baz"#', 'FOO', 'bar#baz'],
    ['FOO="bar#baz" # comment', 'FOO', 'bar#baz'],
    ["FOO='bar#baz' # comment", 'FOO', 'bar#baz'],
    ['FOO="bar#baz#bang" # comment', 'FOO', 'bar#baz#bang'],
    ['FOO="ba#r"', 'FOO', 'ba#r'],
    ["FOO='ba#r'", 'FOO', 'ba#r'],
    ['FOO="bar\\n\\ b\\az"', 'FOO', 'bar\n\\ b\x07z'],
    ['FOO="bar\\\\\\n\\ b\\az"', 'FOO', 'bar\\\n\\ b\x07z'],
    ['FOO="bar\\\\r\\ b\\az"', 'FOO', 'bar\\r\\ b\x07z'],
    ['FOO="bar\\nbaz\\\\"', 'FOO', 'bar\nbaz\\'],
    [' KEY =value', 'KEY', 'value'],
    ['   KEY=value', 'KEY', 'value'],
    ['\tKEY=value', 'KEY', 'value'],
    ['KEY="\\0123"', 'KEY', 'S'],
    ['KEY="\\x07"', 'KEY', '\\x07'],
    ['KEY="\\u12e4"', 'KEY', '\\u12e4'],
    ['KEY="\\U00101234"', 'KEY', '\\U00101234'],
    ['TEST_URLS="stratum+tcp://a:3333\nstratum+tcp://a:443"', 'TEST_URLS', 'stratum+tcp://a:3333\nstratum+tcp://a:443'],
    ['\uFEFFOPTION_A=1', 'OPTION_A', '1'],
    ['VAR-WITH-DASHES=dashes', 'VAR-WITH-DASHES', 'dashes'],
    ['a[1]=c', 'a[1]', 'c'],
    ['árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép', 'árvíztűrő-TÜKÖRFÚRÓGÉP', 'ÁRVÍZTŰRŐ-tükörfúrógép'],
    ['A=1\r\nB=2\r\n', 'B', '2'],
  ])('%j', (line, key, expected) => {
    expect(values(line)[key]).toBe(expected);
  });

  it('plain.env', () => {
    const text = 'OPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\nOPTION_F = \nOPTION_G=\nOPTION_H = my string # Inline comment\n';
    expect(values(text)).toEqual({ OPTION_A: '1', OPTION_B: '2', OPTION_C: '3', OPTION_D: '4', OPTION_E: '5', OPTION_F: '', OPTION_G: '', OPTION_H: 'my string' });
  });

  it('quoted.env: quotes, an empty value, a literal \\n in single quotes, multi-line values, \\\' in single quotes', () => {
    const text = [
      "OPTION_A='1'",
      "OPTION_B='2'",
      "OPTION_C=''",
      "OPTION_D='\\n'",
      'OPTION_E="1"',
      'OPTION_F="2"',
      'OPTION_G=""',
      'OPTION_H="\\n"',
      `OPTION_I = "echo 'asd'" # Inline comment`,
      "OPTION_J = 'first line",
      'second line',
      'third line',
      "and so on'",
      "OPTION_K='Let\\'s go!'",
      'OPTION_Z = "last value"',
      '',
    ].join('\n');
    expect(values(text)).toEqual({
      OPTION_A: '1',
      OPTION_B: '2',
      OPTION_C: '',
      OPTION_D: '\\n',
      OPTION_E: '1',
      OPTION_F: '2',
      OPTION_G: '',
      OPTION_H: '\n',
      OPTION_I: "echo 'asd'",
      OPTION_J: 'first line\nsecond line\nthird line\nand so on',
      OPTION_K: "Let's go!",
      OPTION_Z: 'last value',
    });
  });

  it.each([['\n'], ['\r\n'], ['\t\t '], ['# Comment'], ['\t # comment']])('%j sets nothing', (text) => {
    expect(values(text)).toEqual({});
  });
});

describe('env files: expansion (TestExpanding, substitutions, var expansion tests)', () => {
  it.each([
    ['FOO=test\nBAR=$FOO', { FOO: 'test', BAR: 'test' }],
    ['FOO=test\nBAR=${FOO}bar', { FOO: 'test', BAR: 'testbar' }],
    ['BAR=$FOO', { BAR: '' }],
    ['FOO=test\nBAR="quote $FOO"', { FOO: 'test', BAR: 'quote test' }],
    ["BAR='quote $FOO'", { BAR: 'quote $FOO' }],
    ['FOO="foo\\$BAR"', { FOO: 'foo$BAR' }],
    ['FOO="foo\\${BAR}"', { FOO: 'foo${BAR}' }],
    ['FOO=test\nBAR="foo\\${FOO} ${FOO}"', { FOO: 'test', BAR: 'foo${FOO} test' }],
    ['FOO=$$bar', { FOO: '$bar' }],
    ['RESULT=${UNSET_VAR:-Default Value}', { RESULT: 'Default Value' }],
    ['EMPTY_VAR=\nRESULT=${EMPTY_VAR:-Default Value}', { EMPTY_VAR: '', RESULT: 'Default Value' }],
    ['EMPTY_VAR=\nRESULT=${EMPTY_VAR-Default Value}', { EMPTY_VAR: '', RESULT: '' }],
    ['TEST_VAR=Test Value\nRESULT=${TEST_VAR:-Default Value}', { TEST_VAR: 'Test Value', RESULT: 'Test Value' }],
    ['EMPTY_VAR=\nRESULT=${EMPTY_VAR?Test error}', { EMPTY_VAR: '', RESULT: '' }],
    ['JSON={"json":2}\nR=${JSON:-{"json":1}}', { JSON: '{"json":2}', R: '{"json":2}' }],
    ['R=${MISSING:-{"json":1}}', { R: '{"json":1}' }],
    // A "$" that starts no reference stays, as in Compose (template_test.go TestUnescaped).
    ['P=a $ string\nQ=^REGEX$\nR=$}\nS=pa$$w0rd$', { P: 'a $ string', Q: '^REGEX$', R: '$}', S: 'pa$w0rd$' }],
  ])('%j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('the environment is read first, then keys set earlier in the file (TestSubstitutionsWithEnvFilePrecedence)', () => {
    const text = 'OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n';
    expect(values(text, (k) => (k === 'OPTION_A' ? '5' : undefined))).toEqual({ OPTION_A: '1', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' });
    expect(values(text)).toEqual({ OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' });
  });

  it('substitutions-default.env, with and without OPTION_A in the environment', () => {
    const text = 'OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n';
    expect(values(text, (k) => (k === 'OPTION_A' ? '5' : undefined))).toEqual({ OPTION_A: '5', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' });
    expect(values(text)).toEqual({ OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' });
  });

  it('a bare KEY takes the environment value, and is left out when unset (inherited-*.env)', () => {
    const env: Lookup = (k) => (k === 'VAR_TO_BE_LOADED_FROM_OS_ENV' ? 'SOME_RANDOM_VALUE' : undefined);
    expect(values('VAR_TO_BE_LOADED_FROM_OS_ENV\nfoo=bar\nbar=baz\nVARIABLE_NOT_FOUND\n', env)).toEqual({ VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE', foo: 'bar', bar: 'baz' });
    expect(values('VAR_TO_BE_LOADED_FROM_OS_ENV', env)).toEqual({ VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE' });
    expect(values('TEST=$ME', (k) => (k === 'ME' ? 'YES' : undefined))).toEqual({ TEST: 'YES' });
  });

  it('a later file sees the keys an earlier one set (TestMultipleFiles)', () => {
    const base = values('ENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\n');
    const r = parseEnvFile('ENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n', none, new Map(Object.entries(base)));
    expect(r.ok && Object.fromEntries(r.values)).toEqual({ ENV_HOSTNAME: 'dev.my-company.com', ENV_MY_URL: 'http://dev.my-company.com' });
    const withEnv = parseEnvFile('ENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n', (k) => (k === 'ENV_HOSTNAME' ? 'host.local' : undefined));
    expect(withEnv.ok && withEnv.values.get('ENV_MY_URL')).toBe('http://host.local');
  });
});

describe('env files: malformed input is a located error, never a silent drop', () => {
  it.each([
    ['KEY="', '1:5: unterminated quoted value "'],
    ['KEY="value', '1:5: unterminated quoted value "value'],
    ['KEY="value\\"', '1:5: unterminated quoted value "value\\"'],
    ["KEY=\"value'", '1:5: unterminated quoted value "value\''],
    ["KEY='", "1:5: unterminated quoted value '"],
    ["KEY='value", "1:5: unterminated quoted value 'value"],
    ["KEY='value\\'", "1:5: unterminated quoted value 'value\\'"],
    ['KEY=\'value"', "1:5: unterminated quoted value 'value\""],
  ])('%j', (text, message) => {
    expect(errors(text)[0]).toContain(message);
  });

  it.each([
    ['lol$wut', '1:4: unexpected character "$" in variable name "lol$wut"'],
    ['%!(EXTRA string)=foo', '1:1: unexpected character "%" in variable name'],
    ['A=1\nB=2\n\n# c\nMY KEY=3\n', '5:1: variable name "MY KEY" contains a space'],
    ['A=1\n="value"', '2:1: a variable name is missing before "="'],
    ['A="x" trailing', '1:7: unexpected text after the closing " of A'],
    ['A=1\nB=${NOPE:?set it}', '2:3: required variable NOPE is not set: set it'],
    ['A=${', '1:3: unterminated variable reference'],
  ])('%j', (text, message) => {
    expect(errors(text)[0]).toContain(message);
  });

  it('1,000 lines in linear time (parser_test.go TestMemoryExplosion)', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `KEY${i}=VALUE${i}`).join('\n');
    expect(Object.keys(values(text))).toHaveLength(1000);
  });
});

describe('env files: a line written for a value reads back as that value', () => {
  it.each(['plain', 'a $HOME and ${HOME} and $$', 'quotes " and \' and \\" and a trailing \\', 'two\nlines\r\n', ' spaced # not a comment '])('%j', (value) => {
    const read = parseEnvFile(`${envFileLine('KEY', value)}\n`, () => 'FROM-ENVIRONMENT');
    expect(read.ok && read.values.get('KEY')).toBe(value);
  });
});
