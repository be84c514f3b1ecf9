import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { CLI, CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { useWorkspace, type Workspace } from '../support/workspace';

const execFileAsync = promisify(execFile);
/**
 * A serve whose gateway takes tokens from `issuer`, in front of `servers` (stack file lines), with
 * `gateway` lines of its own (sessions, idle time), ready.
 */
async function authenticatedServe(ws: Workspace, issuer: TestIssuer, servers: string[], gateway: string[], env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<{ serve: CliProcess; base: string; audience: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const audience = `${base}/mcp`;
  const file = path.join(ws.dir, 'mcp-stack.yml');
  fs.writeFileSync(
    file,
    [
      'version: 1',
      `project: ${ws.project}`,
      'allow: [private_urls]   # the issuer is on loopback',
      'servers:',
      ...servers,
      'gateway:',
      `  listen: 127.0.0.1:${port}`,
      `  auth: { issuer: "${issuer.url}", audience: "${audience}" }`,
      ...gateway,
      '',
    ].join('\n'),
  );
  const serve = new CliProcess(['serve', '-f', file, '--debounce', '100', ...args], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth'), ...env });
  await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 90_000, 200);
  return { serve, base, audience };
}
const text = (r: unknown): string => (r as { content: { text: string }[] }).content.map((c) => c.text).join('\n');

/**
 * gateway.servers.<s>.sessions: per_client through the real endpoint: a stdio server gets a
 * container per client session, made by the reconcile loop from the gateway's claims; each client
 * sees only its own state and its own roots; the limit refuses the next client; a closed or idle
 * session's container goes; a SIGKILLed serve's are removed by the next apply.
 */
describeDocker('per-client sessions (gateway.servers.<s>.sessions: per_client)', () => {
  const ws = useWorkspace('gw-client');
  let serve: CliProcess | undefined;
  let base: string;
  let file: string;
  const lockDir = (): string => path.join(ws.dir, 'locks');

  const containers = async (): Promise<{ name: string; session: string }[]> => {
    const { stdout } = await execFileAsync('docker', ['ps', '-a', '--filter', `label=io.mcp-orchestrator.project=${ws.project}`, '--format', '{{.Names}}\t{{.Label "io.mcp-orchestrator.session"}}']);
    return stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [name = '', session = ''] = l.split('\t');
        return { name, session };
      })
      .filter((c) => c.session !== '');
  };
  const connect = async (roots?: string): Promise<ClientV1> => {
    const client = new ClientV1({ name: 'per-client', version: '1' }, { capabilities: roots !== undefined ? { roots: { listChanged: true } } : {} });
    if (roots !== undefined) client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: `file://${roots}`, name: 'mine' }] }));
    await client.connect(new TransportV1(new URL(`${base}/mcp`)));
    return client;
  };
  const startServe = async (): Promise<void> => {
    serve = new CliProcess(['serve', '-f', file, '--debounce', '100', '--log-level', 'debug'], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir() });
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 90_000, 200);
  };

  beforeAll(async () => {
    file = path.join(ws.dir, 'mcp-stack.yml');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    fs.writeFileSync(
      file,
      [
        'version: 1',
        `project: ${ws.project}`,
        'servers:',
        '  memory:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-memory]',
        '    env: { MEMORY_FILE_PATH: /tmp/memory.json }',
        '  files:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-filesystem, /data]',
        'gateway:',
        `  listen: 127.0.0.1:${port}`,
        '  session_idle: 4s',
        '  servers:',
        '    memory: { sessions: per_client, max_sessions: 2 }',
        '    files: { sessions: per_client }',
        '',
      ].join('\n'),
    );
    await startServe();
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    await removeProject(ws.project);
  }, 60_000);

  it("two clients each see only their own state, each in a container of its own; the limit refuses a third; a closed session's container goes", async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      await a.callTool({ name: 'memory__create_entities', arguments: { entities: [{ name: 'alpha', entityType: 'test', observations: ['of client a'] }] } });
      await b.callTool({ name: 'memory__create_entities', arguments: { entities: [{ name: 'beta', entityType: 'test', observations: ['of client b'] }] } });
      const seenByA = text(await a.callTool({ name: 'memory__read_graph', arguments: {} }));
      const seenByB = text(await b.callTool({ name: 'memory__read_graph', arguments: {} }));
      expect(seenByA).toContain('alpha');
      expect(seenByA).not.toContain('beta');
      expect(seenByB).toContain('beta');
      expect(seenByB).not.toContain('alpha');
      const mine = (await containers()).filter((c) => c.name.startsWith(`${ws.project}-memory.session-`));
      expect(mine).toHaveLength(2);
      expect(mine.every((c) => /^[^/]+\/\d+\/\d+$/.test(c.session))).toBe(true);
      // ps shows them as the client sessions' they are.
      const ps = new CliProcess(['ps', '-f', file, '--json'], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir() });
      expect(await ps.exitedWithin(30_000)).toBe(0);
      const rows = (JSON.parse(ps.lines.join('\n')) as { servers: { server: string; container: string; sync: string }[] }).servers;
      expect(rows.filter((r) => r.sync === 'session').map((r) => r.server)).toEqual(['memory', 'memory']);

      const c = await connect();
      try {
        await expect(c.callTool({ name: 'memory__read_graph', arguments: {} })).rejects.toThrow(/at most 2 client sessions at once \(gateway\.servers\.memory\.max_sessions\)/);
      } finally {
        await c.close();
      }
      // a ends its session (DELETE): its container goes; b's stays.
      await (a.transport as TransportV1).terminateSession();
      await waitFor("a's container removed", async () => ((await containers()).filter((x) => x.name.startsWith(`${ws.project}-memory.session-`)).length === 1 ? true : undefined), 30_000, 250);
      expect(text(await b.callTool({ name: 'memory__read_graph', arguments: {} }))).toContain('beta');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // b is abandoned: its session idles out, and its container goes with it.
    await waitFor('the idle session and its container gone', async () => ((await containers()).length === 0 ? true : undefined), 30_000, 500);
  }, 120_000);

  it("server-filesystem per client: each client's own roots reach its own session", async () => {
    const [a, b] = [await connect('/tmp'), await connect('/data')];
    try {
      const allowed = async (c: ClientV1, dir: string): Promise<string> =>
        waitFor(`${dir} allowed`, async () => {
          const said = text(await c.callTool({ name: 'files__list_allowed_directories', arguments: {} }));
          return said.includes(dir) ? said : undefined;
        }, 20_000, 250);
      expect(await allowed(a, '/tmp')).not.toContain('/data');
      expect(await allowed(b, '/data')).not.toContain('/tmp');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 90_000);

  it("a SIGKILLed serve's session containers are removed by the next apply; the servers' own stay", async () => {
    // The last test's clients left without a DELETE: their sessions idle out first.
    await waitFor('the earlier sessions gone', async () => ((await containers()).length === 0 ? true : undefined), 30_000, 500);
    const a = await connect();
    await a.callTool({ name: 'memory__read_graph', arguments: {} });
    expect(await containers()).toHaveLength(1);
    serve?.kill('SIGKILL');
    await serve?.exitedWithin(10_000);
    await a.close().catch(() => undefined);
    const plan = new CliProcess(['plan', '-f', file], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir() });
    await plan.exitedWithin(60_000);
    expect(plan.lines.join('\n')).toMatch(/remove +server memory \(.*memory\.session-\d+\): left by a serve that is gone/);
    const apply = new CliProcess(['apply', '-f', file], { MCP_ORCHESTRATOR_LOCK_DIR: lockDir() });
    expect(await apply.exitedWithin(120_000)).toBe(0);
    expect(apply.lines.join('\n')).toMatch(/remove server memory \(.*memory\.session-\d+\)/);
    expect(await containers()).toEqual([]);
    const { stdout } = await execFileAsync('docker', ['ps', '--filter', `label=io.mcp-orchestrator.project=${ws.project}`, '--format', '{{.Names}}']);
    expect(stdout.split('\n').filter((l) => l !== '').sort()).toEqual([`${ws.project}-files`, `${ws.project}-memory`]);
    await startServe();
  }, 180_000);
});

