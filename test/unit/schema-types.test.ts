import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

describe('the schema is the single source of truth', () => {
  it('src/spec/stack-file.generated.ts is what the schema generates', () => {
    // Throws (failing the test) with "...is stale: run npm run gen:types" when they drift.
    execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'gen-types.js'), '--check'], { stdio: 'pipe' });
  });
});
