import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

describe('the schema is the single source of truth', () => {
  it('the generated types and validator are what the schema generates', () => {
    // Throws (failing the test) with "...is stale: run npm run gen:schema" when they drift.
    execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'gen-from-schema.js'), '--check'], { stdio: 'pipe' });
  });
});
