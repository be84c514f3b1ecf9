import type { ProtocolEra } from '@modelcontextprotocol/client';
import { repeatedName, repeatedNameError } from '../mcp/tool-list';
import type { ListItem, ListKind } from './list-cache';
import type { UpstreamClient } from '../mcp/upstream-client';
import { UPSTREAM_DEADLINE_MS } from './upstream-errors';

/** A server's lists as the gateway reads them: every page, no name twice, changes followed. */

export const LIST_METHOD: Readonly<Record<ListKind, string>> = {
  tools: 'tools/list',
  prompts: 'prompts/list',
  resources: 'resources/list',
  resourceTemplates: 'resources/templates/list',
};
const LIST_FIELD: Readonly<Record<ListKind, string>> = { tools: 'tools', prompts: 'prompts', resources: 'resources', resourceTemplates: 'resourceTemplates' };
const CAPABILITY_FOR_LIST: Readonly<Record<ListKind, 'tools' | 'prompts' | 'resources'>> = { tools: 'tools', prompts: 'prompts', resources: 'resources', resourceTemplates: 'resources' };

/** Pages a list is followed through at most: a server whose cursors never end is cut off there. */
const MAX_PAGES = 100;

/** A whole list (every page) as the server wrote it; nothing when the server does not offer it. */
export async function fetchList(client: UpstreamClient, kind: ListKind, timeout = UPSTREAM_DEADLINE_MS): Promise<ListItem[]> {
  if (client.getServerCapabilities()?.[CAPABILITY_FOR_LIST[kind]] === undefined) return [];
  const items: ListItem[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = (await client.request({ method: LIST_METHOD[kind] as 'tools/list', params: cursor === undefined ? {} : { cursor } }, { timeout })) as unknown as Record<string, unknown>;
    const got = page[LIST_FIELD[kind]];
    if (Array.isArray(got)) items.push(...(got as ListItem[]));
    const next = page['nextCursor'];
    if (typeof next !== 'string' || next === cursor) break;
    cursor = next;
  }
  return items;
}

/**
 * A 2026-07-28 server tells of list changes only on a `subscriptions/listen` stream: one is kept
 * open for every list it says changes (a 2025-era server sends them unasked).
 */
export async function followChanges(client: UpstreamClient, era: ProtocolEra): Promise<void> {
  if (era !== 'modern') return;
  const caps = client.getServerCapabilities();
  const filter = {
    ...(caps?.tools?.listChanged === true && { toolsListChanged: true }),
    ...(caps?.prompts?.listChanged === true && { promptsListChanged: true }),
    ...(caps?.resources?.listChanged === true && { resourcesListChanged: true }),
  };
  if (Object.keys(filter).length === 0) return;
  // Without the stream the lists are still right at each new session; changes are then missed.
  await client.listen(filter, { timeout: UPSTREAM_DEADLINE_MS }).catch(() => undefined);
}

export class RepeatedNameError extends Error {}

/** A list of tools or prompts (called by name) with a name in it twice is refused (see repeatedName). */
export function unrepeated(kind: ListKind): (items: ListItem[]) => ListItem[] {
  return (items) => {
    const name = kind === 'tools' || kind === 'prompts' ? repeatedName(items) : undefined;
    if (name !== undefined) throw new RepeatedNameError(repeatedNameError(kind === 'tools' ? 'tool' : 'prompt', name));
    return items;
  };
}
