import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Real imports and requires, as the compiler sees them: text inside string literals does not count. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Whether the code (not its strings or comments) uses the identifier `console`. */
function usesConsole(file: string): boolean {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === 'console') || ts.forEachChild(node, visit) === true;
  return visit(source);
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
      .filter(usesConsole)
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

describe('start-up cost', () => {
  it.each(['apply', 'plan', 'ps', 'down', 'validate'])('the %s command does not load the MCP SDK', (command) => {
    const modules = execFileSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(path.join(SRC, '..', 'dist', 'cli', 'commands', `${command}.js`))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
      { encoding: 'utf8' },
    );
    expect((JSON.parse(modules) as string[]).filter((m) => m.includes('@modelcontextprotocol'))).toEqual([]);
  });
});
