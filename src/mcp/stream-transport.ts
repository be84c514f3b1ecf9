import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * MCP's stdio framing (newline-delimited JSON-RPC) over any pair of streams: a container's
 * attached stdin/stdout here, a process's pipes elsewhere. The SDK's own StdioClientTransport
 * spawns a process; the servers this tool runs are already in containers.
 */
export class StreamTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** The protocol version the server answered initialize with. */
  protocolVersion: string | undefined;
  private readonly buffer = new ReadBuffer();
  private closed = false;
  /** A write is held back until the end of this tick (see send). */
  private corked = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.buffer.readMessage();
        } catch (err) {
          this.onerror?.(err instanceof Error ? err : new Error(String(err)));
          continue;
        }
        if (message === null) break;
        const result = (message as { result?: { protocolVersion?: unknown } }).result;
        if (typeof result?.protocolVersion === 'string') this.protocolVersion = result.protocolVersion;
        this.onmessage?.(message);
      }
    });
    this.input.on('error', (err: Error) => this.onerror?.(err));
    this.input.on('end', () => void this.close());
  }

  send(message: JSONRPCMessage): Promise<void> {
    // Messages sent in one tick (many clients' calls through the gateway) leave in one write: each
    // write to an engine attach socket is a syscall, the gateway's largest cost under load.
    const out = this.output as NodeJS.WritableStream & { cork?: () => void; uncork?: () => void };
    if (!this.corked && out.cork !== undefined) {
      this.corked = true;
      out.cork();
      process.nextTick(() => {
        this.corked = false;
        out.uncork?.();
      });
    }
    return new Promise((resolve, reject) => {
      out.write(serializeMessage(message), (err) => (err ? reject(err) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer.clear();
    await this.onClose();
    this.onclose?.();
  }
}
