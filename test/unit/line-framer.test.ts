import { idOfOversized, LineFramer, type Frame } from '../../src/mcp/line-framer';

const lines = (frames: Frame[]): string[] => frames.map((f) => (f.kind === 'line' ? f.text : `<${f.bytes} bytes>`));

describe('LineFramer: newline-delimited frames, bounded', () => {
  it('splits lines across and within chunks, and drops a trailing CR', () => {
    const f = new LineFramer(100);
    expect(lines(f.push(Buffer.from('{"a":1}\n{"b"')))).toEqual(['{"a":1}']);
    expect(lines(f.push(Buffer.from(':2}\r\n\n{"c":3}\n')))).toEqual(['{"b":2}', '', '{"c":3}']);
  });

  it('keeps a multi-byte character split between chunks whole', () => {
    const f = new LineFramer(100);
    const bytes = Buffer.from('"é€"\n');
    expect(lines([...f.push(bytes.subarray(0, 2)), ...f.push(bytes.subarray(2, 4)), ...f.push(bytes.subarray(4))])).toEqual(['"é€"']);
  });

  it('a line over the limit is not held: its size and both ends are reported, and the next line reads normally', () => {
    const f = new LineFramer(1024);
    const big = `{"jsonrpc":"2.0","id":42,"result":{"text":"${'x'.repeat(5000)}"}}`;
    const frames = [...f.push(Buffer.from(big.slice(0, 700))), ...f.push(Buffer.from(big.slice(700, 3000))), ...f.push(Buffer.from(`${big.slice(3000)}\n{"ok":true}\n`))];
    expect(lines(frames)).toEqual([`<${big.length} bytes>`, '{"ok":true}']);
    const over = frames[0];
    expect(over?.kind).toBe('oversized');
    if (over?.kind !== 'oversized') return;
    expect(over.head.startsWith('{"jsonrpc":"2.0","id":42')).toBe(true);
    expect(over.tail.endsWith('"}}')).toBe(true);
    expect(idOfOversized(over)).toBe(42);
  });

  it('a line over the limit in one chunk with its newline', () => {
    const f = new LineFramer(10);
    const frames = f.push(Buffer.from(`${'y'.repeat(50)}\nshort\n`));
    expect(lines(frames)).toEqual(['<50 bytes>', 'short']);
  });

  it.each([
    ['id first', `{"jsonrpc":"2.0","id":"a\\"b","result":{}}`, 'a"b'],
    ['id last (the SDK v1 shape)', `{"result":{"content":[{"text":"has \\"id\\":9 inside"}]},"jsonrpc":"2.0","id":7}`, 7],
    ['id before jsonrpc at the end', `{"result":{},"id":-3,"jsonrpc":"2.0"}`, -3],
    ['no id (a notification)', `{"jsonrpc":"2.0","method":"notifications/message","params":{}}`, undefined],
  ])('the id of an oversized message: %s', (_name, text, id) => {
    expect(idOfOversized({ head: text.slice(0, 40), tail: text.slice(-40) })).toEqual(id);
  });
});
