import { Writable } from 'node:stream';

/**
 * A server's stdin before it runs: what is written waits here, then goes to the exec's socket,
 * the writes buffered meanwhile (a turn's, while the transport corks) in one socket write. A pipe
 * would write each message on its own, a syscall each.
 */
export function heldUntil(live: Promise<{ readonly stdin: NodeJS.WritableStream }>): Writable {
  // The socket's errors end the exec's stdout, which the transport sees; they are not the writer's.
  const into = (socket: NodeJS.WritableStream, chunks: readonly Buffer[], done: () => void): void => {
    const out = socket as Writable;
    out.cork();
    chunks.forEach((chunk, i) => out.write(chunk, i === chunks.length - 1 ? () => done() : undefined));
    out.uncork();
  };
  return new Writable({
    write: (chunk: Buffer, _encoding, done) => void live.then((s) => into(s.stdin, [chunk], done)),
    writev: (chunks, done) => void live.then((s) => into(s.stdin, chunks.map((c) => c.chunk as Buffer), done)),
    final: (done) => void live.then((s) => s.stdin.end(() => done())),
  });
}
