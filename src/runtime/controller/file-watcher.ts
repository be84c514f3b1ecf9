import * as fs from 'node:fs';
import * as path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import type { DevelopWatch } from '../../stack-file/stack-spec';

/**
 * Watches a set of files through their directories: an editor that saves by writing a new file and
 * renaming it over the old one replaces the inode a file watch would follow, a directory watch
 * sees it. Events carry nothing but "something changed".
 */
export class SpecFileWatcher {
  private watcher: FSWatcher | undefined;
  private files = new Set<string>();

  constructor(private readonly onChange: () => void) {}

  setFiles(files: readonly string[]): void {
    const next = new Set(files.map((f) => path.resolve(f)));
    if (next.size === this.files.size && [...next].every((f) => this.files.has(f))) return;
    const dirs = (set: Set<string>): Set<string> => new Set([...set].map((f) => path.dirname(f)));
    const [before, after] = [dirs(this.files), dirs(next)];
    this.files = next;
    if (!this.watcher) {
      this.watcher = watch([...after], { ignoreInitial: true, depth: 0 });
      this.watcher.on('all', (_event, changed) => {
        if (this.files.has(path.resolve(changed))) this.onChange();
      });
      return;
    }
    const added = [...after].filter((d) => !before.has(d));
    const removed = [...before].filter((d) => !after.has(d));
    if (added.length) this.watcher.add(added);
    if (removed.length) this.watcher.unwatch(removed);
  }

  /** Resolves once the watcher is ready to report changes. */
  async ready(): Promise<void> {
    const w = this.watcher;
    if (w) await new Promise<void>((resolve) => w.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }
}

export interface DevelopRule {
  readonly server: string;
  readonly rule: DevelopWatch;
}

/**
 * Far beyond a real source tree (node_modules and the like belong in `ignore:`): a larger tree
 * watched would hold memory in proportion (`/usr` took 2 GB in 25 s), so it is not watched.
 */
export const MAX_WATCHED_ENTRIES = 20_000;

/**
 * Entries under `root` that are not ignored, counted up to `limit + 1`: a bounded walk that does not
 * follow symbolic links (neither does the watcher).
 */
export function countEntries(root: string, ignored: (rel: string) => boolean, limit: number): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0 && count <= limit) {
    const dir = stack.pop() ?? root;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (ignored(path.relative(root, full))) continue;
      if (++count > limit) break;
      if (e.isDirectory()) stack.push(full);
    }
  }
  return count;
}

/** develop.watch: a change under a rule's path (and not ignored) reports that server and action. */
export class DevelopWatcher {
  private watchers: FSWatcher[] = [];
  private key = '';

  constructor(
    private readonly onChange: (server: string, action: DevelopWatch['action']) => void,
    /** Told about a rule whose tree is larger than MAX_WATCHED_ENTRIES: it is not watched. */
    private readonly onTooLarge: (server: string, path: string) => void = () => undefined,
    private readonly maxEntries = MAX_WATCHED_ENTRIES,
  ) {}

  async setRules(rules: readonly DevelopRule[]): Promise<void> {
    const key = JSON.stringify(rules);
    if (key === this.key) return;
    this.key = key;
    await this.closeWatchers();
    const started = await Promise.all(
      rules.map(async ({ server, rule }) => {
        const patterns = rule.ignore.length > 0 ? picomatch([...rule.ignore], { dot: true }) : undefined;
        const ignoredRel = (rel: string): boolean => patterns !== undefined && rel !== '' && (patterns(rel) || patterns(`${rel}/`));
        if (countEntries(rule.path, ignoredRel, this.maxEntries) > this.maxEntries) {
          this.onTooLarge(server, rule.path);
          return undefined;
        }
        const w = watch(rule.path, { ignoreInitial: true, followSymlinks: false, ignored: (p: string) => ignoredRel(path.relative(rule.path, p)) });
        w.on('all', () => this.onChange(server, rule.action));
        await new Promise<void>((resolve) => w.once('ready', () => resolve()));
        return w;
      }),
    );
    this.watchers = started.filter((w): w is FSWatcher => w !== undefined);
  }

  async close(): Promise<void> {
    this.key = '';
    await this.closeWatchers();
  }

  private async closeWatchers(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.close()));
    this.watchers = [];
  }
}
