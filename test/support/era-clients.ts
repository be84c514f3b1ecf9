import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** One SDK client of each protocol era on `url`: v2 pinned to 2026-07-28, and v1 (2025 sessions). */
export async function connectBothEras(url: URL, headers: Record<string, string> = {}): Promise<{ modern: Client; legacy: ClientV1; close(): Promise<void> }> {
  const modern = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  const legacy = new ClientV1({ name: 'legacy', version: '1' });
  await modern.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  await legacy.connect(new TransportV1(url, { requestInit: { headers } }));
  return { modern, legacy, close: async () => void (await Promise.all([modern.close(), legacy.close()])) };
}
