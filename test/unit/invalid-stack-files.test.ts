import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { loadStack } from '../../src/stack-file/load-stack';
import { expectedDiagnostics, FIXTURES, fixtureFiles } from '../support/fixtures';

const dir = path.join(FIXTURES, 'invalid');
const files = fixtureFiles('invalid');

describe('invalid stack files: every problem at its line and column', () => {
  it('has a broad table of cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s', (name) => {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    const expected = expectedDiagnostics(text).map((l) => `${file}:${l.replace('FIXTURES', dir)}`);
    expect(expected.length).toBeGreaterThan(0);

    const result = loadStack(file, { HOME: '/home/user' });

    expect(result.ok).toBe(false);
    const actual = result.ok ? [] : result.diagnostics.map(formatDiagnostic);
    expect([...actual].sort()).toEqual([...expected].sort());
  });
});
