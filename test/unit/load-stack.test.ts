import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { loadStack, MAX_STACK_FILE_BYTES } from '../../src/stack-file/load-stack';

describe('loadStack: files that are not stack files get one clear located error', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-load-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const errorsFor = (file: string): string[] => {
    const r = loadStack(file, {});
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
  };

  it('a missing file', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    expect(errorsFor(file)).toEqual([`${file}:1:1: cannot read the stack file: no such file`]);
  });

  it('a directory', () => {
    expect(errorsFor(dir)).toEqual([`${dir}:1:1: is a directory; name the stack file, e.g. ${path.join(dir, 'mcp-stack.yml')}`]);
  });

  it('an empty file', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, '');
    expect(errorsFor(file)).toEqual([`${file}:1:1: the stack file is empty: it needs at least "version: 1" and "servers:"`]);
  });

  it('a binary file', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    expect(errorsFor(file)).toEqual([`${file}:1:1: is a binary file, not YAML`]);
  });

  it('text that is not UTF-8', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, Buffer.from('version: 1\nservers: {}\n# caf\xe9\n', 'latin1'));
    expect(errorsFor(file)).toEqual([`${file}:1:1: is not valid UTF-8 text`]);
  });

  it('a huge file, before reading it', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, `# ${'x'.repeat(MAX_STACK_FILE_BYTES)}\n`);
    expect(errorsFor(file)).toEqual([
      `${file}:1:1: is ${MAX_STACK_FILE_BYTES + 3} bytes; a stack file may be at most ${MAX_STACK_FILE_BYTES} bytes`,
    ]);
  });

  it('an alias bomb ends in an error, not an exhausted heap', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`x-${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    fs.writeFileSync(file, `version: 1\nservers: {}\nx-${levels.join('\nx-')}\n`);
    expect(errorsFor(file)).toEqual([expect.stringContaining('the document is too large after expanding aliases and variables: more than 200000 values')]);
  });

  it('the project name defaults to the directory name, sanitised', () => {
    const sub = path.join(dir, 'My.Team Stack');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'mcp-stack.yml'), 'version: 1\nservers: {}\n');
    const r = loadStack(path.join(sub, 'mcp-stack.yml'), {});
    expect(r.ok && r.spec.project).toBe('myteamstack');
  });

  it('warns about an env_file every user can read', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(path.join(dir, 'app.env'), 'TOKEN=x\n', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'app.env'), 0o644);
    fs.writeFileSync(file, 'version: 1\nservers:\n  a:\n    image: x\n    env_file: app.env\n');
    const r = loadStack(file, {});
    expect(r.ok && r.warnings.map(formatDiagnostic)).toEqual([
      `${file}:5:15: warning: env_file "app.env" is readable by every user on this machine (mode 644); consider chmod 600`,
    ]);
  });
});

describe('loadStack: .env and env_file by Compose rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-envfiles-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const stack = (server: string): string => write('mcp-stack.yml', `version: 1\nproject: envfiles\nservers:\n  s:\n    image: busybox\n${server}`);

  it('env_file values are expanded (environment, .env, env:, earlier keys), escaped, and keep # without a space before it', () => {
    write('.env', 'HOST=from-dotenv\nexport GREETING="hello\\tworld"\n');
    write('app.env', ['URL=http://${HOST}/#frag', 'QUOTED="say \\"hi\\" $$5"', "LITERAL='$HOST'", 'FROM_ENV', 'OWN=${ONLY_IN_ENV_ENTRY}', 'JOINED=${URL}?x=1 # a comment', ''].join('\n'));
    const r = loadStack(stack('    env_file: app.env\n    env: { ONLY_IN_ENV_ENTRY: own, GREETING_COPY: "${GREETING}" }\n'), { FROM_ENV: 'inherited' });
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    expect(r.spec.servers[0]?.env).toEqual({
      FROM_ENV: 'inherited',
      GREETING_COPY: 'hello\tworld',
      JOINED: 'http://from-dotenv/#frag?x=1',
      LITERAL: '$HOST',
      ONLY_IN_ENV_ENTRY: 'own',
      OWN: 'own',
      QUOTED: 'say "hi" $5',
      URL: 'http://from-dotenv/#frag',
    });
  });

  it('a malformed env_file is an error located in that file, and the stack is invalid', () => {
    write('app.env', 'GOOD=1\nBROKEN="no end\n');
    const r = loadStack(stack('    env_file: app.env\n'), {});
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([`${path.join(dir, 'app.env')}:2:8: unterminated quoted value "no end: the closing " is missing`]);
  });

  it('a malformed .env is an error located in it', () => {
    write('.env', 'A=1\nNOT A LINE\n');
    const r = loadStack(stack(''), {});
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([`${path.join(dir, '.env')}:2:1: variable name "NOT A LINE" contains a space`]);
  });

  it('a required variable missing in an env_file is located there', () => {
    write('app.env', 'TOKEN=${API_TOKEN:?set API_TOKEN}\n');
    const r = loadStack(stack('    env_file: app.env\n'), {});
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([`${path.join(dir, 'app.env')}:1:7: required variable API_TOKEN is not set: set API_TOKEN`]);
  });
});

describe('loadStack: inputs that would exhaust memory, stack or time are refused, located', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-limits-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const load = (text: string): string[] => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, text);
    const r = loadStack(file, { HOME: '/home/user' });
    return r.ok ? [] : r.diagnostics.map((d) => formatDiagnostic(d).slice(file.length + 1));
  };

  it('an aliased value that interpolates to a large string: refused at the byte budget, not after 1.7 GB', () => {
    const text = `version: 1\nx-a: &a "${'${HOME}'.repeat(20_000)}"\nx-b: &b [${Array(50).fill('*a').join(',')}]\nx-c: [${Array(50).fill('*b').join(',')}]\nservers: {}\n`;
    expect(load(text)).toEqual([expect.stringMatching(/^\d+:\d+: the document is too large after expanding aliases and variables: more than 4 MiB of keys and values$/)]);
  });

  it('${...} nested 100,000 deep: one located error, no stack overflow', () => {
    expect(load(`version: 1\nservers:\n  a:\n    image: "${'${U:-'.repeat(100_000)}x${'}'.repeat(100_000)}"\n`)).toEqual(['4:13: variable references nested more than 32 deep']);
  });

  it('80,000 keys in one mapping are checked for duplicates in linear time (the test time-out is the bound)', () => {
    const keys = Array.from({ length: 80_000 }, (_, i) => `  k${i}: 1\n`).join('');
    expect(load(`version: 1\nservers: {}\nx-k:\n${keys}  k7: 2\n`)).toEqual(['80004:3: duplicate key "k7": a key may appear only once in a mapping']);
  }, 15_000);
});