/**
 * sessions: per_user: one session (a container) per caller, by their token's subject, for all of
 * their sessions and clients in both eras: state that survives a reconnect, never another's.
 */
describeDocker('per-user sessions (gateway.servers.<s>.sessions: per_user)', () => {
  const ws = useWorkspace('gw-user');
  let issuer: TestIssuer;
  let serve: CliProcess | undefined;
  let audience: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ serve, audience } = await authenticatedServe(
      ws,
      issuer,
      ['  memory:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-memory]', '    env: { MEMORY_FILE_PATH: /tmp/memory.json }'],
      ['  session_idle: 4s', '  servers:', '    memory: { sessions: per_user }'],
    ));
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    await issuer?.close();
    await removeProject(ws.project);
  }, 60_000);

  it("a user's state is theirs in every session and client of theirs (both eras, and after a reconnect), never another user's; one container each; gone once they idle", async () => {
    const alice = await issuer.sign({ sub: 'alice', aud: audience });
    const bob = await issuer.sign({ sub: 'bob', aud: audience });
    const graph = async (token: string, era: 'legacy' | 'modern', write?: string): Promise<string> => {
      const headers = { authorization: `Bearer ${token}` };
      const client = era === 'legacy' ? new ClientV1({ name: 'u', version: '1' }) : new Client({ name: 'u', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
      await client.connect(era === 'legacy' ? new TransportV1(new URL(audience), { requestInit: { headers } }) : new StreamableHTTPClientTransport(new URL(audience), { requestInit: { headers } }));
      try {
        if (write !== undefined) await client.callTool({ name: 'memory__create_entities', arguments: { entities: [{ name: write, entityType: 'test', observations: ['x'] }] } });
        return JSON.stringify(await client.callTool({ name: 'memory__read_graph', arguments: {} }));
      } finally {
        await client.close();
      }
    };
    await graph(alice, 'legacy', 'alice-notes');
    await graph(bob, 'modern', 'bob-notes');
    const aliceModern = await graph(alice, 'modern');
    const aliceAgain = await graph(alice, 'legacy');
    const bobLegacy = await graph(bob, 'legacy');
    expect(aliceModern).toContain('alice-notes');
    expect(aliceAgain).toContain('alice-notes');
    expect(aliceModern).not.toContain('bob-notes');
    expect(bobLegacy).toContain('bob-notes');
    expect(bobLegacy).not.toContain('alice-notes');
    const sessions = async (): Promise<string[]> =>
      (await execFileAsync('docker', ['ps', '-a', '--filter', `label=io.mcp-orchestrator.project=${ws.project}`, '--filter', 'label=io.mcp-orchestrator.session', '--format', '{{.Names}}'])).stdout.split('\n').filter((l) => l !== '');
    expect(await sessions()).toHaveLength(2);
    // No label names the user.
    const labels = (await execFileAsync('docker', ['inspect', '--format', '{{json .Config.Labels}}', ...(await sessions())])).stdout;
    expect(labels).not.toMatch(/alice|bob/);
    await waitFor("the users' sessions gone once idle", async () => ((await sessions()).length === 0 ? true : undefined), 30_000, 500);
  }, 120_000);
});

