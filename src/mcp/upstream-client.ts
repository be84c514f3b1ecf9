import { Client, type JSONRPCResponse } from '@modelcontextprotocol/client';

/**
 * The SDK client, as the orchestrator's side of one upstream session (the gateway's, test --url's), with two changes:
 * - A request's answer is handled only after every notification the server sent before it. The SDK
 *   dispatches notifications a microtask later but handles responses at once; when a server's last
 *   progress notification and its result arrive in one read (the common case on stdio), the result
 *   closed the request and the progress was dropped as "for an unknown token".
 * - A 2026-07-28 result without `resultType` is read as complete (the bridge the specification
 *   gives earlier revisions), not failed: servers still omit it (the conformance suite's own
 *   reference server does on its stateless path), and a client of theirs reached directly reads it
 *   so. The gateway's own answer to its client always carries it.
 */
export class UpstreamClient extends Client {
  protected override _onresponse(response: JSONRPCResponse): void {
    const result = (response as { result?: unknown }).result;
    if (this.getProtocolEra() === 'modern' && typeof result === 'object' && result !== null && !('resultType' in result)) {
      (result as Record<string, unknown>)['resultType'] = 'complete';
    }
    queueMicrotask(() => super._onresponse(response));
  }
}
