/**
 * Newline-delimited frames out of a byte stream, in linear time and bounded memory. A line longer
 * than `maxLineBytes` is not kept: only its first and last bytes are, so whoever reads the frames
 * can still tell which request an oversized answer was for (its `id` stands at one end of it), and
 * the stream goes on with the next line. Pure: no I/O.
 */
export type Frame = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'oversized'; readonly head: string; readonly tail: string; readonly bytes: number };

/** How much of each end of an oversized line is kept. */
const END_BYTES = 512;
const NEWLINE = 0x0a;

export class LineFramer {
  private parts: Buffer[] = [];
  private size = 0;
  /** The line being read is over the limit: its head, its tail so far, and its length. */
  private oversized: { head: Buffer; tail: Buffer; bytes: number } | undefined;

  constructor(readonly maxLineBytes: number) {}

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      this.take(piece);
      if (nl === -1) return frames;
      frames.push(this.endLine());
      start = nl + 1;
    }
  }

  clear(): void {
    this.parts = [];
    this.size = 0;
    this.oversized = undefined;
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.oversized !== undefined) {
      this.oversized.bytes += piece.length;
      this.oversized.tail = lastBytes(Buffer.concat([this.oversized.tail, lastBytes(piece)]));
      return;
    }
    if (this.size + piece.length <= this.maxLineBytes) {
      // A copy: the caller's chunk may be reused once push returns.
      this.parts.push(Buffer.from(piece));
      this.size += piece.length;
      return;
    }
    // Once per oversized line: one copy of what was held, to keep its two ends.
    const all = Buffer.concat([...this.parts, piece]);
    this.oversized = { head: Buffer.from(all.subarray(0, END_BYTES)), tail: Buffer.from(lastBytes(all)), bytes: all.length };
    this.parts = [];
    this.size = 0;
  }

  private endLine(): Frame {
    const over = this.oversized;
    if (over !== undefined) {
      this.oversized = undefined;
      return { kind: 'oversized', head: over.head.toString('utf8'), tail: over.tail.toString('utf8'), bytes: over.bytes };
    }
    const text = (this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts)).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.size = 0;
    return { kind: 'line', text };
  }
}

function lastBytes(b: Buffer): Buffer {
  return b.length <= END_BYTES ? b : b.subarray(b.length - END_BYTES);
}

const ID = String.raw`("(?:[^"\\]|\\.)*"|-?\d+)`;
/** `{"jsonrpc":"2.0","id":7,...` at the start, or `..."id":7}` / `..."id":7,"jsonrpc":"2.0"}` at the end. */
const ID_AT_HEAD = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID}`);
const ID_AT_TAIL = new RegExp(String.raw`"id"\s*:\s*${ID}\s*(?:,\s*"jsonrpc"\s*:\s*"2\.0"\s*)?\}\s*$`);

/** The JSON-RPC id of an oversized message, when it stands at either end (where serializers put it). */
export function idOfOversized(frame: { head: string; tail: string }): string | number | undefined {
  const m = ID_AT_HEAD.exec(frame.head) ?? ID_AT_TAIL.exec(frame.tail);
  if (m?.[1] === undefined) return undefined;
  try {
    return JSON.parse(m[1]) as string | number;
  } catch {
    return undefined;
  }
}
