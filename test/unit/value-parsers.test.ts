import { parseDurationSeconds, parsePort, parseSize, parseVolume, splitCommand } from '../../src/stack-file/value-parsers';

describe('value parsers', () => {
  it.each([
    ['8080', { containerPort: 8080, protocol: 'tcp' }],
    [8080, { containerPort: 8080, protocol: 'tcp' }],
    ['3000:80', { hostPort: 3000, containerPort: 80, protocol: 'tcp' }],
    ['127.0.0.1:3000:80/udp', { hostIp: '127.0.0.1', hostPort: 3000, containerPort: 80, protocol: 'udp' }],
    ['[::1]:3000:80', { hostIp: '::1', hostPort: 3000, containerPort: 80, protocol: 'tcp' }],
  ])('port %p', (input, expected) => {
    expect(parsePort(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['0', '70000', '80:', ':80', 'a:b', '1:2:3:4', '80/sctp', '1.2.3.4:80', 'x.y:1:2'])('port %p is refused', (input) => {
    expect(parsePort(input).ok).toBe(false);
  });

  it.each([
    ['./data:/data', { type: 'bind', source: './data', target: '/data', readOnly: false }],
    ['/abs:/in:ro', { type: 'bind', source: '/abs', target: '/in', readOnly: true }],
    ['~/x:/x:rw', { type: 'bind', source: '~/x', target: '/x', readOnly: false }],
    ['data:/data', { type: 'volume', source: 'data', target: '/data', readOnly: false }],
  ])('volume %p', (input, expected) => {
    expect(parseVolume(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['/data', 'a:b:c:d', ':/x', 'Data!:/x', 'data:/x:rx'])('volume %p is refused', (input) => {
    expect(parseVolume(input).ok).toBe(false);
  });

  it.each([
    [1024, 1024],
    ['1024', 1024],
    ['512m', 512 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1GiB', 1024 ** 3],
    ['64k', 65536],
  ])('size %p', (input, bytes) => {
    expect(parseSize(input)).toEqual({ ok: true, value: bytes });
  });

  it.each(['lots', '-1', '0', '1x', ''])('size %p is refused', (input) => {
    expect(parseSize(input).ok).toBe(false);
  });

  it.each([
    [10, 10],
    ['10', 10],
    ['10s', 10],
    ['1m30s', 90],
    ['2h', 7200],
  ])('duration %p', (input, seconds) => {
    expect(parseDurationSeconds(input)).toEqual({ ok: true, value: seconds });
  });

  it.each(['forever', '', '10x', '1s1m'])('duration %p is refused', (input) => {
    expect(parseDurationSeconds(input).ok).toBe(false);
  });

  it.each([
    ['node server.js --port 80', ['node', 'server.js', '--port', '80']],
    ['sh -c "echo a b"', ['sh', '-c', 'echo a b']],
    ["echo 'it''s'", ['echo', 'its']],
    ['a\\ b c', ['a b', 'c']],
    ['echo ""', ['echo', '']],
  ])('command %p', (input, argv) => {
    expect(splitCommand(input)).toEqual({ ok: true, value: argv });
  });
});

describe('values beyond what the engine accepts are refused by validate, not by apply', () => {
  it.each([
    ['1e30', 1e30],
    ['a huge string', '99999999999999999999g'],
  ])('memory: %s', (_name, input) => expect(parseSize(input).ok).toBe(false));
  it.each([['99999999999999999999h'], [1e30], ['400d']])('stop_timeout %s', (input) => expect(parseDurationSeconds(input).ok).toBe(false));
  it('a year is the longest stop timeout', () => expect(parseDurationSeconds('8760h')).toEqual({ ok: true, value: 31_536_000 }));
});
