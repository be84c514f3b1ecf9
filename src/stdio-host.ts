/**
 * What runs in a stdio server's container in front of the server, so that the server's stdout (its
 * MCP traffic) never becomes the container's output, which the engine's log driver keeps on disk.
 * Standalone: node's own modules only, since it runs on the runtime the orchestrator mounts into
 * the container (recipes/stdio-host.ts says where), not on anything the image has.
 *
 *   stdio-host.js host SOCKET -- COMMAND [ARGS...]
 *     runs the server with its stdin and stdout on pipes and its stderr on the container's (the
 *     engine keeps that: `logs`, `test` and rollback messages read it), and serves the pipes on a
 *     unix socket (mode 0600): each connection's lines go to the server's stdin whole, never cut
 *     into another's; what the server writes goes to every connection, as an attached stream
 *     would. Output written before the first connection is kept (bounded) for it, so a client that
 *     connects just after the start misses nothing; later output with nobody connected is
 *     dropped, as it would be with nobody attached. Exits with the server's exit code.
 *   stdio-host.js connect SOCKET
 *     this process's stdin to the socket and the socket to its stdout: what the orchestrator runs
 *     with `docker exec` to reach the server (exec streams are not logged). Waits for the socket
 *     while the host starts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { constants } from 'node:os';

/** What the server may write before anyone connects, kept for the first connection. */
const EARLY_LIMIT = 1024 * 1024;
/** A line a connection may send unfinished; beyond it the connection is dropped (the server's stdin is not waited on for ever). */
const LINE_LIMIT = 64 * 1024 * 1024;
/** How long `connect` waits for the host's socket (a container just started). */
const CONNECT_WAIT_MS = 30_000;

function host(socketPath: string, command: readonly string[]): void {
  const [file, ...args] = command;
  if (file === undefined) fail('stdio-host: no command to run');
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  child.on('error', (err) => fail(`stdio-host: cannot run ${file}: ${err.message}`, 127));
  child.stdin.on('error', () => undefined);
  const connections = new Set<net.Socket>();
  let early: Buffer[] | undefined = [];
  let earlyBytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    if (early !== undefined) {
      if (earlyBytes + chunk.length <= EARLY_LIMIT) early.push(chunk);
      earlyBytes += chunk.length;
      return;
    }
    for (const c of connections) c.write(chunk);
  });

  try {
    fs.unlinkSync(socketPath);
  } catch {
    // None left from an earlier start.
  }
  const server = net.createServer((c) => {
    connections.add(c);
    if (early !== undefined) {
      for (const chunk of early) c.write(chunk);
      early = undefined;
    }
    let partial: Buffer[] = [];
    let partialBytes = 0;
    c.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        child.stdin.write(Buffer.concat([...partial, chunk.subarray(start, nl + 1)]));
        partial = [];
        partialBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        partial.push(chunk.subarray(start));
        partialBytes += chunk.length - start;
        if (partialBytes > LINE_LIMIT) c.destroy();
      }
    });
    c.on('error', () => undefined);
    c.on('close', () => connections.delete(c));
  });
  // Only this user (the server's) may connect.
  const umask = process.umask(0o177);
  server.listen(socketPath, () => process.umask(umask));
  server.on('error', (err) => fail(`stdio-host: cannot listen on ${socketPath}: ${err.message}`));

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    server.close();
    process.exit(code ?? 128 + (signal !== null ? (constants.signals[signal] ?? 15) : 15));
  });
}

function connect(socketPath: string): void {
  const deadline = Date.now() + CONNECT_WAIT_MS;
  const attempt = (): void => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      process.stdin.pipe(socket);
      socket.pipe(process.stdout);
      process.stdin.on('end', () => socket.end());
      socket.on('close', () => process.exit(0));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if ((err.code === 'ENOENT' || err.code === 'ECONNREFUSED') && Date.now() < deadline) setTimeout(attempt, 50);
      else fail(`stdio-host: cannot connect to ${socketPath}: ${err.message}`);
    });
  };
  attempt();
}

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [mode, socketPath, separator, ...command] = process.argv.slice(2);
if (mode === 'host' && socketPath !== undefined && separator === '--') host(socketPath, command);
else if (mode === 'connect' && socketPath !== undefined) connect(socketPath);
else fail('usage: stdio-host.js host SOCKET -- COMMAND [ARGS...] | stdio-host.js connect SOCKET', 64);
