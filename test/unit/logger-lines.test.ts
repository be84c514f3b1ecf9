import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/logging/logger';

describe('log lines', () => {
  it.each(['text', 'json'] as const)('%s: one entry is one line; control characters in the message and in metadata are escaped', async (format) => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const logger = createLogger({ format, stream });
    logger.error('engine said: conflict\r\nthe name is in use', { server: 'a\u001b[31mred', reason: 'x\ny' });
    await new Promise((r) => setImmediate(r));
    const lines = out.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\u001b]/);
    expect(lines[0]).toContain('conflict\\r\\nthe name');
    expect(lines[0]).toContain('\\u001b[31mred');
  });

  it('an entry below the level is dropped before it is formatted; a child logger keeps its fields', async () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const logger = createLogger({ format: 'json', level: 'info', stream });
    let formatted = 0;
    logger.debug('hidden', {
      get field() {
        formatted++;
        return 1;
      },
    });
    logger.child({ run: 7 }).info('shown', { server: 's' });
    logger.level = 'debug';
    logger.debug('now shown');
    await new Promise((r) => setImmediate(r));
    const lines = out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(formatted).toBe(0);
    expect(lines.map((l) => l['message'])).toEqual(['shown', 'now shown']);
    expect(lines[0]).toMatchObject({ run: 7, server: 's', level: 'info' });
  });
});
