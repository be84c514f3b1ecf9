import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { createLogger, format, transports, type Logger } from 'winston';
import { OrchestratorError } from '../errors';
import type { GatewaySpec } from '../stack-file/stack-spec';
import type { Caller } from './caller-auth';
import type { ExchangeTrace } from './request-traces';

/**
 * One line of the audit trail: who did what through the gateway, how it was decided and how it
 * went. Only these fields are ever written: never arguments, results, tokens or message contents.
 */
export interface AuditEntry {
  readonly time: string;
  readonly subject?: string;
  readonly client?: string;
  /** A 2025-era session's id; 2026-07-28 requests have none. */
  readonly session?: string;
  readonly endpoint: string;
  readonly server?: string;
  readonly method: string;
  /** The tool's or prompt's gateway name, or the resource's URI. */
  readonly name?: string;
  readonly decision?: 'allow' | 'deny';
  readonly rule?: string;
  readonly outcome: 'ok' | 'error' | 'denied' | 'unauthenticated';
  /** The HTTP status of the exchange. */
  readonly status: number;
  readonly ms: number;
  /** The server's state after the request (up, degraded, down). */
  readonly upstream?: string;
}

/** What a request's handling learns for its audit line as it goes (the server it went to, how that went). */
export interface AuditNotes {
  server?: string;
  upstreamOk?: boolean;
  upstream?: string;
  decision?: { allowed: boolean; rule?: string };
  /** Its trace (gateway.traces): what it forwards carries its context. */
  trace?: ExchangeTrace;
}

/**
 * The audit trail: JSON lines to stdout, or to a file rotated by size (winston's file transport:
 * `max_size`, `max_files`). The file is refused when what is at its name is not a regular file
 * (a link planted there would have the trail written elsewhere).
 */
export class AuditTrail {
  private readonly logger: Logger;

  constructor(target: NonNullable<GatewaySpec['audit']>) {
    const line = format.printf((info) => JSON.stringify(info['entry']));
    if (target === 'stdout') {
      this.logger = createLogger({ level: 'info', format: line, transports: [new transports.Console()] });
      return;
    }
    try {
      fs.mkdirSync(path.dirname(target.file), { recursive: true });
    } catch (err) {
      throw new OrchestratorError('USAGE', `gateway.audit: cannot make the directory of ${target.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const st = fs.lstatSync(target.file, { throwIfNoEntry: false });
    if (st !== undefined && !st.isFile()) throw new OrchestratorError('USAGE', `gateway.audit: ${target.file} is not a regular file (a link or something else is at its name); move it away`);
    // A new trail is made here, exclusively and private (never through a link planted since the check).
    if (st === undefined) fs.closeSync(fs.openSync(target.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600));
    this.logger = createLogger({ level: 'info', format: line, transports: [new transports.File({ filename: target.file, maxsize: target.maxBytes, maxFiles: target.maxFiles, tailable: true })] });
  }

  write(entry: AuditEntry): void {
    this.logger.info('audit', { entry });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.logger.on('finish', () => resolve());
      this.logger.end();
      setTimeout(resolve, 2000).unref();
    });
  }
}

/** How a request that was read went: refused by the rules, failed (here or upstream), or answered. */
export function outcomeOf(status: number, notes: AuditNotes): 'ok' | 'error' | 'denied' {
  if (notes.decision?.allowed === false || status === 403) return 'denied';
  return status >= 400 || notes.upstreamOk === false ? 'error' : 'ok';
}

/** The longest method or name a record keeps. */
const MAX_NAME = 256;

/**
 * The record of one exchange, made when its answer is finished (for the audit trail and the
 * metrics): what `seen` holds by then (the caller, the JSON-RPC request, what its handling noted).
 * Notifications and answers to a server's questions are not requests: no record. What was refused
 * before the body was read (no token) is said by HTTP method and path.
 */
export function reportExchange(req: http.IncomingMessage, res: http.ServerResponse, endpoint: string, seen: { caller?: Caller; body?: unknown; readonly notes: AuditNotes }, report: (entry: AuditEntry) => void): void {
  const started = performance.now();
  res.on('finish', () => {
    const message = typeof seen.body === 'object' && seen.body !== null && !Array.isArray(seen.body) ? (seen.body as { method?: unknown; id?: unknown; params?: Record<string, unknown> }) : undefined;
    const unauthenticated = res.statusCode === 401;
    if (!unauthenticated && (typeof message?.method !== 'string' || message.id === undefined)) return;
    const params = message?.params ?? {};
    // A name or method is the client's to choose: kept to a name's length, never a place for a message.
    const named = typeof params['name'] === 'string' ? params['name'] : typeof params['uri'] === 'string' ? params['uri'] : undefined;
    const name = named?.slice(0, MAX_NAME);
    const { notes } = seen;
    const denied = notes.decision?.allowed === false || res.statusCode === 403;
    const outcome = unauthenticated ? 'unauthenticated' : outcomeOf(res.statusCode, notes);
    const session = res.getHeader('mcp-session-id') ?? req.headers['mcp-session-id'];
    report({
      time: new Date().toISOString(),
      ...(seen.caller !== undefined && { subject: seen.caller.subject }),
      ...(seen.caller?.clientId !== undefined && { client: seen.caller.clientId }),
      ...(typeof session === 'string' && { session }),
      endpoint,
      ...(notes.server !== undefined && { server: notes.server }),
      method: typeof message?.method === 'string' ? message.method.slice(0, MAX_NAME) : `${req.method ?? ''} ${endpoint}`,
      ...(name !== undefined && { name }),
      ...(notes.decision !== undefined ? { decision: notes.decision.allowed ? 'allow' : 'deny' } : denied ? { decision: 'deny' as const } : {}),
      ...(notes.decision?.rule !== undefined && { rule: notes.decision.rule }),
      outcome,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(notes.upstream !== undefined && { upstream: notes.upstream }),
    });
  });
}
