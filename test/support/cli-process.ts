import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli', 'mcp-orchestrator.js');

/** The CLI as a user runs it: a whole process, its stderr lines collected as they come. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;

  /** `bin`: the command's file, the repository's build by default (an installed package's in the packed-bin test). */
  constructor(args: string[], env: NodeJS.ProcessEnv, cwd?: string, bin: string = CLI) {
    this.child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    const take = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    this.child.stderr?.on('data', take);
    this.child.stdout?.on('data', take);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** JSON log lines (with --log-format json). */
  json(): Record<string, unknown>[] {
    return this.lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** The exit code, or 'timeout' when the process is still running after `ms`. */
  exitedWithin(ms: number): Promise<number | null | 'timeout'> {
    return Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      // A check can hang (a request caught by an engine restart): each one is bounded too.
      const v = await Promise.race([
        Promise.resolve(check()),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('check timed out')), Math.max(1000, deadline - Date.now())).unref()),
      ]);
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
