import { Client, type JSONRPCResponse } from '@modelcontextprotocol/client';

/**
 * The SDK client, with one guarantee added: a request's answer is handled only after every
 * notification the server sent before it. The SDK dispatches notifications a microtask later but
 * handles responses at once; when a server's last progress notification and its result arrive in
 * one read (the common case on stdio), the result closed the request and the progress was dropped
 * as "for an unknown token". Handling the answer a microtask later keeps the server's order.
 */
export class UpstreamClient extends Client {
  protected override _onresponse(response: JSONRPCResponse): void {
    queueMicrotask(() => super._onresponse(response));
  }
}
