import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countEntries, DevelopWatcher } from '../../src/runtime/controller/file-watcher';

describe('develop.watch trees are bounded', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-devwatch-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'a'), { recursive: true });
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(dir, 'node_modules', 'a', `f${i}.js`), '');
    fs.writeFileSync(path.join(dir, 'src', 'index.js'), '');
    fs.symlinkSync('/usr', path.join(dir, 'usr-link'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts entries without following links, skipping ignored ones, and stops past the limit', () => {
    expect(countEntries(dir, () => false, 1000)).toBe(35);
    expect(countEntries(dir, (rel) => rel.startsWith('node_modules'), 1000)).toBe(3);
    expect(countEntries(dir, () => false, 10)).toBe(11);
  });

  it('a tree over the limit is not watched, and the owner is told; an ignored one fits', async () => {
    const tooLarge: string[] = [];
    const w = new DevelopWatcher(() => undefined, (server, p) => tooLarge.push(`${server} ${p}`), 10);
    try {
      await w.setRules([{ server: 'big', rule: { path: dir, action: 'restart', ignore: [] } }]);
      expect(tooLarge).toEqual([`big ${dir}`]);
      await w.setRules([{ server: 'small', rule: { path: dir, action: 'restart', ignore: ['node_modules/**'] } }]);
      expect(tooLarge).toEqual([`big ${dir}`]);
    } finally {
      await w.close();
    }
  });
});
