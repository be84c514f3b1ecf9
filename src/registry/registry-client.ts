import { readBounded, type Fetch } from '../outbound/guarded-fetch';
import { RegistryEntryError, type ServerJson } from './server-json';

/** The official MCP registry. */
export const OFFICIAL_REGISTRY = 'https://registry.modelcontextprotocol.io';
/** A registry answer bigger than this is not an entry. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** One version of a server as the registry's v0 API gives it: server.json and the registry's own metadata. */
interface ServerResponse {
  readonly server?: ServerJson;
  readonly _meta?: Record<string, { readonly status?: string; readonly isLatest?: boolean } | undefined>;
}

/**
 * A registry's v0 API (the generic registry API the official registry and subregistries serve):
 * `GET /v0/servers/{name}/versions/{version|latest}`, and `GET /v0/servers?search=` to find a full
 * name from a short one. Through the outbound rules.
 */
export class RegistryClient {
  constructor(
    private readonly base: string,
    private readonly fetch: Fetch,
  ) {}

  /** The entry `name` at `version` (the latest by default); a short name is looked up first. */
  async entry(name: string, version = 'latest'): Promise<{ server: ServerJson; status?: string }> {
    const full = name.includes('/') ? name : await this.fullName(name);
    const answer = await this.get<ServerResponse>(`/v0/servers/${encodeURIComponent(full)}/versions/${encodeURIComponent(version)}`, `${full}@${version}`);
    if (answer.server === undefined) throw new RegistryEntryError(`the registry's answer for ${full} has no server`);
    const status = answer._meta?.['io.modelcontextprotocol.registry/official']?.status;
    return { server: answer.server, ...(status !== undefined && { status }) };
  }

  private async fullName(short: string): Promise<string> {
    const answer = await this.get<{ servers?: ServerResponse[] }>(`/v0/servers?search=${encodeURIComponent(short)}&version=latest&limit=100`, short);
    const names = [...new Set((answer.servers ?? []).map((s) => s.server?.name ?? '').filter((n) => n === short || n.endsWith(`/${short}`)))].sort();
    if (names.length === 1) return names[0] as string;
    if (names.length === 0) throw new RegistryEntryError(`no server named ${short} in ${this.base}`);
    throw new RegistryEntryError(`${short} names ${names.length} servers in ${this.base}: ${names.join(', ')}; give the full name`);
  }

  private async get<T>(pathAndQuery: string, what: string): Promise<T> {
    const url = new URL(pathAndQuery, this.base.endsWith('/') ? this.base : `${this.base}/`);
    const response = await this.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    if (response.status === 404) {
      await response.body?.cancel();
      throw new RegistryEntryError(`${what} is not in ${this.base}`);
    }
    const text = await readBounded(response, MAX_ANSWER_BYTES, `the registry's answer`).catch((err: unknown) => {
      throw new RegistryEntryError(err instanceof Error ? err.message : String(err));
    });
    if (!response.ok) throw new RegistryEntryError(`${this.base} answered ${response.status} for ${what}`);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RegistryEntryError(`${this.base} answered with something that is not JSON for ${what}`);
    }
  }
}
