import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The `# expect: LINE:COL: message` lines a fixture declares about itself. */
export function expectedDiagnostics(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^# expect: (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
}

export function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.yml'))
    .sort();
}
