import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireProjectLock, LockHeldError } from '../../src/runtime/project-lock';

describe('project lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a second taker waits until the first releases', async () => {
    const release = await acquireProjectLock('p', 'mcp-orchestrator apply', { dir, waitMs: 5000, pollMs: 10 });
    let second = false;
    const waiting = acquireProjectLock('p', 'mcp-orchestrator apply', { dir, waitMs: 5000, pollMs: 10 }).then((r) => {
      second = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(second).toBe(false);
    release();
    const release2 = await waiting;
    expect(second).toBe(true);
    release2();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says who holds the lock when the wait runs out', async () => {
    const release = await acquireProjectLock('p', 'mcp-orchestrator watch', { dir, waitMs: 1000 });
    const err = await acquireProjectLock('p', 'mcp-orchestrator apply', { dir, waitMs: 50, pollMs: 10 }).catch((e: unknown) => e);
    release();
    expect(err).toBeInstanceOf(LockHeldError);
    expect((err as Error).message).toMatch(
      new RegExp(`^project p is locked by \`mcp-orchestrator watch\` \\(pid ${process.pid} on ${os.hostname()}, since .+\\); waited 0s\\. If that process is gone, remove ${path.join(dir, 'p.lock')}\\.$`),
    );
  });

  it('takes over at once from a holder whose process has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    fs.writeFileSync(path.join(dir, 'p.lock'), JSON.stringify({ pid, host: os.hostname(), command: 'killed apply', since: 'then' }));
    const started = Date.now();
    const release = await acquireProjectLock('p', 'mcp-orchestrator apply', { dir, waitMs: 5000, pollMs: 10 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'p.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('different projects do not contend', async () => {
    const a = await acquireProjectLock('a', 'x', { dir, waitMs: 10 });
    const b = await acquireProjectLock('b', 'x', { dir, waitMs: 10 });
    a();
    b();
  });
});
