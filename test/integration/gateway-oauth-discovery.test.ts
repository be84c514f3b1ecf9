import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker } from '../support/docker';
import { freePort } from '../support/free-port';
import { startOAuthFixture, type OAuthFixture } from '../support/oauth-fixture';
import { runWithBrowser } from '../support/test-browser';
import { useWorkspace } from '../support/workspace';

const BACKEND = path.join(__dirname, '..', 'fixtures', 'gateway-server', 'server.mjs');

/**
 * An MCP client finds the gateway's authorization server from its 401 and metadata alone: the SDK
 * v2 client's OAuth (as `test --url --login` runs it) against a real OpenID provider
 * (oidc-provider), which issues a JWT for the gateway's audience; the gateway validates it by the
 * provider's published keys, over HTTPS with the test's CA.
 * [needs the npm registry or its cache for oidc-provider]
 */
describeDocker('an MCP client discovers the gateway\'s authorization server by itself', () => {
  const ws = useWorkspace('gwdisc');
  let fx: OAuthFixture;
  let backend: ChildProcess;
  let serve: CliProcess;
  let base: string;
  /** A second gateway, whose tokens from the provider are opaque: it asks the provider (introspection). */
  let opaque: CliProcess | undefined;
  let opaqueBase: string;
  let backendPort: number;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    opaqueBase = `http://127.0.0.1:${await freePort()}`;
    fx = await startOAuthFixture(ws.dir, 300, [`${base}/mcp`, `opaque:${opaqueBase}/mcp`]);
    backendPort = await freePort();
    backend = spawn(process.execPath, [BACKEND, '--http', String(backendPort)], { stdio: 'ignore' });
    fs.writeFileSync(
      path.join(ws.dir, 'mcp-stack.yml'),
      gatewayStack(ws.project, `127.0.0.1:${port}`, `${base}/mcp`, [
        '  rules:',
        '    - { name: engineering, when: { groups: [eng] }, allow: { tools: ["notes__*"] } }',
        '  audit: { file: audit.jsonl }',
      ]),
    );
    await waitFor('the backend', async () => ((await fetch(`http://127.0.0.1:${backendPort}/mcp`).catch(() => undefined)) !== undefined ? true : undefined), 20_000, 100);
    serve = new CliProcess(['serve', '--no-apply'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') }, ws.dir);
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
  }, 300_000);

  /** A gateway in front of the notes backend, taking the provider's tokens for `audience`; `more` lines end its gateway section. */
  const gatewayStack = (project: string, listen: string, audience: string, more: string[]): string =>
    [
      'version: 1',
      `project: ${project}`,
      'allow: [private_urls]',
      `tls: { ca_file: ${path.basename(fx.caFile)} }`,
      'servers:',
      '  notes:',
      `    url: http://127.0.0.1:${backendPort}/mcp`,
      'gateway:',
      `  listen: ${listen}`,
      '  auth:',
      `    issuer: ${fx.issuer}`,
      `    audience: ${audience}`,
      '    scopes: [mcp]',
      ...more,
      '',
    ].join('\n');

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exited;
    opaque?.kill('SIGTERM');
    await opaque?.exited;
    backend?.kill();
    fx?.stop();
  });

  it('from the 401 to the metadata, the provider, a login, a JWT for the gateway, and the tools', async () => {
    const r = await runWithBrowser(
      ['test', '--url', `${base}/mcp`, '--allow', 'private_urls', '--ca-file', fx.caFile, '--login', '--call', 'notes__echo', '--arguments', '{"message":"through the front door"}'],
      { MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth') },
      ws.dir,
      fx.caPem,
    );
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('notes__echo: Echo: through the front door') });
    expect(r.browsed).toBe(1);
    const stored = fs.readdirSync(path.join(ws.dir, 'auth')).map((f) => JSON.parse(fs.readFileSync(path.join(ws.dir, 'auth', f), 'utf8')) as { issuers: Record<string, { tokens?: { access_token: string } }> });
    const token = Object.values(stored[0]?.issuers ?? {})[0]?.tokens?.access_token ?? '';
    // A JWT for the gateway's audience, from the provider.
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss: string; aud: string; scope: string };
    expect(claims).toMatchObject({ iss: fx.issuer, aud: `${base}/mcp`, scope: expect.stringContaining('mcp') });
    expect(serve.lines.join('\n')).not.toContain(token);
  }, 120_000);

  it('two users of the provider in different groups: each uses what the rules allow them, the other is refused, and the audit trail says who', async () => {
    const as = (login: string): Promise<{ code: number | null; out: string }> =>
      runWithBrowser(
        ['test', '--url', `${base}/mcp`, '--allow', 'private_urls', '--ca-file', fx.caFile, '--login', '--call', 'notes__echo', '--arguments', '{"message":"hello"}'],
        { MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, `auth-${login}`) },
        ws.dir,
        fx.caPem,
        login,
      );
    const carl = await as('carl');
    expect({ code: carl.code, out: carl.out }).toEqual({ code: 0, out: expect.stringContaining('notes__echo: Echo: hello') });
    const bob = await as('bob');
    expect(bob.code).toBe(1);
    expect(bob.out).toMatch(/403|not allowed/);
    // What bob may not use is not listed to him either (his stored token, no login this time).
    const listed = await runWithBrowser(['test', '--url', `${base}/mcp`, '--allow', 'private_urls', '--ca-file', fx.caFile], { MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth-bob') }, ws.dir, fx.caPem, 'bob');
    expect({ code: listed.code, browsed: listed.browsed }).toEqual({ code: 0, browsed: 0 });
    expect(listed.out).toContain('tools: -');
    const lines = fs.readFileSync(path.join(ws.dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'carl', name: 'notes__echo', decision: 'allow', rule: 'engineering', outcome: 'ok' }), expect.objectContaining({ subject: 'bob', name: 'notes__echo', decision: 'deny', outcome: 'denied' })]));
  }, 180_000);

  it('opaque tokens: the gateway asks the provider about each (RFC 7662 introspection, its own client, the secret from a variable)', async () => {
    const file = path.join(ws.dir, 'opaque.yml');
    fs.writeFileSync(
      file,
      gatewayStack(`${ws.project}-opaque`, new URL(opaqueBase).host, `${opaqueBase}/mcp`, [
        `    introspection: { client_id: ${fx.introspector.id}, client_secret: "\${INTROSPECTION_SECRET}" }`,
      ]),
    );
    opaque = new CliProcess(['serve', '-f', file, '--no-apply'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), INTROSPECTION_SECRET: fx.introspector.secret }, ws.dir);
    await waitFor('the second gateway ready', async () => ((await fetch(`${opaqueBase}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
    const r = await runWithBrowser(
      ['test', '--url', `${opaqueBase}/mcp`, '--allow', 'private_urls', '--ca-file', fx.caFile, '--login', '--call', 'notes__echo', '--arguments', '{"message":"opaque"}'],
      { MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth-opaque') },
      ws.dir,
      fx.caPem,
    );
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('notes__echo: Echo: opaque') });
    const token = Object.values((JSON.parse(fs.readFileSync(path.join(ws.dir, 'auth-opaque', fs.readdirSync(path.join(ws.dir, 'auth-opaque'))[0] ?? ''), 'utf8')) as { issuers: Record<string, { tokens?: { access_token: string } }> }).issuers)[0]?.tokens?.access_token ?? '';
    expect(token.split('.')).toHaveLength(1);
    // A token the provider does not know is refused.
    const forged = await fetch(`${opaqueBase}/mcp`, { method: 'POST', headers: { authorization: 'Bearer not-a-token-the-provider-issued', 'content-type': 'application/json' }, body: '{}' });
    expect(forged.status).toBe(401);
    expect(opaque.lines.join('\n')).not.toContain(fx.introspector.secret);
  }, 120_000);
});
