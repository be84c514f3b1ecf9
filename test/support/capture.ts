import type { Output } from '../../src/cli/output';

export interface Captured extends Output {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function captureOutput(): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
