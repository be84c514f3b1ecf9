import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { CliProcess, CLI, waitFor } from '../support/cli-process';
import { describeDocker } from '../support/docker';
import { connectBothEras } from '../support/era-clients';
import { freePort } from '../support/free-port';
import { startOAuthFixture, type OAuthFixture } from '../support/oauth-fixture';
import { runWithBrowser } from '../support/test-browser';
import { useWorkspace } from '../support/workspace';

/** Access tokens live this long at the fixture's authorization server: refresh is seen within a test. */
const TOKEN_TTL_SECONDS = 4;


/**
 * OAuth to a remote server as the MCP authorization specification says, against a real OpenID
 * provider (oidc-provider) and a real MCP server that is its protected resource, over HTTPS with a
 * CA made for the test: `auth login` with the code flow (a scripted browser logs in and consents;
 * the CLI takes the redirect on its loopback port), client credentials, refresh after expiry, a
 * revoked token, step-up to a wider scope, `auth status` and `logout`, the server's tools through
 * the gateway to clients of both eras; no token in any file but the store, nor in any output.
 * [needs the npm registry or its cache for oidc-provider]
 */
describeDocker('OAuth to remote servers, against a real authorization server', () => {
  const ws = useWorkspace('oauth');
  let fx: OAuthFixture;
  let file: string;
  let authDir: string;
  /** Everything the CLI printed, in every test: no token may be in it. */
  const printed: string[] = [];
  const env = (): NodeJS.ProcessEnv => ({ MCP_ORCHESTRATOR_AUTH_DIR: authDir, MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), MACHINE_SECRET: fx.machine.secret });

  const run = (args: string[]): { code: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ws.dir, env: { ...process.env, ...env() }, encoding: 'utf8', timeout: 60_000 });
    printed.push(r.stdout, r.stderr);
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  /** A login: the CLI prints the URL, the browser (scripted) goes there and comes back to the CLI. */
  const loginWith = async (args: string[]): Promise<{ code: number | null; out: string }> => {
    const r = await runWithBrowser(args, env(), ws.dir, fx.caPem);
    printed.push(r.out);
    expect(r.browsed).toBeGreaterThan(0);
    return r;
  };

  const stored = (): { server: string; issuers: Record<string, { client?: { client_id: string }; tokens?: { access_token: string; refresh_token?: string; scope?: string } }> }[] =>
    fs.existsSync(authDir) ? fs.readdirSync(authDir).map((f) => JSON.parse(fs.readFileSync(path.join(authDir, f), 'utf8')) as ReturnType<typeof stored>[number]) : [];
  const tokensOf = (name: string): { access_token: string; refresh_token?: string; scope?: string } | undefined => Object.values(stored().find((r) => r.server === name)?.issuers ?? {})[0]?.tokens;

  beforeAll(async () => {
    fx = await startOAuthFixture(ws.dir, TOKEN_TTL_SECONDS);
    authDir = path.join(ws.dir, 'auth');
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${ws.project}`,
        'allow: [private_urls]',
        `tls: { ca_file: ${path.basename(fx.caFile)} }`,
        'servers:',
        '  notes:',
        `    url: ${fx.mcp}`,
        '  machine:',
        `    url: ${fx.mcp}`,
        `    auth: { grant: client_credentials, issuer: "${fx.issuer}", client_id: ${fx.machine.id}, client_secret: "\${MACHINE_SECRET}" }`,
        '',
      ].join('\n'),
    );
  }, 300_000);

  afterAll(() => {
    if (fx !== undefined) fx.stop();
  });

  it('before a login: test says the server needs one, and how; client credentials work at once; nothing is registered', () => {
    const r = run(['test', '--json']);
    const servers = (JSON.parse(r.out) as { servers: { server: string; ok: boolean; error?: string }[] }).servers;
    expect(servers.find((s) => s.server === 'notes')).toMatchObject({ ok: false, error: expect.stringContaining('notes needs a login: run mcp-orchestrator auth login notes') });
    expect(servers.find((s) => s.server === 'machine')).toMatchObject({ ok: true });
    expect(stored().map((r) => r.server)).toEqual(['machine']);
    const ps = (JSON.parse(run(['ps', '--json']).out) as { servers: { server: string; status: string }[] }).servers;
    expect(ps.find((r) => r.server === 'notes')?.status).toBe('needs a login: mcp-orchestrator auth login notes');
    expect(ps.find((r) => r.server === 'machine')?.status).toMatch(/^reachable \(2026-07-28, 2 tools, OAuth\)$/);
  });

  it('auth login: the code flow with PKCE through the browser and the loopback redirect; the store is private; test passes', async () => {
    const login = await loginWith(['auth', 'login', 'notes']);
    expect(login.code).toBe(0);
    expect(login.out).toContain(`notes: logged in at ${fx.issuer} (scopes: mcp:read)`);
    expect(fs.statSync(authDir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(authDir)) expect(fs.statSync(path.join(authDir, f)).mode & 0o777).toBe(0o600);
    expect(tokensOf('notes')).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
    const test = run(['test', 'notes']);
    expect(test.code).toBe(0);
    expect(test.out).toContain('notes tools: hello, write_note');
    const status = run(['auth', 'status', '--json']);
    expect((JSON.parse(status.out) as { servers: unknown[] }).servers).toEqual(
      expect.arrayContaining([expect.objectContaining({ server: 'notes', issuer: fx.issuer, state: 'logged in', scopes: 'mcp:read' })]),
    );
  }, 120_000);

  it('an expired access token is refreshed (the store holds the new one); a revoked one needs a new login', async () => {
    const before = tokensOf('notes');
    await new Promise((r) => setTimeout(r, (TOKEN_TTL_SECONDS + 1) * 1000));
    expect(run(['test', 'notes']).code).toBe(0);
    const after = tokensOf('notes');
    expect(after?.access_token).not.toBe(before?.access_token);
    // The user revokes the grant at the authorization server (RFC 7009): access and refresh token.
    for (const token of [after?.refresh_token, after?.access_token]) await revoke(fx.issuer, token ?? '', fx.caPem, stored());
    const revoked = run(['test', 'notes', '--json']);
    expect(revoked.code).toBe(1);
    expect((JSON.parse(revoked.out) as { servers: { error?: string }[] }).servers[0]?.error).toMatch(/needs a login|invalid_grant/);
  }, 60_000);

  it('step-up: a call that needs a wider scope is authorized again for it (403 insufficient_scope), then made', async () => {
    const r = await loginWith(['test', '--url', fx.mcp, '--allow', 'private_urls', '--ca-file', fx.caFile, '--login', '--call', 'write_note', '--arguments', '{"text":"x"}']);
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('write_note: noted: x') });
    const stepped = stored().find((s) => s.server === new URL(fx.mcp).host);
    expect(Object.values(stepped?.issuers ?? {})[0]?.tokens?.scope?.split(' ').sort()).toEqual(['mcp:read', 'mcp:write']);
  }, 120_000);

  it("the gateway serves the servers' tools to clients of both eras with the stored and machine tokens; no token in any output", async () => {
    expect((await loginWith(['auth', 'login', 'notes'])).code).toBe(0);
    const port = await freePort();
    const serve = new CliProcess(['serve', '--listen', `127.0.0.1:${port}`, '--debounce', '100'], env(), ws.dir);
    try {
      await waitFor('the gateway ready', async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
      const clients = await connectBothEras(new URL(`http://127.0.0.1:${port}/mcp`));
      try {
        for (const c of [clients.modern, clients.legacy]) {
          const names = (await c.listTools()).tools.map((t) => t.name);
          expect(names).toEqual(expect.arrayContaining(['notes__hello', 'machine__hello']));
          const said = (await c.callTool({ name: 'notes__hello', arguments: {} })) as { content: { text: string }[] };
          expect(said.content[0]?.text).toBe('hello, authorized caller');
        }
      } finally {
        await clients.close();
      }
    } finally {
      serve.kill('SIGTERM');
      await serve.exited;
      printed.push(...serve.lines);
    }
    const secrets = stored().flatMap((r) => Object.values(r.issuers).flatMap((e) => [e.tokens?.access_token, e.tokens?.refresh_token])).filter((t): t is string => t !== undefined);
    expect(secrets.length).toBeGreaterThan(0);
    const everything = printed.join('\n') + fs.readFileSync(file, 'utf8');
    for (const s of [...secrets, fx.machine.secret]) expect(everything).not.toContain(s);
  }, 120_000);

  it('auth logout forgets the tokens; test says to log in again', () => {
    expect(run(['auth', 'logout', 'notes']).out).toContain('notes: logged out');
    expect(stored().map((r) => r.server)).not.toContain('notes');
    expect(run(['test', 'notes', '--json']).out).toContain('notes needs a login');
  });
});

/** Revokes a token at the authorization server as the client it was issued to (a public client: its id only). */
async function revoke(issuer: string, token: string, ca: string, records: { issuers: Record<string, { client?: { client_id: string } }> }[]): Promise<void> {
  const clientId = records.flatMap((r) => Object.values(r.issuers).map((e) => e.client?.client_id)).find((c) => c !== undefined) ?? '';
  await new Promise<void>((resolve, reject) => {
    const req = https.request(`${issuer}/token/revocation`, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`revocation: ${res.statusCode ?? 0}`))));
    });
    req.on('error', reject);
    req.end(new URLSearchParams({ token, client_id: clientId }).toString());
  });
}
