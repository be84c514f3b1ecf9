import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The stdio host (dist/stdio-host.js, as it is mounted into containers) in front of a real process:
 * what the server writes to stdout goes only to connections, whole lines from each connection reach
 * it unmixed, its stderr and exit code are the host's. No Docker: the same script on this machine.
 */
const SCRIPT = path.join(__dirname, '..', '..', 'dist', 'stdio-host.js');
// Writes a line before anyone connects, then echoes each line; "exit" ends it with code 7.
const SERVER = [
  "process.stdout.write('early\\n');",
  "process.stderr.write('server says hello on stderr\\n');",
  "require('readline').createInterface({ input: process.stdin }).on('line', (l) => { if (l === 'exit') process.exit(7); process.stdout.write('echo:' + l + '\\n'); });",
].join('');

describe('stdio host', () => {
  let dir: string;
  let host: ChildProcessWithoutNullStreams;
  let socket: string;
  let hostOut = '';
  let hostErr = '';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-stdio-host-'));
    socket = path.join(dir, 'stdio.sock');
    hostOut = '';
    hostErr = '';
    host = spawn(process.execPath, [SCRIPT, 'host', socket, '--', process.execPath, '-e', SERVER]);
    host.stdout.on('data', (c: Buffer) => (hostOut += c.toString()));
    host.stderr.on('data', (c: Buffer) => (hostErr += c.toString()));
  });
  afterEach(() => {
    host.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connect = async (): Promise<{ socket: net.Socket; lines: string[]; next(n: number): Promise<string[]> }> => {
    for (let i = 0; i < 100 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
    const s = net.connect(socket);
    await new Promise((r, j) => s.once('connect', r).once('error', j));
    const lines: string[] = [];
    let buffer = '';
    s.on('data', (c: Buffer) => {
      buffer += c.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
    });
    const next = async (n: number): Promise<string[]> => {
      for (let i = 0; i < 200 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 25));
      return lines.slice(0, n);
    };
    return { socket: s, lines, next };
  };

  it("the first connection gets what the server wrote before it; lines from two connections reach the server whole; the host's stdout stays empty", async () => {
    const a = await connect();
    expect(await a.next(1)).toEqual(['early']);
    const b = await connect();
    const long = 'x'.repeat(200_000);
    // A's line arrives in two parts with B's whole line between them: the server still reads A's whole.
    a.socket.write(long.slice(0, 100_000));
    await new Promise((r) => setTimeout(r, 100));
    b.socket.write('from-b\n');
    await new Promise((r) => setTimeout(r, 100));
    a.socket.write(`${long.slice(100_000)}\n`);
    expect(await a.next(3)).toEqual(['early', 'echo:from-b', `echo:${long}`]);
    expect(await b.next(2)).toEqual(['echo:from-b', `echo:${long}`]);
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
    expect(hostOut).toBe('');
    a.socket.destroy();
    b.socket.destroy();
  });

  it("exits with the server's exit code, its stderr passed through", async () => {
    const a = await connect();
    const code = new Promise<number | null>((r) => host.once('exit', r));
    a.socket.write('exit\n');
    expect(await code).toBe(7);
    expect(hostErr).toContain('server says hello on stderr');
    expect(hostOut).toBe('');
  });

  it('connect relays its stdin and stdout to the socket, waiting for a host that is still starting', async () => {
    const relay = spawn(process.execPath, [SCRIPT, 'connect', socket]);
    let out = '';
    relay.stdout.on('data', (c: Buffer) => (out += c.toString()));
    relay.stdin.write('through-connect\n');
    for (let i = 0; i < 200 && !out.includes('echo:through-connect'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toBe('early\necho:through-connect\n');
    relay.stdin.end();
    expect(await new Promise((r) => relay.once('exit', r))).toBe(0);
  });
});
