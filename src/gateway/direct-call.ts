import { isCallToolResult, ProtocolError, ProtocolErrorCode, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/server';

/**
 * A request a 2025-era session answers without its SDK server (see endpointServer's `direct`):
 * the answer, or undefined when its client cancelled it (the SDK's server sends none then either).
 */
export type DirectCall = (request: { readonly id: RequestId; readonly method: string; readonly params?: Record<string, unknown> }, signal: AbortSignal) => Promise<JSONRPCMessage | undefined> | undefined;

/** A `tools/call` with nothing but a name, arguments and `_meta`. */
export interface PlainToolCall {
  readonly name: string;
  readonly arguments?: Record<string, unknown>;
  readonly _meta?: Record<string, unknown>;
}

const PLAIN_KEYS = new Set(['name', 'arguments', '_meta']);

/**
 * The params of a `tools/call` the direct path may take: a name, arguments (an object), `_meta`
 * without a progress token, and nothing else. Anything more (a progress token, a task, a round's
 * `inputResponses` or `requestState`, a malformed field) goes to the SDK's server, which validates
 * it and carries what it asks for.
 */
export function plainToolCall(params: unknown): PlainToolCall | undefined {
  if (!isObject(params) || typeof params['name'] !== 'string') return undefined;
  for (const key in params) if (!PLAIN_KEYS.has(key)) return undefined;
  const args = params['arguments'];
  if (args !== undefined && !isObject(args)) return undefined;
  const meta = params['_meta'];
  if (meta !== undefined && (!isObject(meta) || 'progressToken' in meta)) return undefined;
  return params as unknown as PlainToolCall;
}

/**
 * A server's `tools/call` result as a 2025-era client may receive it: as the server sent it when
 * it is a CallToolResult (the SDK's own check), with the empty `content` the SDK's server adds to
 * one without any; anything else is refused as the SDK's server refuses it.
 */
export function checkedToolResult(result: unknown): Record<string, unknown> {
  if (isCallToolResult(result)) return result as unknown as Record<string, unknown>;
  if (isObject(result) && result['content'] === undefined && !('task' in result)) {
    const filled = { ...result, content: [] };
    if (isCallToolResult(filled)) return filled;
  }
  throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid tools/call result: the server sent something that is not a CallToolResult');
}

/** What a thrown error becomes on the wire, as the SDK's server makes it (its code, or -32603; a 2025-era client gets -32602 for -32002). */
export function errorAnswer(id: RequestId, error: unknown): JSONRPCMessage {
  const e = (isObject(error) ? error : {}) as { code?: unknown; message?: unknown; data?: unknown };
  const thrown = Number.isSafeInteger(e.code) ? (e.code as number) : ProtocolErrorCode.InternalError;
  const code = thrown === -32002 ? -32602 : thrown;
  const message = typeof e.message === 'string' ? e.message : 'Internal error';
  return { jsonrpc: '2.0', id, error: { code, message, ...(e.data !== undefined && { data: e.data }) } } as JSONRPCMessage;
}

/** MCP's log levels, least severe first. */
const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(level: unknown): level is LogLevel {
  return (LOG_LEVELS as readonly unknown[]).includes(level);
}

/** Whether a message at `level` reaches a client that set `threshold` (as the SDK decides: an unknown level passes). */
export function logPasses(level: string, threshold: LogLevel | undefined): boolean {
  if (threshold === undefined) return true;
  const severity = (LOG_LEVELS as readonly string[]).indexOf(level);
  return severity < 0 || severity >= LOG_LEVELS.indexOf(threshold);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
