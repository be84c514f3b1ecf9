import type * as http from 'node:http';
import { isJsonContentType, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type RequestId, type Transport, type TransportSendOptions } from '@modelcontextprotocol/server';
import type { DirectCall } from './direct-call';

/** As the SDK's transport: a batch of more messages is refused. */
const MAX_BATCH = 100;
/** An answer not given by then goes out as an event stream, with a comment this often, so no idle timeout between client and gateway cuts a long call. */
const KEEP_ALIVE_MS = 15_000;

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } as const;

/** The requests of one POST and the response that carries their answers. */
interface Exchange {
  readonly res: http.ServerResponse;
  readonly ids: readonly RequestId[];
  readonly answers: Map<RequestId, JSONRPCMessage>;
  /** Whether the response became an event stream (something was sent before the answers). */
  streaming: boolean;
  /** The deadline for a plain answer, then the stream's keep-alive (node's clearTimeout stops either). */
  timer?: NodeJS.Timeout;
}

/**
 * One 2025-era session's Streamable HTTP transport, on node's own request and response (the SDK's
 * NodeStreamableHTTPServerTransport converts each request into a web Request and each answer into
 * a web stream of events). An answer is a plain JSON response, written at once, unless the server
 * sends something for the request before it (progress, a log message, a question to the client)
 * or it takes longer than the keep-alive: then the response becomes an event stream, as the
 * specification lets a server choose per request. What it checks and answers otherwise follows the
 * SDK's transport: Accept and Content-Type, session id, protocol version, batches, one standalone
 * GET stream, DELETE.
 */
export class SessionTransport implements Transport {
  sessionId?: string;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private initialized = false;
  private closed = false;
  private versions: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;
  private readonly exchanges = new Map<RequestId, Exchange>();
  private standalone?: { res: http.ServerResponse; timer?: NodeJS.Timeout };
  /** Requests answered by the direct path, still running: a cancellation or the session's end aborts them. */
  private readonly running = new Map<RequestId, AbortController>();

  constructor(
    private readonly options: {
      readonly sessionIdGenerator: () => string;
      readonly onsessioninitialized?: (sessionId: string) => void;
      /** Requests answered without the session's server (a plain tools/call); what it declines goes to the server. */
      readonly direct?: DirectCall;
    },
  ) {}

  async start(): Promise<void> {}

  setSupportedProtocolVersions(versions: string[]): void {
    this.versions = versions;
  }

  async handleRequest(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
    if (this.closed) return sessionNotFound(res);
    if (req.method === 'POST') return this.post(req, res, body);
    if (req.method === 'GET') return this.get(req, res);
    if (req.method === 'DELETE') {
      if (!this.sessionChecked(req, res)) return;
      res.writeHead(200).end();
      return this.close();
    }
    res.writeHead(405, { Allow: 'GET, POST, DELETE', 'Content-Type': 'application/json' }).end(JSON.stringify(rpcError(-32000, 'Method not allowed.')));
  }

