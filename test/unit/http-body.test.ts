import type * as http from 'node:http';
import { Readable } from 'node:stream';
import { NOT_JSON, readBody, readJson, TOO_LARGE } from '../../src/gateway/http-body';

const request = (chunks: string[]): http.IncomingMessage => Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as http.IncomingMessage;

describe('reading a request body', () => {
  it('gives the whole body, however it was split', async () => {
    expect(String(await readBody(request(['{"a":', '1}']), 100))).toBe('{"a":1}');
    expect(await readJson(request(['{"a":', '[1,2]}']))).toEqual({ a: [1, 2] });
  });

  it('refuses a body over the limit without keeping it, and reads the rest away', async () => {
    const req = request(['x'.repeat(60), 'y'.repeat(60), 'z'.repeat(60)]);
    expect(await readBody(req, 100)).toBe(TOO_LARGE);
    await new Promise((r) => (req.readableEnded ? r(undefined) : req.once('end', r)));
    expect(req.readableEnded).toBe(true);
  });

  it('says when a body is not JSON', async () => {
    expect(await readJson(request(['{nope']))).toBe(NOT_JSON);
  });
});