/**
 * A warm pool (containers started ahead of their clients), a definition change that replaces a
 * session's container only once nothing is in flight on it, and ten sessions' containers a
 * SIGKILLed serve leaves: the next serve removes them, down removes its own.
 */
describeDocker('per-client sessions: warm pool, definition changes, a killed serve', () => {
  const ws = useWorkspace('gw-warm');
  let serve: CliProcess | undefined;
  let base: string;
  let file: string;
  const stack = (generation: number, port: number): string =>
    [
      'version: 1',
      `project: ${ws.project}`,
      'servers:',
      '  slow:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [gateway-fixture]',
      `    env: { GENERATION: "${generation}" }`,
      'gateway:',
      `  listen: 127.0.0.1:${port}`,
      '  servers:',
      '    slow: { sessions: per_client, warm: 2, max_sessions: 12 }',
      '',
    ].join('\n');
  const startServe = async (): Promise<CliProcess> => {
    const p = new CliProcess(['serve', '-f', file, '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 90_000, 200);
    return p;
  };
  /** The session containers: name, owner, GENERATION, running or not. */
  const sessions = async (): Promise<{ name: string; owner: string; generation: string; running: boolean }[]> => {
    const { stdout } = await execFileAsync('docker', ['ps', '-aq', '--filter', `label=io.mcp-orchestrator.project=${ws.project}`, '--filter', 'label=io.mcp-orchestrator.session']);
    const ids = stdout.split('\n').filter((l) => l !== '');
    if (ids.length === 0) return [];
    const inspected = JSON.parse((await execFileAsync('docker', ['inspect', ...ids])).stdout) as { Name: string; State: { Running: boolean }; Config: { Env: string[]; Labels: Record<string, string> } }[];
    return inspected.map((c) => ({
      name: c.Name.slice(1),
      owner: (c.Config.Labels['io.mcp-orchestrator.session'] ?? '').replace(/\/\d+$/, ''),
      generation: (c.Config.Env.find((e) => e.startsWith('GENERATION=')) ?? '').slice('GENERATION='.length),
      running: c.State.Running,
    }));
  };
  const connect = async (): Promise<ClientV1> => {
    const client = new ClientV1({ name: 'warm', version: '1' });
    await client.connect(new TransportV1(new URL(`${base}/mcp`)));
    return client;
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack(1, port));
    serve = await startServe();
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    await removeProject(ws.project);
  }, 60_000);

  it('warm containers wait before any client; a client takes one and the pool is filled again; a changed definition reaches a session after its call in flight, not during it', async () => {
    await waitFor('two warm containers', async () => ((await sessions()).filter((s) => s.running).length === 2 ? true : undefined), 60_000, 250);
    const a = await connect();
    try {
      await a.callTool({ name: 'slow__steps', arguments: { count: 1 } });
      // Its own session's server meets this client as it is: its name, and only what it declared.
      const met = JSON.parse(text(await a.callTool({ name: 'slow__client_info', arguments: {} }))) as { client: string; capabilities: string[] };
      expect(met).toMatchObject({ client: 'warm', capabilities: [] });
      await waitFor('the pool filled again', async () => ((await sessions()).filter((s) => s.running).length === 3 ? true : undefined), 60_000, 250);
      const before = new Set((await sessions()).map((s) => s.name));
      // A call in flight while the definition changes: it finishes on the container it began on.
      const inFlight = a.callTool({ name: 'slow__steps', arguments: { count: 10, ms: 400 } });
      await new Promise((r) => setTimeout(r, 500));
      fs.writeFileSync(file, stack(2, Number(new URL(base).port)));
      await waitFor('the warm containers of the new definition', async () => {
        const now = await sessions();
        return now.filter((s) => s.running && s.generation === '2').length >= 2 ? true : undefined;
      }, 60_000, 250);
      expect(text(await inFlight)).toContain('done after 10 steps');
      // Its next call: the old container goes, a container of the new definition answers.
      await a.callTool({ name: 'slow__steps', arguments: { count: 1 } });
      await waitFor('only the new definition left', async () => ((await sessions()).every((s) => s.generation === '2') ? true : undefined), 30_000, 250);
      expect((await sessions()).some((s) => !before.has(s.name))).toBe(true);
    } finally {
      await a.close();
    }
  }, 180_000);

  it("ten sessions' containers a SIGKILLed serve left are removed by the next serve; down removes the rest", async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => connect()));
    await Promise.all(clients.map((c) => c.callTool({ name: 'slow__steps', arguments: { count: 1 } })));
    const killedOwner = (await sessions())[0]?.owner ?? '';
    expect((await sessions()).filter((s) => s.owner === killedOwner).length).toBeGreaterThanOrEqual(10);
    serve?.kill('SIGKILL');
    await serve?.exitedWithin(10_000);
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    serve = await startServe();
    await waitFor("the killed serve's containers gone", async () => ((await sessions()).some((s) => s.owner === killedOwner) ? undefined : true), 60_000, 500);
    // The new serve's own warm pool.
    await waitFor('a new warm pool', async () => ((await sessions()).filter((s) => s.running).length === 2 ? true : undefined), 60_000, 250);
    serve.kill('SIGTERM');
    expect(await serve.exitedWithin(30_000)).toBe(0);
    serve = undefined;
    // A serve stopped normally removes its own.
    expect(await sessions()).toEqual([]);
    const down = new CliProcess(['down', '-f', file], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    expect(await down.exitedWithin(60_000)).toBe(0);
  }, 240_000);
});

