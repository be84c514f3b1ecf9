import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SignJWT } from 'jose';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker } from '../support/docker';
import { freePort } from '../support/free-port';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { useWorkspace } from '../support/workspace';

const BACKEND = path.join(__dirname, '..', 'fixtures', 'gateway-server', 'server.mjs');

/**
 * The gateway as an OAuth protected resource, through its real endpoint: 401 pointing at its
 * protected resource metadata (RFC 9728), which names the issuer; tokens from the issuer taken by
 * clients of both eras; every kind of bad token refused; a rotated key picked up without a
 * restart; a server's own token for that server only; a 2025-era session nobody else's token may use.
 */
describeDocker('the gateway as an OAuth protected resource (gateway.auth)', () => {
  const ws = useWorkspace('gwauth');
  let issuer: TestIssuer;
  let backend: ChildProcess;
  let serve: CliProcess;
  let base: string;
  let audience: string;
  let backendPort: number;

  const post = (pathname: string, token?: string, body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }): Promise<Response> =>
    fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
  const modernList = async (token: string, pathname = '/mcp'): Promise<string[]> => {
    const client = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}${pathname}`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      return (await client.listTools()).tools.map((t) => t.name);
    } finally {
      await client.close();
    }
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    backendPort = await freePort();
    backend = spawn(process.execPath, [BACKEND, '--http', String(backendPort)], { stdio: 'ignore' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    audience = `${base}/mcp`;
    fs.writeFileSync(
      path.join(ws.dir, 'mcp-stack.yml'),
      [
        'version: 1',
        `project: ${ws.project}`,
        'allow: [private_urls]   # the issuer and the servers of this test are on loopback',
        'servers:',
        '  notes:',
        `    url: http://127.0.0.1:${backendPort}/mcp`,
        '  other:',
        `    url: http://127.0.0.1:${backendPort}/mcp`,
        'gateway:',
        `  listen: 127.0.0.1:${port}`,
        '  audit: { file: audit/gateway.jsonl, max_size: 1m }',
        '  metrics: true',
        '  auth:',
        `    issuer: ${issuer.url}`,
        `    audience: ${audience}`,
        '    scopes: [mcp]',
        '    clock_skew: 5s',
        '',
      ].join('\n'),
    );
    await waitFor('the backend', async () => ((await fetch(`http://127.0.0.1:${backendPort}/mcp`).catch(() => undefined)) !== undefined ? true : undefined), 20_000, 100);
    serve = new CliProcess(['serve', '--no-apply'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth') }, ws.dir);
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exited;
    backend?.kill();
    await issuer?.close();
  });

  it('without a token: 401 pointing at the protected resource metadata, which names the issuer (root and path-based)', async () => {
    const r = await post('/mcp');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="mcp"`);
    for (const at of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      expect(await (await fetch(`${base}${at}`)).json()).toEqual({ resource: audience, authorization_servers: [issuer.url], bearer_methods_supported: ['header'], scopes_supported: ['mcp'], resource_name: 'mcp-orchestrator gateway' });
    }
    expect(await (await fetch(`${base}/.well-known/oauth-protected-resource/servers/notes/mcp`)).json()).toMatchObject({ resource: `${base}/servers/notes/mcp` });
    expect((await fetch(`${base}/.well-known/oauth-protected-resource/servers/nobody/mcp`)).status).toBe(404);
  });

  it("a token from the issuer for the gateway serves clients of both eras; the token goes nowhere else", async () => {
    const token = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp openid', client_id: 'claude-code' });
    expect(await modernList(token)).toEqual(expect.arrayContaining(['notes__echo', 'other__echo']));
    const legacy = new ClientV1({ name: 'legacy', version: '1' });
    await legacy.connect(new TransportV1(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      const said = (await legacy.callTool({ name: 'notes__echo', arguments: { message: 'hi' } })) as { content: { text: string }[] };
      expect(said.content[0]?.text).toContain('hi');
    } finally {
      await legacy.close();
    }
    expect(serve.lines.join('\n')).not.toContain(token);
  });

  it('refuses expired, not yet valid, wrong audience, wrong issuer, alg none, HMAC with the public key, re-signed and unscoped tokens, each with the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stranger = await issuer.newKey('key-1');
    const good = { sub: 'alice', aud: audience, scope: 'mcp' };
    const unsigned = (claims: object): string => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer.url, exp: now + 300, ...claims })).toString('base64url')}.`;
    const hmacWithPublicKey = async (): Promise<string> => {
      const secret = new TextEncoder().encode(JSON.stringify(issuer.current().publicJwk));
      return new SignJWT({ ...good, iss: issuer.url, exp: now + 300 }).setProtectedHeader({ alg: 'HS256', kid: issuer.current().kid }).sign(secret);
    };
    const cases: [string, string, number, RegExp][] = [
      ['expired', await issuer.sign({ ...good, exp: now - 60 }), 401, /expired/],
      ['not yet valid', await issuer.sign({ ...good, nbf: now + 600 }), 401, /nbf/],
      ['another audience', await issuer.sign({ ...good, aud: 'https://elsewhere.example/mcp' }), 401, /aud/],
      ['another issuer', await issuer.sign({ ...good, iss: 'https://evil.example' }), 401, /iss/],
      ['alg none', unsigned(good), 401, /refused/],
      ['HMAC with the public key', await hmacWithPublicKey(), 401, /algorithm/],
      ['re-signed with another key under the same kid', await issuer.sign(good, { key: stranger }), 401, /signature/],
      ['without the required scope', await issuer.sign({ ...good, scope: 'openid' }), 403, /lacks the scope mcp/],
    ];
    for (const [what, token, status, reason] of cases) {
      const r = await post('/mcp', token);
      expect({ what, status: r.status }).toEqual({ what, status });
      expect({ what, error: ((await r.json()) as { error: string }).error }).toEqual({ what, error: expect.stringMatching(reason) });
      expect(r.headers.get('www-authenticate')).toContain(status === 403 ? 'error="insufficient_scope"' : 'error="invalid_token"');
    }
  });

  it("a server's own token works there only; the gateway's works on every server", async () => {
    const forNotes = await issuer.sign({ sub: 'alice', aud: `${base}/servers/notes/mcp`, scope: 'mcp' });
    expect(await modernList(forNotes, '/servers/notes/mcp')).toContain('echo');
    expect((await post('/servers/other/mcp', forNotes)).status).toBe(401);
    expect((await post('/mcp', forNotes)).status).toBe(401);
    expect(await modernList(await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp' }), '/servers/other/mcp')).toContain('echo');
  });

  const openSession = async (token: string): Promise<string> => {
    const init = await fetch(audience, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'a', version: '1' } } }),
    });
    await init.body?.cancel();
    return init.headers.get('mcp-session-id') ?? '';
  };
  const useSession = async (token: string, session: string): Promise<number> => {
    const r = await fetch(audience, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
    });
    await r.body?.cancel();
    return r.status;
  };

  it("a 2025-era session is its opener's: another caller's token cannot use it", async () => {
    const alice = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp' });
    const bob = await issuer.sign({ sub: 'bob', aud: audience, scope: 'mcp' });
    const session = await openSession(alice);
    expect(session).not.toBe('');
    expect(await useSession(bob, session)).toBe(404);
    expect(await useSession(alice, session)).toBe(200);
  });

  it("one caller's sessions are bounded (100): beyond it their own longest-idle session ends, and nobody else's", async () => {
    const mallory = await issuer.sign({ sub: 'mallory', aud: audience, scope: 'mcp' });
    const bob = await issuer.sign({ sub: 'bob', aud: audience, scope: 'mcp' });
    const bobs = await openSession(bob);
    const first = await openSession(mallory);
    const rest: string[] = [];
    for (let i = 0; i < 100; i++) rest.push(await openSession(mallory));
    expect(rest.every((s) => s !== '')).toBe(true);
    expect(await useSession(mallory, first)).toBe(404);
    expect(await useSession(mallory, rest[rest.length - 1] ?? '')).toBe(200);
    expect(await useSession(bob, bobs)).toBe(200);
    const health = (await (await fetch(`${base}/healthz`)).json()) as { sessions?: number };
    expect(health.sessions).toBeLessThanOrEqual(103);
  });

  it('a rotated key is picked up without a restart; a token of the key rotated out is refused', async () => {
    const retired = issuer.current();
    await issuer.rotate();
    const token = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp' });
    // Keys are fetched again at most every 5 s when a token names one not known.
    const before = issuer.jwksFetches();
    expect(await waitFor('the new key taken', async () => (await modernList(token).catch(() => undefined)) ?? undefined, 20_000, 500)).toContain('notes__echo');
    expect(issuer.jwksFetches()).toBeGreaterThan(before);
    const old = await issuer.sign({ sub: 'mallory', aud: audience, scope: 'mcp' }, { key: retired });
    const refused = await post('/mcp', old);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/no key of the issuer signed it/);
  }, 30_000);

  it('gateway.rules: two users in different groups each list and use only what their rule allows, in both eras; a change to the rules holds from the next sync; authz check says the same offline', async () => {
    const file = path.join(ws.dir, 'mcp-stack.yml');
    fs.appendFileSync(
      file,
      [
        '  rules:',
        '    - name: engineering',
        '      when: { groups: [eng] }',
        '      allow: { tools: ["notes__*"] }',
        '    - name: operations',
        '      when: { groups: [ops], scopes: [mcp] }',
        '      allow: { servers: [other] }',
        '',
      ].join('\n'),
    );
    const alice = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp', groups: ['eng'] });
    const bob = await issuer.sign({ sub: 'bob', aud: audience, scope: 'mcp', groups: ['ops'] });
    const carol = await issuer.sign({ sub: 'carol', aud: audience, scope: 'mcp', groups: ['sales'] });
    await waitFor('the rules taken', async () => ((await modernList(alice)).every((t) => t.startsWith('notes__')) ? true : undefined), 30_000, 250);
    expect((await modernList(alice)).length).toBeGreaterThan(0);
    expect((await modernList(bob)).every((t) => t.startsWith('other__'))).toBe(true);
    expect(await modernList(carol)).toEqual([]);
    // A call outside the rules: 403 before any server sees it.
    const call = (name: string): object => ({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: { message: 'x' }, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } } });
    const refused = await post('/mcp', alice, call('other__echo'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('not allowed to this caller: no rule allows it');
    // A 2025-era client of bob's: his list, and alice's tool refused.
    const legacy = new ClientV1({ name: 'legacy', version: '1' });
    await legacy.connect(new TransportV1(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${bob}` } } }));
    try {
      expect((await legacy.listTools()).tools.map((t) => t.name).every((n) => n.startsWith('other__'))).toBe(true);
      await expect(legacy.callTool({ name: 'notes__echo', arguments: { message: 'x' } })).rejects.toThrow(/403|not allowed/);
      const said = (await legacy.callTool({ name: 'other__echo', arguments: { message: 'ops' } })) as { content: { text: string }[] };
      expect(said.content[0]?.text).toContain('ops');
    } finally {
      await legacy.close();
    }
    // The same decisions offline.
    const check = (claims: object, target: string): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const p = new CliProcess(['authz', 'check', '--as', JSON.stringify(claims), target], {}, ws.dir);
        void p.exited.then((code) => resolve({ code, out: p.lines.join('\n') }));
      });
    expect(await check({ sub: 'alice', groups: ['eng'], scope: 'mcp' }, 'notes__echo')).toEqual({ code: 0, out: 'allow: tool notes__echo to alice: rule engineering allows it' });
    expect(await check({ sub: 'alice', groups: ['eng'], scope: 'mcp' }, 'other__echo')).toEqual({ code: 1, out: 'deny: tool other__echo to alice: no rule allows it' });
    expect(await check({ sub: 'bob', groups: ['ops'] }, 'other__echo')).toEqual({ code: 1, out: 'deny: tool other__echo to bob: no rule allows it' });
  }, 60_000);

  it('the audit trail: a line per request and decision, with who, what, how it was decided and how it went; never an argument, a result or a token', async () => {
    const alice = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp', groups: ['eng'], client_id: 'claude-code' });
    const client = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${alice}` } } }));
    try {
      const said = (await client.callTool({ name: 'notes__echo', arguments: { message: 'canary-argument-7731' } })) as { content: { text: string }[] };
      expect(said.content[0]?.text).toContain('canary-argument-7731');
      await expect(client.callTool({ name: 'other__echo', arguments: { message: 'canary-argument-7731' } })).rejects.toThrow();
    } finally {
      await client.close();
    }
    expect((await post('/mcp')).status).toBe(401);
    const file = path.join(ws.dir, 'audit', 'gateway.jsonl');
    const lines = (): Record<string, unknown>[] => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    await waitFor('the audit lines', () => (lines().some((l) => l['outcome'] === 'unauthenticated' && l['time'] !== undefined) ? true : undefined), 10_000, 100);
    const all = lines();
    // The last: earlier tests called it before there were rules.
    expect(all.filter((l) => l['name'] === 'notes__echo' && l['outcome'] === 'ok').pop()).toMatchObject({ subject: 'alice', client: 'claude-code', endpoint: '/mcp', server: 'notes', method: 'tools/call', decision: 'allow', rule: 'engineering', status: 200, upstream: 'up', ms: expect.any(Number) });
    expect(all.find((l) => l['name'] === 'other__echo')).toMatchObject({ subject: 'alice', method: 'tools/call', decision: 'deny', outcome: 'denied', status: 403 });
    expect(all.some((l) => l['method'] === 'tools/list' && l['subject'] === 'bob')).toBe(true);
    expect(all.some((l) => l['outcome'] === 'unauthenticated' && l['method'] === 'POST /mcp' && l['status'] === 401)).toBe(true);
    // Only the trail's own fields; nothing of what was said.
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('canary-argument-7731');
    expect(text).not.toContain(alice);
    for (const l of all) expect(Object.keys(l).every((k) => ['time', 'subject', 'client', 'session', 'endpoint', 'server', 'method', 'name', 'decision', 'rule', 'outcome', 'status', 'ms', 'upstream'].includes(k))).toBe(true);
  }, 30_000);

  it('/metrics: the Prometheus text format behind the same token, with counts that match the calls made', async () => {
    const alice = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp', groups: ['eng'] });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    let text = '';
    const scrape = async (): Promise<{ name: string; type: string; metrics: { labels?: Record<string, string>; value?: string }[] }[]> => {
      const r = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${alice}` } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      text = await r.text();
      return parsePrometheusTextFormat(text) as never;
    };
    const calls = (families: Awaited<ReturnType<typeof scrape>>): number =>
      Number(families.find((f) => f.name === 'mcpo_gateway_requests_total')?.metrics.find((m) => m.labels?.['tool'] === 'notes__echo' && m.labels['outcome'] === 'ok')?.value ?? 0);
    const before = calls(await scrape());
    const client = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${alice}` } } }));
    try {
      for (let i = 0; i < 3; i++) await client.callTool({ name: 'notes__echo', arguments: { message: `m${i}` } });
    } finally {
      await client.close();
    }
    const after = await scrape();
    expect(calls(after) - before).toBe(3);
    // The parser keeps a histogram's buckets but not its labels: the family by the parser, its count by its line.
    expect(after.find((f) => f.name === 'mcpo_gateway_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(Number(/^mcpo_gateway_request_duration_seconds_count\{server="notes",method="tools\/call"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(3);
    expect(after.find((f) => f.name === 'mcpo_gateway_upstream_state')?.metrics).toEqual(expect.arrayContaining([{ labels: { server: 'notes', state: 'up' }, value: '1' }, { labels: { server: 'notes', state: 'down' }, value: '0' }]));
    expect(after.find((f) => f.name === 'mcpo_gateway_sessions')?.metrics).toEqual([{ labels: { era: '2025' }, value: expect.any(String) }]);
    // serve's reconciles (here --no-apply: each one reads the file and the gateway follows it).
    expect(Number(after.find((f) => f.name === 'mcpo_reconciles_total')?.metrics.find((m) => m.labels?.['outcome'] === 'ok')?.value)).toBeGreaterThanOrEqual(1);
    expect(after.find((f) => f.name === 'mcpo_rollbacks_total')?.metrics).toEqual([{ value: '0' }]);
  }, 30_000);

  it('gateway --upstream --stack (the gateway on a cluster): the same authentication, rules and metrics from the stack file', async () => {
    const port = await freePort();
    const fixed = new CliProcess(['gateway', '--listen', `127.0.0.1:${port}`, '--upstream', `notes=http://127.0.0.1:${backendPort}/mcp`, '--upstream', `other=http://127.0.0.1:${backendPort}/mcp`, '--stack', 'mcp-stack.yml'], {}, ws.dir);
    try {
      const at = `http://127.0.0.1:${port}`;
      await waitFor('the fixed gateway ready', async () => ((await fetch(`${at}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 30_000, 200);
      const none = await fetch(`${at}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(none.status).toBe(401);
      // The audience is the stack's: the public URL in front of the cluster's gateway.
      expect(none.headers.get('www-authenticate')).toContain(`resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`);
      const alice = await issuer.sign({ sub: 'alice', aud: audience, scope: 'mcp', groups: ['eng'] });
      const client = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${at}/mcp`), { requestInit: { headers: { authorization: `Bearer ${alice}` } } }));
      try {
        const names = (await client.listTools()).tools.map((t) => t.name);
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((n) => n.startsWith('notes__'))).toBe(true);
      } finally {
        await client.close();
      }
      const metrics = await fetch(`${at}/metrics`, { headers: { authorization: `Bearer ${alice}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('mcpo_gateway_upstream_state{server="notes",state="up"} 1');
    } finally {
      fixed.kill('SIGTERM');
      await fixed.exited;
    }
  }, 60_000);
});
