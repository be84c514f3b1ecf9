import * as readline from 'node:readline';
import { Writable } from 'node:stream';
import { OrchestratorError } from '../../errors';
import { MAX_USER_VALUE_BYTES } from '../../gateway/user-secrets';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface AuthSetOptions {
  /** The gateway's base URL (its /mcp's origin). */
  readonly gateway: string;
  /** The variable holding the caller's access token for the gateway. */
  readonly tokenEnv: string;
}

/**
 * `auth set SERVER NAME`: gives the gateway this user's own value of a per-user server's
 * `${user:NAME}` (a personal credential), read from stdin (typed unseen at a terminal), never from
 * the command line (where `ps` and the shell's history would show it). The gateway keeps it for the
 * caller its token names, sealed; nothing of it is printed.
 */
export async function runAuthSet(server: string, name: string, opts: AuthSetOptions, env: NodeJS.ProcessEnv, io: Output, stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<ExitCodeValue> {
  const value = await readValue(name, stdin);
  if (value === '') throw new OrchestratorError('USAGE', `no value for ${name} on stdin`);
  const answer = await call('PUT', server, name, opts, env, value);
  io.out(`set your ${answer.set ?? name} for server ${server} at ${opts.gateway}: your next session of it starts with it`);
  return ExitCode.OK;
}

/** `auth unset SERVER NAME`: the gateway forgets this user's value. */
export async function runAuthUnset(server: string, name: string, opts: AuthSetOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  await call('DELETE', server, name, opts, env);
  io.out(`removed your ${name} for server ${server} at ${opts.gateway}`);
  return ExitCode.OK;
}

async function call(method: 'PUT' | 'DELETE', server: string, name: string, opts: AuthSetOptions, env: NodeJS.ProcessEnv, body?: string): Promise<{ set?: string }> {
  const token = env[opts.tokenEnv];
  if (token === undefined || token === '') throw new OrchestratorError('USAGE', `no access token for the gateway in ${opts.tokenEnv}: set it to a token your identity provider gave you for the gateway (--token-env names another variable)`);
  let url: URL;
  try {
    url = new URL(`/user-secrets/${encodeURIComponent(server)}/${encodeURIComponent(name)}`, opts.gateway);
  } catch {
    throw new OrchestratorError('USAGE', `--gateway ${opts.gateway} is not a URL`);
  }
  const r = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' }, ...(body !== undefined && { body }) }).catch((err: unknown) => {
    throw new OrchestratorError('USAGE', `the gateway at ${opts.gateway} did not answer: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
  });
  const answer = (await r.json().catch(() => ({}))) as { error?: string; set?: string };
  if (!r.ok) throw new OrchestratorError('USAGE', `the gateway refused: ${r.status} ${answer.error ?? r.statusText}`);
  return answer;
}

/** The value: typed unseen at a terminal, else all of stdin (one trailing newline dropped). */
async function readValue(name: string, stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  if (stdin.isTTY === true) {
    process.stderr.write(`${name} (not shown): `);
    const silent = new Writable({ write: (_chunk, _enc, done) => done() });
    const rl = readline.createInterface({ input: stdin, output: silent, terminal: true });
    const line = await new Promise<string>((resolve) => rl.once('line', resolve));
    rl.close();
    process.stderr.write('\n');
    return line;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_USER_VALUE_BYTES) throw new OrchestratorError('USAGE', `a value is at most ${MAX_USER_VALUE_BYTES} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
