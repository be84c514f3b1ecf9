import * as fs from 'node:fs';
import { StreamableHTTPClientTransport, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { StreamTransport } from '../mcp/stream-transport';
import type { ServeRecord } from '../runtime/serve-registry';

/**
 * A stdio MCP client (Claude Desktop runs `mcp-orchestrator attach memory`) bridged to a running
 * gateway: its messages go, as they are, to a Streamable HTTP session of its own on
 * /servers/<server>/mcp (or /mcp, every server, without a server), and the answers come back. Every attach is a separate gateway session, so
 * any number of them share the server without mixing.
 */
export async function bridgeToGateway(
  serve: ServeRecord,
  server: string | undefined,
  env: NodeJS.ProcessEnv,
  stdio: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<void> {
  const token = serve.tokenEnv !== undefined ? env[serve.tokenEnv] : serve.tokenFile !== undefined ? readToken(serve.tokenFile) : undefined;
  const url = new URL(server === undefined ? `${serve.url}/mcp` : `${serve.url}/servers/${server}/mcp`);
  await relayStdio(url, token === undefined ? {} : { Authorization: `Bearer ${token}` }, stdio);
}

/** A stdio client's messages, as they are, to a Streamable HTTP session of its own at `url`, and the answers back. */
export async function relayStdio(url: URL, headers: Readonly<Record<string, string>>, stdio: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream }): Promise<void> {
  const remote = new StreamableHTTPClientTransport(url, { requestInit: { headers: { ...headers } } });
  const local = new StreamTransport(stdio.stdin, stdio.stdout);
  await new Promise<void>((resolve) => {
    const done = (): void => resolve();
    local.onmessage = (m): void => void remote.send(m as JSONRPCMessage).catch(() => local.close());
    remote.onmessage = (m): void => void local.send(m as Parameters<StreamTransport['send']>[0]).catch(() => undefined);
    local.onclose = done;
    remote.onclose = done;
    remote.onerror = (): void => undefined;
    void remote.start().then(() => local.start());
  });
  await remote.terminateSession().catch(() => undefined);
  await remote.close().catch(() => undefined);
}

function readToken(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
