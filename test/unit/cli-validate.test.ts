import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { captureOutput } from '../support/capture';
import { FIXTURES } from '../support/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const examples = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .map((d) => path.join('examples', d, 'mcp-stack.yml'))
  .filter((f) => fs.existsSync(path.join(ROOT, f)));

/**
 * An example as a user runs it: a copy of its directory, with the secret files its comments tell the
 * user to make (they are never committed) made.
 */
function asUserRunsIt(file: string): { file: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-example-'));
  fs.cpSync(path.dirname(path.join(ROOT, file)), dir, { recursive: true });
  const stack = parseYaml(fs.readFileSync(path.join(dir, 'mcp-stack.yml'), 'utf8')) as { secrets?: Record<string, { file: string }> };
  for (const s of Object.values(stack.secrets ?? {})) if (!fs.existsSync(path.join(dir, s.file))) fs.writeFileSync(path.join(dir, s.file), 'example-secret', { mode: 0o600 });
  return { file: path.join(dir, 'mcp-stack.yml'), done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('mcp-orchestrator validate', () => {
  it.each(['mcp-stack.yml', ...examples])('accepts %s', async (file) => {
    const io = captureOutput();
    const copy = file === 'mcp-stack.yml' ? { file: path.join(ROOT, file), done: () => undefined } : asUserRunsIt(file);
    try {
      const code = await main(['validate', '-f', copy.file], { HOME: '/home/user' }, io);
      expect(io.stderr).toEqual([]);
      expect(code).toBe(ExitCode.OK);
      expect(io.stdout).toEqual([expect.stringMatching(/: valid: project "[a-z0-9-]+", \d+ servers? \(/)]);
    } finally {
      copy.done();
    }
  });

  it('a variable in an invalid value is named in diagnostics, never echoed (text and --json)', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir() as string, 'mcpo-redact-'));
    try {
      const file = path.join(dir, 'mcp-stack.yml');
      fs.writeFileSync(file, 'version: 1\nservers:\n  a:\n    image: x:1\n    restart: "${TOKEN}"\n    user: "${TOKEN}"\n    stop_timeout: "x-${TOKEN}"\n');
      const env = { TOKEN: 'canary-s3cr3t-0123456789' };
      for (const args of [['validate', '-f', file], ['validate', '-f', file, '--json']]) {
        const io = captureOutput();
        expect(await main(args, env, io)).toBe(ExitCode.INVALID_SPEC);
        const all = [...io.stdout, ...io.stderr].join('\n');
        expect(all).not.toContain('canary-s3cr3t');
        expect(all).toContain('${TOKEN}');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the examples the docs promise, each listed in examples/README.md', () => {
    const index = fs.readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
    // Local development with hot reload, a team gateway, servers from packages, Swarm.
    for (const use of ['build', 'team-gateway', 'packages', 'swarm']) expect(examples).toContain(path.join('examples', use, 'mcp-stack.yml'));
    expect(examples.map((f) => path.basename(path.dirname(f))).filter((d) => !index.includes(`[\`${d}/\`](${d}/)`))).toEqual([]);
  });

  it('rejects an invalid file with one located line per problem and exit code 3', async () => {
    const io = captureOutput();
    const file = path.join(FIXTURES, 'invalid', 'many-errors.yml');
    const code = await main(['validate', '-f', file], {}, io);
    expect(code).toBe(ExitCode.INVALID_SPEC);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      `${file}:7:14: servers.a.restart must be one of "no", "on-failure", "always", "unless-stopped", found "never"`,
      `${file}:10:5: unknown key "environment" in servers.b; mcp-stack.yml calls it "env"`,
      `${file}: invalid: 2 errors`,
    ]);
  });

  it('--json reports diagnostics as data', async () => {
    const io = captureOutput();
    const file = path.join(FIXTURES, 'invalid', 'restart-enum.yml');
    const code = await main(['validate', '--json', '-f', file], {}, io);
    expect(code).toBe(ExitCode.INVALID_SPEC);
    expect(JSON.parse(io.stdout.join('\n'))).toEqual({
      valid: false,
      file,
      diagnostics: [
        {
          severity: 'error',
          message: 'servers.memory.restart must be one of "no", "on-failure", "always", "unless-stopped", found "allways"; did you mean "always"?',
          file,
          line: 6,
          col: 14,
        },
      ],
    });
  });

  it('an unknown command is a usage error, not a stack trace', async () => {
    const io = captureOutput();
    const code = await main(['valdate'], {}, io);
    expect(code).toBe(ExitCode.USAGE);
    expect(io.stderr.join('\n')).toMatch(/unknown command 'valdate'[\s\S]*Did you mean validate\?/);
  });
});
