import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { loadStack } from '../../src/stack-file/load-stack';
import { judgeRemoteUrl } from '../../src/stack-file/remote-servers';
import { nonPublicRange } from '../../src/util/outbound-address';

describe('remote servers (url:): the outbound rules on what the file names', () => {
  it.each([
    ['https://mcp.linear.app/mcp', false, undefined],
    ['https://203.0.113.9/mcp', false, 'is a reserved address'],
    ['https://8.8.8.8/mcp', false, undefined],
    ['http://mcp.example.com/mcp', true, 'plain http to mcp.example.com'],
    ['http://127.0.0.1:9000/mcp', false, '127.0.0.1 is a loopback address'],
    ['http://127.0.0.1:9000/mcp', true, undefined],
    ['http://localhost:9000/mcp', true, undefined],
    ['https://10.1.2.3/mcp', false, '10.1.2.3 is a private address'],
    ['https://169.254.169.254/latest', false, 'link-local (cloud metadata)'],
    ['https://[::1]/mcp', false, 'is a loopback address'],
    ['https://[::ffff:127.0.0.1]/mcp', false, 'is a loopback address'],
    ['https://[fd00::1]/mcp', false, 'unique-local'],
    ['https://100.64.0.1/mcp', false, 'carrier-grade NAT'],
    ['https://user:pw@mcp.example.com/mcp', true, 'credentials in it'],
    ['https://mcp.example.com/mcp#x', false, '#fragment'],
    ['ftp://mcp.example.com/', false, 'ftp: URLs are not MCP endpoints'],
    ['mcp.example.com/mcp', false, 'not an absolute URL'],
  ])('%s (allow private: %s)', (url, allowPrivate, problem) => {
    const v = judgeRemoteUrl(url, allowPrivate);
    if (problem === undefined) expect(v).toEqual({ ok: true });
    else expect(v.message).toContain(problem);
  });

  it('only global unicast addresses are public; embedded IPv4 is judged by what it embeds', () => {
    expect(nonPublicRange('93.184.216.34')).toBeUndefined();
    expect(nonPublicRange('2606:4700::1111')).toBeUndefined();
    expect(nonPublicRange('192.168.1.1')).toBe('private');
    expect(nonPublicRange('::ffff:10.0.0.1')).toBe('private');
    expect(nonPublicRange('0.0.0.0')).toBe('unspecified');
    expect(nonPublicRange('fe80::1')).toBe('link-local (cloud metadata)');
    expect(nonPublicRange('2002:c0a8:0101::1')).toBe('6to4');
    expect(nonPublicRange('example.com')).toBe('not an IP address');
  });
});

