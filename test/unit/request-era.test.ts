import type * as http from 'node:http';
import { isLegacyRequest } from '@modelcontextprotocol/server';
import { isLegacy } from '../../src/gateway/request-era';

/** The gateway tells a request's era from node's request; the SDK's predicate from a web Request: they must agree. */
describe('isLegacy', () => {
  const MODERN = '2026-07-28';
  const envelope = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
  const cases: { name: string; method: string; headers: Record<string, string>; body?: unknown }[] = [
    { name: 'initialize', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } } },
    { name: '2025 call with its version header', method: 'POST', headers: { 'mcp-protocol-version': '2025-06-18' }, body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } } },
    { name: '2026-07-28 call', method: 'POST', headers: { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': 'x' }, body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', _meta: envelope } } },
    { name: '2026-07-28 call without the method headers', method: 'POST', headers: { 'mcp-protocol-version': MODERN }, body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', _meta: envelope } } },
    { name: 'envelope without a header', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: envelope } } },
    { name: 'server/discover', method: 'POST', headers: { 'mcp-protocol-version': MODERN, 'mcp-method': 'server/discover' }, body: { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope } } },
    { name: 'a batch', method: 'POST', headers: {}, body: [{ jsonrpc: '2.0', id: 1, method: 'ping' }] },
    { name: 'a GET', method: 'GET', headers: {} },
    { name: 'a GET naming 2026-07-28', method: 'GET', headers: { 'mcp-protocol-version': MODERN } },
    { name: 'a DELETE', method: 'DELETE', headers: { 'mcp-protocol-version': '2025-06-18' } },
    { name: 'a POST without a body', method: 'POST', headers: {} },
  ];

  it.each(cases)('$name: as the SDK classifies it', async ({ method, headers, body }) => {
    const web = new Request('http://gateway/mcp', { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const sdk = await isLegacyRequest(web, body);
    expect(isLegacy({ method, headers } as unknown as http.IncomingMessage, body)).toBe(sdk);
  });

  it('tells the two eras apart (the cases are not all one way)', () => {
    const outcomes = new Set(cases.map(({ method, headers, body }) => isLegacy({ method, headers } as unknown as http.IncomingMessage, body)));
    expect(outcomes).toEqual(new Set([true, false]));
  });
});
