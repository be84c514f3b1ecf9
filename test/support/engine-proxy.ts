import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface EngineProxy {
  /** For --host. */
  readonly host: string;
  /** Requests forwarded so far. */
  readonly forwarded: () => number;
  /** Every request line seen ("METHOD /path?query"). */
  readonly requestLines: () => readonly string[];
  /** Resolves once the engine has finished with every connection (it completes requests whose client died). */
  drained(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Called instead of forwarding request number `n` (1-based) once n > limit: the test kills the client there. */
  readonly stopAfter?: { readonly limit: number; readonly onLimit: () => void };
  /** Requests ("METHOD /path?query") answered with a 500 and this message instead of reaching the engine. */
  readonly fail?: { readonly match: RegExp; readonly message: string };
}

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/m;

/**
 * A unix socket in front of the real engine, for fault tests: everything is forwarded unchanged,
 * except that it can stop the client after exactly k requests, or fail chosen requests with a 500.
 * Request lines are read per chunk, which holds for this client (one request per write, no pipelining).
 */
export function engineProxy(options: ProxyOptions): Promise<EngineProxy> {
  const socketPath = path.join(os.tmpdir(), `mcpo-proxy-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`);
  let count = 0;
  let stopped = false;
  const lines: string[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect('/var/run/docker.sock');
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    let dropping = false;
    client.on('data', (chunk) => {
      if (stopped) return;
      const line = REQUEST_LINE.exec(chunk.toString('latin1'));
      if (line) {
        lines.push(`${line[1]} ${line[2]}`);
        dropping = false;
        const n = ++count;
        if (options.stopAfter && n > options.stopAfter.limit) {
          stopped = true;
          options.stopAfter.onLimit();
          client.destroy();
          upstream.destroy();
          return;
        }
        if (options.fail && options.fail.match.test(`${line[1]} ${line[2]}`)) {
          const body = JSON.stringify({ message: options.fail.message });
          client.write(`HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
          dropping = true;
          return;
        }
      }
      if (!dropping) upstream.write(chunk);
    });
    upstream.on('data', (c) => client.write(c));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(socketPath, () =>
      resolve({
        host: `unix://${socketPath}`,
        forwarded: () => count,
        requestLines: () => lines,
        drained: async (timeoutMs) => {
          const deadline = Date.now() + timeoutMs;
          while (open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        },
        close: () =>
          new Promise((r) =>
            server.close(() => {
              fs.rmSync(socketPath, { force: true });
              r();
            }),
          ),
      }),
    ),
  );
}
