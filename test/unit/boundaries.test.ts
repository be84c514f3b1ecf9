import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

const files = sourceFiles(SRC).map((f) => ({ rel: path.relative(SRC, f), imports: importsOf(f) }));

describe('module boundaries', () => {
  it('core/ is pure: no engine, watcher, logger, file system or process', () => {
    const forbidden = /^(dockerode|chokidar|winston|node:fs|fs|node:child_process|node:net|node:http|\.\.\/docker|\.\.\/apply|\.\.\/runtime|\.\.\/cli)/;
    const offenders = files.filter((f) => f.rel.startsWith('core/')).flatMap((f) => f.imports.filter((i) => forbidden.test(i)).map((i) => `${f.rel} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('only docker/ imports dockerode', () => {
    const offenders = files.filter((f) => !f.rel.startsWith('docker/') && f.imports.includes('dockerode')).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('spec/ does not know Docker exists', () => {
    const offenders = files.filter((f) => f.rel.startsWith('spec/')).flatMap((f) => f.imports.filter((i) => /dockerode|\.\.\/docker|\.\.\/core/.test(i)).map((i) => `${f.rel} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('no console outside cli/', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !path.relative(SRC, f).startsWith('cli/'))
      .filter((f) => /\bconsole\./.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
