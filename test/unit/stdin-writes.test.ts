import { PassThrough, Writable } from 'node:stream';
import { heldUntil } from '../../src/docker/held-stdin';
import { StreamTransport } from '../../src/mcp/stream-transport';

/** A socket's stand-in: what each write to it carried (a writev is one write). */
function recordingSocket(): { socket: Writable; writes: string[][] } {
  const writes: string[][] = [];
  const socket = new Writable({
    write: (chunk: Buffer, _e, done) => {
      writes.push([chunk.toString()]);
      done();
    },
    writev: (chunks, done) => {
      writes.push(chunks.map((c) => String(c.chunk)));
      done();
    },
  });
  return { socket, writes };
}

const message = (id: number): Parameters<StreamTransport['send']>[0] => ({ jsonrpc: '2.0', id, method: 'ping' });

/**
 * A server's stdin is written in as few writes as it can be: each write to an engine socket is a
 * syscall that wakes the engine, the gateway's largest cost under load.
 */
describe('writes to a server stdin', () => {
  it('the messages sent in one turn of the event loop, from separate callbacks, leave in one write, in order', async () => {
    const { socket, writes } = recordingSocket();
    const transport = new StreamTransport(new PassThrough(), socket);
    // Two timers due together run in one turn, each a callback of its own (as two clients' requests are).
    await Promise.all([1, 2].map((id) => new Promise<void>((resolve) => setTimeout(() => void transport.send(message(id)).then(resolve), 0))));
    await transport.send(message(3));
    expect(writes).toEqual([[`${JSON.stringify(message(1))}\n`, `${JSON.stringify(message(2))}\n`], [`${JSON.stringify(message(3))}\n`]]);
  });

  it('before the server runs, writes wait; once it runs they reach its socket in order, those waiting in one write', async () => {
    const { socket, writes } = recordingSocket();
    let run: (live: { stdin: Writable }) => void = () => undefined;
    const stdin = heldUntil(new Promise((resolve) => (run = resolve)));
    const sent = ['a\n', 'b\n', 'c\n'].map((line) => new Promise<void>((resolve) => stdin.write(line, () => resolve())));
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toEqual([]);
    run({ stdin: socket });
    await Promise.all(sent);
    expect(writes.flat()).toEqual(['a\n', 'b\n', 'c\n']);
    expect(writes.length).toBeLessThanOrEqual(2);
    await new Promise<void>((resolve) => stdin.write('d\n', () => resolve()));
    expect(writes.flat()).toEqual(['a\n', 'b\n', 'c\n', 'd\n']);
    const ended = new Promise((resolve) => socket.on('finish', resolve));
    stdin.end();
    await ended;
  });
});
