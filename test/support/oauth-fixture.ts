import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { npmCached } from './npm-cache';
import { makeTestCa } from './test-ca';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'oauth-server', 'server.mjs');

/** test/fixtures/oauth-server running: a real authorization server and an MCP server it protects, over HTTPS. */
export interface OAuthFixture {
  readonly issuer: string;
  readonly mcp: string;
  readonly machine: { readonly id: string; readonly secret: string };
  /** The client a resource server introspects tokens as. */
  readonly introspector: { readonly id: string; readonly secret: string };
  /** The test CA, as PEM and as a file in the workspace. */
  readonly caPem: string;
  readonly caFile: string;
  stop(): void;
}

/**
 * Starts the fixture with a CA made in `dir`; access tokens live `ttlSeconds`; each of `jwtResources`
 * (a gateway's /mcp) gets JWT access tokens with the scope `mcp` (opaque ones when written
 * `opaque:URL`). [needs the npm registry or its cache for oidc-provider]
 */
export async function startOAuthFixture(dir: string, ttlSeconds: number, jwtResources: readonly string[] = []): Promise<OAuthFixture> {
  const modules = npmCached('oidc-provider', ['oidc-provider@9.13.3'], [path.join('node_modules', 'oidc-provider', 'package.json')]);
  const ca = makeTestCa(dir);
  const child: ChildProcess = spawn(process.execPath, [FIXTURE, modules, ca.certFile, ca.keyFile, String(ttlSeconds), jwtResources.join(',')], { stdio: ['ignore', 'pipe', 'ignore'] });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OAuth fixture exited (${code ?? 'signal'})`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const started = JSON.parse(first) as Pick<OAuthFixture, 'issuer' | 'mcp' | 'machine' | 'introspector'>;
  return { ...started, caPem: fs.readFileSync(ca.caFile, 'utf8'), caFile: ca.caFile, stop: () => void child.kill() };
}
