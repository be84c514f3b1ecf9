import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolve, validate } from '../../src/library/operations';

/** A stack written in code is judged by the same policy, and its project directory is never the host. */
describe('the library: where a stack from code has its project directory', () => {
  const stack = (volume: string): Record<string, unknown> => ({ version: 1, project: 'lib', servers: { s: { image: 'x:1', volumes: [volume] } } });
  const messages = (r: ReturnType<typeof validate>): string[] => (r.ok ? [] : r.diagnostics.map((d) => d.message));

  it('without dir there is no project directory: ./ is a host path like any other (the process\'s working directory may be /)', () => {
    const cwd = process.cwd();
    try {
      process.chdir('/');
      const r = validate({ stack: stack('./:/host') });
      expect(r.ok).toBe(false);
      expect(messages(r).join('\n')).toMatch(/mounts \.\/, and a stack written in code without a dir has no project directory; add "host_paths" to the top-level allow: list/);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each(['/', '/etc', '/home'])('dir %s is a system directory: nothing counts as inside it', (dir) => {
    const r = validate({ stack: stack('./:/host'), dir });
    expect(messages(r).join('\n')).toMatch(/is a system directory, so nothing counts as inside it; add "host_paths"/);
  });

  it('a dir of the project\'s own: its paths are inside it, as in a stack file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-lib-'));
    try {
      fs.mkdirSync(path.join(dir, 'data'));
      expect(validate({ stack: stack('./data:/data'), dir }).ok).toBe(true);
      expect(validate({ stack: { ...stack('./data:/data'), allow: ['host_paths'] } }).ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validate returns what validate --json prints, never a value of the stack\'s; resolve is the explicit call that has them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-lib-'));
    try {
      fs.writeFileSync(path.join(dir, 'secret.env'), 'FROM_FILE=canary-from-env-file\n', { mode: 0o600 });
      const source = { stack: { version: 1, project: 'lib', servers: { s: { image: 'x:1', env: { TOKEN: '${SECRET}' }, env_file: 'secret.env', args: ['--key', '${SECRET}'] } } }, dir };
      const env = { SECRET: 'canary-from-variable' };
      const checked = validate(source, { env });
      expect(checked).toEqual({ ok: true, project: 'lib', servers: ['s'], warnings: [] });
      expect(JSON.stringify(checked)).not.toMatch(/canary/);
      const full = JSON.stringify(resolve(source, { env }));
      expect(full).toContain('canary-from-variable');
      expect(full).toContain('canary-from-env-file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