describe('remote servers (url:) in the stack file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-remote-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (text: string, env: Record<string, string> = {}): ReturnType<typeof loadStack> => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, text);
    return loadStack(file, { HOME: '/home/user', ...env });
  };
  const errors = (r: ReturnType<typeof loadStack>): string[] => (r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).replace(`${dir}/`, '')));

  it('a remote server has no container: it is a remote of the spec, with headers from variables, the defaults not applied to it', () => {
    const r = load(
      [
        'version: 1',
        'project: p',
        'defaults: { env: { A: "1" }, resources: { memory: 128m } }',
        'servers:',
        '  linear:',
        '    url: https://mcp.linear.app/mcp',
        '    headers: { Authorization: "Bearer ${LINEAR_TOKEN}" }',
        '    ready: { timeout: 20s }',
        '  legacy:',
        '    url: https://legacy.example.com/sse',
        '    transport: sse',
        '  memory:',
        '    image: mcp/memory:1',
        '',
      ].join('\n'),
      { LINEAR_TOKEN: 'lin_canary' },
    );
    if (!r.ok) throw new Error(errors(r).join('\n'));
    expect(r.spec.servers.map((s) => s.name)).toEqual(['memory']);
    expect(r.spec.remotes).toEqual([
      expect.objectContaining({ name: 'legacy', url: 'https://legacy.example.com/sse', transport: 'sse', headers: {}, timeoutSeconds: 60, allowPrivate: false }),
      expect.objectContaining({ name: 'linear', url: 'https://mcp.linear.app/mcp', transport: 'streamable-http', headers: { Authorization: 'Bearer lin_canary' }, timeoutSeconds: 20 }),
    ]);
    expect(r.spec.gateway.servers.map((g) => g.name)).toEqual(['legacy', 'linear', 'memory']);
  });

  it('what cannot be is a located error: a literal header, a container key, a private address without allow, container-only mix-ups', () => {
    const r = load(
      [
        'version: 1',
        'project: p',
        'servers:',
        '  a:',
        '    url: https://10.0.0.8/mcp',
        '    headers: { X-Api-Key: literal-key-123, Mcp-Session-Id: "${S}" }',
        '    volumes: [./x:/x]',
        '  b:',
        '    image: mcp/memory:1',
        '    headers: { A: "${A}" }',
        '    transport: sse',
        '    depends_on: [a]',
        '',
      ].join('\n'),
      { S: 'session-x', A: 'header-value-a' },
    );
    expect(errors(r)).toEqual([
      'mcp-stack.yml:5:10: server "a": url: 10.0.0.8 is a private address: a remote server there needs allow: [private_urls] (a file could otherwise reach this machine\'s or the network\'s own services)',
      'mcp-stack.yml:6:27: server "a": header X-Api-Key is written in the file: a header may carry a credential, so its value comes from a variable (X-Api-Key: "${X_API_KEY}")',
      'mcp-stack.yml:6:44: server "a": header Mcp-Session-Id is the transport\'s own',
      'mcp-stack.yml:7:5: server "a" is a remote server (url:): volumes describes a container, which it has not',
      'mcp-stack.yml:10:5: server "b": headers are for remote servers (url:); a container\'s server gets env',
      'mcp-stack.yml:11:16: server "b": transport: sse is for remote servers (url:); a container speaks stdio or http',
      'mcp-stack.yml:12:18: server "b" depends on "a", a remote server: there is no container to start first',
    ]);
  });

  it('auth: a client secret from a variable only, what a grant needs, a key that is a key; a container has no auth', () => {
    const r = load(
      [
        'version: 1',
        'project: p',
        'servers:',
        '  a:',
        '    url: https://mcp.example.com/mcp',
        '    auth: { client_id: app, client_secret: hunter2-literal }',
        '  b:',
        '    url: https://mcp.example.com/mcp',
        '    auth: { grant: client_credentials }',
        '  c:',
        '    url: https://mcp.example.com/mcp',
        '    auth: { client_id: app, private_key_file: missing.pem }',
        '  d:',
        '    image: mcp/memory:1',
        '    auth: { grant: client_credentials }',
        '',
      ].join('\n'),
    );
    expect(errors(r)).toEqual([
      'mcp-stack.yml:6:44: server "a": auth.client_secret is written in the file: it comes from a variable ("${A_CLIENT_SECRET}")',
      'mcp-stack.yml:9:20: server "b": auth: grant client_credentials needs a client_id with its client_secret (from a variable) or private_key_file',
      expect.stringMatching(/^mcp-stack\.yml:12:47: server "c": auth\.private_key_file "missing\.pem" cannot be read/),
      'mcp-stack.yml:15:5: server "d": auth is OAuth to a remote server (url:); a container\'s server gets its credentials as env or secrets',
    ]);
  });

  it('auth: a machine client from variables is part of the spec, the secret never in what plan shows', () => {
    const r = load(
      ['version: 1', 'project: p', 'servers:', '  m:', '    url: https://mcp.example.com/mcp', '    auth: { grant: client_credentials, issuer: "https://as.example.com", client_id: app, client_secret: "${SECRET}", scopes: [read, write] }', ''].join('\n'),
      { SECRET: 'machine-secret-canary' },
    );
    expect(errors(r)).toEqual([]);
    expect(r.ok && r.spec.remotes?.[0]?.auth).toEqual({ grant: 'client_credentials', issuer: 'https://as.example.com', clientId: 'app', clientSecret: 'machine-secret-canary', scopes: ['read', 'write'] });
  });

  it('gateway.auth: no static token beside it, an issuer the outbound rules allow, the introspection secret from a variable; defaults', () => {
    const bad = load(
      [
        'version: 1',
        'project: p',
        'servers:',
        '  m: { image: "mcp/memory:1" }',
        'gateway:',
        '  token_env: GATEWAY_TOKEN',
        '  auth:',
        '    issuer: https://10.0.0.5/realms/team',
        '    audience: https://mcp.team.example/mcp',
        '    introspection: { client_id: gw, client_secret: literal-secret }',
        '',
      ].join('\n'),
    );
    expect(errors(bad)).toEqual([
      'mcp-stack.yml:6:3: gateway.token_env and gateway.auth: callers bring tokens from the issuer, or the one static token, not both',
      expect.stringMatching(/^mcp-stack\.yml:8:13: gateway\.auth\.issuer: 10\.0\.0\.5 is a private address/),
      'mcp-stack.yml:10:52: gateway.auth.introspection.client_secret is written in the file: it comes from a variable ("${GATEWAY_INTROSPECTION_SECRET}")',
    ]);
    const good = load(['version: 1', 'project: p', 'servers:', '  m: { image: "mcp/memory:1" }', 'gateway:', '  auth: { issuer: "https://login.example.com", audience: "https://mcp.team.example/mcp" }', ''].join('\n'));
    expect(errors(good)).toEqual([]);
    expect(good.ok && good.spec.gateway.auth).toEqual({ issuer: 'https://login.example.com', audience: 'https://mcp.team.example/mcp', algorithms: ['ES256', 'EdDSA', 'PS256', 'RS256'], scopes: [], clockSkewSeconds: 60, allowPrivate: false });
    // HMAC and none are not in the schema's list.
    expect(errors(load(['version: 1', 'project: p', 'servers: {}', 'gateway:', '  auth: { issuer: "https://l.example", audience: "https://m.example/mcp", algorithms: [HS256] }', ''].join('\n')))[0]).toMatch(/^mcp-stack\.yml:5:88: /);
  });

  it('gateway.rules: need gateway.auth, each named once, naming servers that exist', () => {
    const r = load(
      [
        'version: 1',
        'project: p',
        'servers:',
        '  m: { image: "mcp/memory:1" }',
        'gateway:',
        '  rules:',
        '    - { name: a, allow: { servers: [m] } }',
        '    - { name: a, allow: { servers: [nothere, "m*"] } }',
        '',
      ].join('\n'),
    );
    expect(errors(r)).toEqual([
      'mcp-stack.yml:6:3: gateway.rules judge callers by their tokens: they need gateway.auth',
      'mcp-stack.yml:8:15: gateway.rules: two rules are named "a": a decision names the rule that made it',
      'mcp-stack.yml:8:37: gateway.rules "a" allows server "nothere", which is not a server in this file',
    ]);
  });

  it('gateway.audit.file: written, so judged as a write: inside the project (else host_paths), never through a link', () => {
    fs.mkdirSync(path.join(dir, 'trail'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'trail', 'linked.jsonl'));
    const at = (file: string): string[] => errors(load(['version: 1', 'project: p', 'servers:', '  m: { image: "mcp/memory:1" }', 'gateway:', `  audit: { file: ${file} }`, ''].join('\n')));
    expect(at('trail/linked.jsonl')).toEqual(['mcp-stack.yml:6:18: gateway.audit.file trail/linked.jsonl is a link: the trail is never written through one']);
    expect(at('/var/log/elsewhere.jsonl')[0]).toMatch(/^mcp-stack\.yml:6:18: gateway\.audit\.file \/var\/log\/elsewhere\.jsonl, outside the project directory .*host_paths/);
    expect(at('trail/gateway.jsonl')).toEqual([]);
  });

  it("auth.private_key_file is judged as a host path: a key outside the project (the user's own) needs host_paths", () => {
    const r = load(['version: 1', 'project: p', 'servers:', '  m:', '    url: https://mcp.example.com/mcp', '    auth: { grant: client_credentials, client_id: app, private_key_file: /etc/ssl/private/key.pem }', ''].join('\n'));
    expect(errors(r)).toEqual(expect.arrayContaining([expect.stringMatching(/^mcp-stack\.yml:6:74: server "m": auth\.private_key_file \/etc\/ssl\/private\/key\.pem, outside the project directory .*host_paths/)]));
  });

  it('allow: [private_urls] lets a remote server be on this machine, over plain http', () => {
    const r = load(['version: 1', 'project: p', 'allow: [private_urls]', 'servers:', '  local:', '    url: http://127.0.0.1:9000/mcp', ''].join('\n'));
    expect(errors(r)).toEqual([]);
    expect(r.ok && r.spec.remotes?.[0]).toMatchObject({ url: 'http://127.0.0.1:9000/mcp', allowPrivate: true });
  });
});
