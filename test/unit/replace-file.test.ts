import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replaceFile } from '../../src/util/replace-file';

describe('replaceFile: a user\'s file gets new text and stays what it was', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-replace-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a symlinked file (a dotfile manager\'s) stays a symlink; its target gets the text and keeps its mode', () => {
    const target = path.join(dir, 'dotfiles-mcp.json');
    fs.writeFileSync(target, 'old', { mode: 0o600 });
    const link = path.join(dir, 'mcp.json');
    fs.symlinkSync(target, link);
    replaceFile(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['dotfiles-mcp.json', 'mcp.json']);
  });

  it('a new file is made', () => {
    replaceFile(path.join(dir, 'new.json'), '{}');
    expect(fs.readFileSync(path.join(dir, 'new.json'), 'utf8')).toBe('{}');
  });
});
