import * as path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import type { DevelopWatch } from '../stack-file/stack-spec';

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

/** develop.watch: a change under a rule's path (and not ignored) reports that server and action. */
export class DevelopWatcher {
  private watchers: FSWatcher[] = [];
  private key = '';

  constructor(private readonly onChange: (server: string, action: DevelopWatch['action']) => void) {}

  async setRules(rules: readonly DevelopRule[]): Promise<void> {
    const key = JSON.stringify(rules);
    if (key === this.key) return;
    this.key = key;
    await this.closeWatchers();
    this.watchers = await Promise.all(
      rules.map(async ({ server, rule }) => {
        const ignored = rule.ignore.length > 0 ? picomatch([...rule.ignore], { dot: true }) : undefined;
        const w = watch(rule.path, {
          ignoreInitial: true,
          ignored: (p: string) => {
            if (!ignored) return false;
            const rel = path.relative(rule.path, p);
            return rel !== '' && (ignored(rel) || ignored(`${rel}/`));
          },
        });
        w.on('all', () => this.onChange(server, rule.action));
        await new Promise<void>((resolve) => w.once('ready', () => resolve()));
        return w;
      }),
    );
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
