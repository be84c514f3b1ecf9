/** Pages of a list followed at most: a server whose cursors never end is cut off there. */
const MAX_PAGES = 100;

/** Every page of a list, following its cursors (a cursor given back unchanged ends it). */
export async function pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetch(cursor);
    out.push(...page.items);
    if (!page.next || page.next === cursor) break;
    cursor = page.next;
  }
  return out;
}