  private post(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): void {
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return refuse(res, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    if (!isJsonContentType(req.headers['content-type'] ?? null)) return refuse(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    if (Array.isArray(body) && body.length > MAX_BATCH) return refuse(res, 400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH} messages`);
    const messages = Array.isArray(body) ? body : [body];
    if (!messages.every(isMessage)) return refuse(res, 400, -32700, 'Parse error: Invalid JSON-RPC message');
    if (messages.some((m) => 'method' in m && m.method === 'initialize' && 'id' in m)) {
      if (this.initialized) return refuse(res, 400, -32600, 'Invalid Request: Server already initialized');
      if (messages.length > 1) return refuse(res, 400, -32600, 'Invalid Request: Only one initialization request is allowed');
      this.sessionId = this.options.sessionIdGenerator();
      this.initialized = true;
      this.options.onsessioninitialized?.(this.sessionId);
    } else if (!this.sessionChecked(req, res)) return;
    const ids = messages.filter((m): m is JSONRPCMessage & { id: RequestId; method: string } => 'method' in m && 'id' in m).map((m) => m.id);
    if (ids.length === 0) {
      for (const m of messages) this.dispatch(m);
      res.writeHead(202).end();
      return;
    }
    const exchange: Exchange = { res, ids, answers: new Map(), streaming: false };
    exchange.timer = setTimeout(() => this.stream(exchange), KEEP_ALIVE_MS);
    exchange.timer.unref();
    res.on('close', () => clearTimeout(exchange.timer));
    for (const id of ids) this.exchanges.set(id, exchange);
    for (const m of messages) this.dispatch(m);
  }

  /** A message to the session's server, unless the direct path answers it (or it cancels what the direct path runs). */
  private dispatch(message: JSONRPCMessage): void {
    const direct = this.options.direct;
    if (direct !== undefined && 'method' in message) {
      if ('id' in message) {
        const controller = new AbortController();
        const answer = direct(message as Parameters<DirectCall>[0], controller.signal);
        if (answer !== undefined) {
          const id = message.id;
          this.running.set(id, controller);
          void answer.then((m) => {
            if (this.running.get(id) === controller) this.running.delete(id);
            return m === undefined ? undefined : this.send(m);
          });
          return;
        }
      } else if (message.method === 'notifications/cancelled') {
        const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
        const running = id === undefined ? undefined : this.running.get(id);
        if (id !== undefined && running !== undefined) {
          this.running.delete(id);
          running.abort((message.params as { reason?: unknown }).reason);
          return;
        }
      }
    }
    this.onmessage?.(message);
  }

  private get(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!(req.headers.accept ?? '').includes('text/event-stream')) return refuse(res, 406, -32000, 'Not Acceptable: Client must accept text/event-stream');
    if (!this.sessionChecked(req, res)) return;
    if (this.standalone !== undefined) return refuse(res, 409, -32000, 'Conflict: Only one SSE stream is allowed per session');
    res.writeHead(200, this.headers(SSE_HEADERS));
    res.flushHeaders();
    const stream: { res: http.ServerResponse; timer?: NodeJS.Timeout } = { res };
    stream.timer = keepAlive(res);
    this.standalone = stream;
    res.on('close', () => {
      clearInterval(stream.timer);
      if (this.standalone === stream) this.standalone = undefined;
    });
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answer = 'id' in message && !('method' in message) ? message.id : undefined;
    const id = answer ?? options?.relatedRequestId;
    if (id === undefined || id === null) {
      if (this.standalone !== undefined && writable(this.standalone.res)) this.standalone.res.write(event(message));
      return;
    }
    const exchange = this.exchanges.get(id);
    // Its client went away, or the session closed: nobody to tell.
    if (exchange === undefined) return;
    if (answer === undefined) {
      this.stream(exchange);
      if (writable(exchange.res)) exchange.res.write(event(message));
      return;
    }
    exchange.answers.set(id, message);
    if (exchange.streaming && writable(exchange.res)) exchange.res.write(event(message));
    if (exchange.answers.size < exchange.ids.length) return;
    for (const i of exchange.ids) this.exchanges.delete(i);
    clearTimeout(exchange.timer);
    if (!writable(exchange.res)) return;
    if (exchange.streaming) {
      exchange.res.end();
      return;
    }
    const answers = exchange.ids.map((i) => exchange.answers.get(i));
    const body = JSON.stringify(answers.length === 1 ? answers[0] : answers);
    // With its length, the answer is one write (a chunked one is three, and a fourth to end it).
    exchange.res.writeHead(200, this.headers({ 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) })).end(body);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const running of this.running.values()) running.abort();
    this.running.clear();
    const open = new Set(this.exchanges.values());
    this.exchanges.clear();
    for (const exchange of open) {
      clearTimeout(exchange.timer);
      if (!writable(exchange.res)) continue;
      if (exchange.streaming) exchange.res.end();
      else sessionNotFound(exchange.res);
    }
    if (this.standalone !== undefined) {
      clearInterval(this.standalone.timer);
      this.standalone.res.end();
      this.standalone = undefined;
    }
    this.onclose?.();
  }

  /** The response of `exchange` becomes an event stream (once), kept alive while it is open. */
  private stream(exchange: Exchange): void {
    if (exchange.streaming || !writable(exchange.res)) return;
    exchange.streaming = true;
    clearTimeout(exchange.timer);
    exchange.res.writeHead(200, this.headers(SSE_HEADERS));
    exchange.res.flushHeaders();
    exchange.timer = keepAlive(exchange.res);
  }

  private headers(base: Readonly<Record<string, string>>): Record<string, string> {
    return this.sessionId === undefined ? { ...base } : { ...base, 'mcp-session-id': this.sessionId };
  }

  /** The request names this session and a protocol version the server speaks; otherwise answered here. */
  private sessionChecked(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (!this.initialized) {
      refuse(res, 400, -32000, 'Bad Request: Server not initialized');
      return false;
    }
    const id = req.headers['mcp-session-id'];
    if (id === undefined) {
      refuse(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
      return false;
    }
    if (id !== this.sessionId) {
      sessionNotFound(res);
      return false;
    }
    const version = req.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !this.versions.includes(version)) {
      refuse(res, 400, -32000, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${this.versions.join(', ')})`);
      return false;
    }
    return true;
  }
}

function rpcError(code: number, message: string): JSONRPCMessage {
  return { jsonrpc: '2.0', error: { code, message }, id: null } as unknown as JSONRPCMessage;
}

function refuse(res: http.ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(rpcError(code, message)));
}

function sessionNotFound(res: http.ServerResponse): void {
  refuse(res, 404, -32001, 'Session not found');
}

/** Whether anything can still be written: the response is not over and its client has not gone. */
function writable(res: http.ServerResponse): boolean {
  return !res.writableEnded && !res.destroyed;
}

function event(message: JSONRPCMessage): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}

function keepAlive(res: http.ServerResponse): NodeJS.Timeout {
  const timer = setInterval(() => {
    if (writable(res)) res.write(': keepalive\n\n');
  }, KEEP_ALIVE_MS);
  timer.unref();
  return timer;
}

/**
 * The shape of a JSON-RPC 2.0 message (request, notification, result or error), as the SDK's
 * message schema accepts it; each method's params are validated by the server that handles it.
 */
function isMessage(m: unknown): m is JSONRPCMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  if (o['jsonrpc'] !== '2.0') return false;
  const idOk = (id: unknown): boolean => typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id));
  if ('method' in o) {
    if (typeof o['method'] !== 'string') return false;
    if ('params' in o && o['params'] !== undefined && (typeof o['params'] !== 'object' || o['params'] === null || Array.isArray(o['params']))) return false;
    return !('id' in o) || idOk(o['id']);
  }
  if ('result' in o) return idOk(o['id']) && typeof o['result'] === 'object' && o['result'] !== null && !Array.isArray(o['result']);
  if ('error' in o) {
    const e = o['error'] as Record<string, unknown> | null;
    return (!('id' in o) || o['id'] === null || idOk(o['id'])) && typeof e === 'object' && e !== null && Number.isInteger(e['code']) && typeof e['message'] === 'string';
  }
  return false;
}
