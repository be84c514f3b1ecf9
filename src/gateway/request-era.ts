import type * as http from 'node:http';
import { classifyInboundRequest } from '@modelcontextprotocol/server';

/**
 * Whether the SDK's createMcpHandler would serve this request as 2025-era traffic (its own
 * classification, as its isLegacyRequest runs it, from the node request: no web Request is built).
 */
export function isLegacy(req: http.IncomingMessage, body: unknown): boolean {
  const httpMethod = (req.method ?? 'GET').toUpperCase();
  if (httpMethod === 'POST' && body === undefined) return true;
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const [protocolVersionHeader, mcpMethodHeader, mcpNameHeader] = [header('mcp-protocol-version'), header('mcp-method'), header('mcp-name')];
  const outcome = classifyInboundRequest({
    httpMethod,
    ...(protocolVersionHeader !== undefined && { protocolVersionHeader }),
    ...(mcpMethodHeader !== undefined && { mcpMethodHeader }),
    ...(mcpNameHeader !== undefined && { mcpNameHeader }),
    ...(body !== undefined && { body }),
  });
  return outcome.kind === 'legacy';
}
