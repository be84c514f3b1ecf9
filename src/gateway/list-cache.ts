/** The lists a server offers, as the gateway keeps them. */
export type ListKind = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';
export const LIST_KINDS: readonly ListKind[] = ['tools', 'prompts', 'resources', 'resourceTemplates'];

/** One item of a list: every list item has a name; the rest passes through as the server wrote it. */
export type ListItem = { readonly name: string } & Readonly<Record<string, unknown>>;

/**
 * One server's lists as last fetched, answered without asking the server again. A refresh is
 * single-flight per kind: a change announced while one runs causes exactly one more run after it,
 * so a burst of `list_changed` notifications costs two fetches, not one each. `changed` is told
 * only when a list's content really changed. A failed fetch keeps the last list. No I/O of its
 * own: `fetch` is given.
 */
export class ListCache {
  private readonly lists = new Map<ListKind, readonly ListItem[]>();
  private readonly texts = new Map<ListKind, string>();
  private readonly running = new Map<ListKind, Promise<void>>();
  private readonly again = new Set<ListKind>();

  constructor(
    private readonly fetch: (kind: ListKind) => Promise<readonly ListItem[]>,
    private readonly changed: (kind: ListKind) => void,
    private readonly failed: (kind: ListKind, error: unknown) => void = () => undefined,
  ) {}

  get(kind: ListKind): readonly ListItem[] {
    return this.lists.get(kind) ?? [];
  }

  /** Fetches `kind` again (joining a fetch already running, and running once more after it). */
  refresh(kind: ListKind): Promise<void> {
    const running = this.running.get(kind);
    if (running !== undefined) {
      this.again.add(kind);
      return running;
    }
    const run = this.run(kind).finally(() => this.running.delete(kind));
    this.running.set(kind, run);
    return run;
  }

  private async run(kind: ListKind): Promise<void> {
    do {
      this.again.delete(kind);
      try {
        this.store(kind, await this.fetch(kind));
      } catch (err) {
        this.failed(kind, err);
      }
    } while (this.again.has(kind));
  }

  /** Sets a list (the first fetch, done by whoever opened the session); tells `changed` when it differs. */
  store(kind: ListKind, items: readonly ListItem[]): void {
    const text = JSON.stringify(items);
    if (this.texts.get(kind) === text) return;
    const first = !this.texts.has(kind);
    this.lists.set(kind, items);
    this.texts.set(kind, text);
    if (!first) this.changed(kind);
  }
}
