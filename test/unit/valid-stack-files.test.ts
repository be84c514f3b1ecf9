import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { loadStack } from '../../src/stack-file/load-stack';
import { FIXTURES } from '../support/fixtures';

const dir = path.join(FIXTURES, 'valid');
const ENV = { HOME: '/home/user', TAG: '1.2.3', FROM_ENV: 'env-value', WHO: 'process-env' };
const cases = [
  'all-features.yml',
  'anchors.yml',
  'minimal.yml',
  'empty-servers.yml',
  'packages.yml',
  'policy-allowed.yml',
  path.join('dotenv', 'mcp-stack.yml'),
];

/**
 * Golden files: the normalised spec each valid fixture turns into. Regenerate with
 * UPDATE_GOLDEN=1 npx jest test/unit/valid-stack-files.test.ts, then read the diff.
 */
describe('valid stack files normalise to their golden spec', () => {
  beforeAll(() => {
    // git keeps no permission bits but the executable one; env files hold secrets: 600.
    for (const f of ['app.env', 'secrets.env']) fs.chmodSync(path.join(dir, 'dotenv', f), 0o600);
  });

  it.each(cases)('%s', (name) => {
    const file = path.join(dir, name);
    const result = loadStack(file, ENV);
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    const actual = JSON.parse(
      JSON.stringify({ spec: result.spec, warnings: result.warnings.map(formatDiagnostic) }).split(dir).join('<FIXTURES>'),
    ) as unknown;
    const golden = file.replace(/\.yml$/, '.golden.json');
    if (process.env['UPDATE_GOLDEN']) fs.writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(fs.readFileSync(golden, 'utf8')));
  });

  it('the environment wins over .env, and env over env_file', () => {
    const result = loadStack(path.join(dir, 'dotenv', 'mcp-stack.yml'), { WHO: 'shell' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const github = result.spec.servers[0];
    expect(github?.env['WHO']).toBe('shell');
    expect(github?.env['SHARED']).toBe('secrets');
    expect(github?.env['FROM_FILE_OVERRIDDEN']).toBe('by-env');
    expect(github?.source).toEqual({ kind: 'image', image: 'mcp/github:from-dotenv' });
  });
});
