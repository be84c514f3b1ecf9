import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { idOfOversized, LineFramer, type Frame } from './line-framer';

/**
 * The largest message read from a stdio server. Far above any tool result seen from real servers
 * (a file a filesystem server reads whole, a screenshot); an answer over it becomes an error to
 * the request it answered, and the stream goes on.
 */
export const MAX_STDIO_MESSAGE_BYTES = 64 * 1024 * 1024;

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
  /**
   * Marks this as a stdio-shaped transport for the SDK client's era negotiation: a `server/discover`
   * probe that gets no answer means a 2025-era server there, not an outage.
   */
  readonly stderr = null;
  readonly pid = null;
  private readonly framer: LineFramer;
  private closed = false;
  /** A write is held back until the end of this tick (see send). */
  private corked = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly onClose: () => Promise<void> = async () => undefined,
    maxMessageBytes = MAX_STDIO_MESSAGE_BYTES,
  ) {
    this.framer = new LineFramer(maxMessageBytes);
  }

  async start(): Promise<void> {
    this.input.on('data', (chunk: Buffer | string) => {
      for (const frame of this.framer.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) this.deliver(frame);
    });
    this.input.on('error', (err: Error) => this.onerror?.(err));
    this.input.on('end', () => void this.close());
  }

  /** One frame to the reader; nothing here throws into the stream's data handler. */
  private deliver(frame: Frame): void {
    if (frame.kind === 'oversized') {
      const id = idOfOversized(frame);
      this.onerror?.(new Error(`a message of ${frame.bytes} bytes is over the limit of ${this.framer.maxLineBytes}; it was dropped`));
      if (id !== undefined) {
        this.onmessage?.({ jsonrpc: '2.0', id, error: { code: -32603, message: `the server's answer was ${frame.bytes} bytes, over the limit of ${this.framer.maxLineBytes} bytes for one message` } });
      }
      return;
    }
    if (frame.text.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(frame.text);
    } catch {
      this.onerror?.(new Error('a line that is not JSON was skipped'));
      return;
    }
    if (typeof message !== 'object' || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      this.onerror?.(new Error('a line that is not a JSON-RPC message was skipped'));
      return;
    }
    const result = (message as { result?: { protocolVersion?: unknown } }).result;
    if (typeof result?.protocolVersion === 'string') this.protocolVersion = result.protocolVersion;
    this.onmessage?.(message as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    // Messages sent in one turn of the event loop (many clients' calls through the gateway, each
    // read in a callback of its own) leave in one write, after the loop's I/O callbacks: each write
    // to an engine attach socket is a syscall that wakes the engine, the gateway's largest cost
    // under load (about 70 us each on a busy 2-core machine).
    const out = this.output as NodeJS.WritableStream & { cork?: () => void; uncork?: () => void };
    if (!this.corked && out.cork !== undefined) {
      this.corked = true;
      out.cork();
      setImmediate(() => {
        this.corked = false;
        out.uncork?.();
      });
    }
    return new Promise((resolve, reject) => {
      out.write(`${JSON.stringify(message)}\n`, (err) => (err ? reject(err) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.framer.clear();
    await this.onClose();
    this.onclose?.();
  }
}
