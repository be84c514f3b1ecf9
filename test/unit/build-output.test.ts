import { outputTail } from '../../src/docker/dockerode-engine';

describe("a failed build's output tail", () => {
  it('keeps the last lines of what the build printed, without colour codes or the builder\'s bookkeeping', () => {
    const text = ['Step 3/5 : RUN npm install', ' ---> Running in 1234', '\x1b[91mnpm error code E404\n\x1b[0m', 'npm notice New minor version', 'Removing intermediate container 1234', ''].join('\n');
    expect(outputTail(text, [])).toBe('    npm error code E404');
  });

  it('masks build argument values (they may be secrets) and bounds lines and length', () => {
    const text = Array.from({ length: 40 }, (_, i) => `line ${i} token=s3cr3t-value ${'x'.repeat(400)}`).join('\n');
    const tail = outputTail(text, ['s3cr3t-value']).split('\n');
    expect(tail).toHaveLength(15);
    expect(tail[0]).toMatch(/^ {4}line 25 token=\*\*\* x+$/);
    expect(tail.every((l) => l.length <= 304 && !l.includes('s3cr3t'))).toBe(true);
  });

  it('nothing printed: no tail', () => expect(outputTail('\n\n', [])).toBe(''));
});