/**
 * Personal credentials: a per-user server's env reads ${user:GITHUB_TOKEN}; each user gives their
 * own once (`auth set`, the CLI with the value on stdin); each user's
 * container has that user's value only, which appears in no label, log line or file but the
 * sealed store; a user without one is told what to set.
 */
describeDocker('personal credentials (${user:NAME} with sessions: per_user)', () => {
  const ws = useWorkspace('gw-personal');
  let issuer: TestIssuer;
  let serve: CliProcess | undefined;
  let base: string;
  let audience: string;
  const canary = { alice: `ghp_alice_${Math.random().toString(36).slice(2)}`, bob: `ghp_bob_${Math.random().toString(36).slice(2)}` };

  const authSet = (token: string, value: string, args: string[] = []): { code: number | null; out: string } => {
    const r = spawnSync(process.execPath, [CLI, 'auth', 'set', 'vault', 'GITHUB_TOKEN', '--gateway', base, '--token-env', 'MY_TOKEN', ...args], { input: `${value}\n`, env: { ...process.env, MY_TOKEN: token }, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const digestOf = async (token: string): Promise<string> => {
    const client = new ClientV1({ name: 'p', version: '1' });
    await client.connect(new TransportV1(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      return text(await client.callTool({ name: 'vault__env_digest', arguments: { name: 'TOKEN' } }));
    } finally {
      await client.close();
    }
  };
  const sha256 = (v: string): string => createHash('sha256').update(v).digest('hex');

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ serve, base, audience } = await authenticatedServe(
      ws,
      issuer,
      ['  vault:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [gateway-fixture]', '    env: { TOKEN: "${user:GITHUB_TOKEN}" }'],
      ['  servers:', '    vault: { sessions: per_user }'],
      { MCP_ORCHESTRATOR_USER_SECRETS_DIR: path.join(ws.dir, 'personal'), MCP_ORCHESTRATOR_USER_SECRETS_KEY: randomBytes(32).toString('base64') },
      ['--log-level', 'debug'],
    ));
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    await issuer?.close();
    await removeProject(ws.project);
  }, 60_000);

  it("each user's container gets that user's own value only; a user without one is told what to set; the values are in no label, log or file but the sealed store", async () => {
    const alice = await issuer.sign({ sub: 'alice', aud: audience });
    const bob = await issuer.sign({ sub: 'bob', aud: audience });
    await expect(digestOf(alice)).rejects.toThrow(`server vault needs your own GITHUB_TOKEN: set it once with: mcp-orchestrator auth set vault GITHUB_TOKEN --gateway ${base}`);
    expect(authSet('', canary.alice)).toEqual({ code: 64, out: expect.stringContaining('no access token for the gateway in MY_TOKEN') });
    expect(authSet(alice, canary.alice)).toEqual({ code: 0, out: expect.stringContaining('set your GITHUB_TOKEN for server vault') });
    expect(authSet(bob, canary.bob)).toMatchObject({ code: 0 });
    expect(await digestOf(alice)).toBe(sha256(canary.alice));
    expect(await digestOf(bob)).toBe(sha256(canary.bob));
    // Each container has its user's value, and not the other's; no label has either.
    const ids = (await execFileAsync('docker', ['ps', '-q', '--filter', `label=io.mcp-orchestrator.project=${ws.project}`])).stdout.split('\n').filter((l) => l !== '');
    const inspected = JSON.parse((await execFileAsync('docker', ['inspect', ...ids])).stdout) as { Name: string; Config: { Env: string[]; Labels: Record<string, string> } }[];
    const sessions = inspected.filter((c) => c.Config.Labels['io.mcp-orchestrator.session'] !== undefined);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((c) => c.Config.Env.includes(`TOKEN=${canary.alice}`))).toHaveLength(1);
    expect(sessions.filter((c) => c.Config.Env.includes(`TOKEN=${canary.bob}`))).toHaveLength(1);
    expect(inspected.find((c) => c.Config.Labels['io.mcp-orchestrator.session'] === undefined)?.Config.Env).toContain('TOKEN=${user:GITHUB_TOKEN}');
    const everything = JSON.stringify(inspected.map((c) => c.Config.Labels)) + serve!.lines.join('\n') + fs.readdirSync(path.join(ws.dir, 'personal')).map((f) => fs.readFileSync(path.join(ws.dir, 'personal', f), 'utf8')).join('');
    for (const value of Object.values(canary)) expect(everything).not.toContain(value);
    expect(fs.statSync(path.join(ws.dir, 'personal', `${ws.project}.json`)).mode & 0o777).toBe(0o600);
    // A new value: the user's next session starts with it.
    expect(authSet(alice, `${canary.alice}-2`)).toMatchObject({ code: 0 });
    expect(await digestOf(alice)).toBe(sha256(`${canary.alice}-2`));
    expect(await digestOf(bob)).toBe(sha256(canary.bob));
  }, 180_000);
});
