import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { diffLines } from 'diff';
import { CLI, CliProcess, waitFor } from '../support/cli-process';
import { describeDocker, TEST_NODE_IMAGE, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { npmCached } from '../support/npm-cache';
import { startOAuthFixture, type OAuthFixture } from '../support/oauth-fixture';
import { startRegistry } from '../support/registry-server';
import { runWithBrowser } from '../support/test-browser';
import { useWorkspace } from '../support/workspace';

const CLAUDE_CODE = '@anthropic-ai/claude-code@2.1.328';
const GEMINI_CLI = '@google/gemini-cli@0.61.0';

/**
 * `add` from a registry (the v0 API, served locally from recorded server.json documents and one
 * entry for this test's own OAuth-protected server) into a stack file that already has a container
 * server: the edit is the server's lines alone; the npm entry applies for real, the pypi, oci and
 * remote ones validate; the OAuth-protected remote is logged in to once, and the whole stack
 * applies, passes test and lock, and is served through one gateway to Claude Code.
 * [needs the npm registry or its cache: the npm entry, oidc-provider, Claude Code]
 */
describeDocker('add from the registry, to a stack that applies and is served to Claude Code', () => {
  const ws = useWorkspace('registry');
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let fx: OAuthFixture;
  let file: string;
  let serve: CliProcess | undefined;
  let port: number;
  const env = (): NodeJS.ProcessEnv => ({
    MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth'),
    MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'),
    HOME: path.join(ws.dir, 'home'),
    MCP_ORCHESTRATOR_GATEWAY_TOKEN: '',
  });
  /** The CLI, waited for without blocking this process (the registry it asks runs here). */
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { cwd: ws.dir, env: { ...process.env, ...env(), ...extra }, encoding: 'utf8', timeout: 300_000 }, (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, out: stdout, err: stderr });
      });
    });

  beforeAll(async () => {
    fx = await startOAuthFixture(ws.dir, 300);
    registry = await startRegistry([
      {
        $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
        name: 'io.example.test/team-notes',
        description: "This test's OAuth-protected notes server",
        version: '1.0.0',
        remotes: [{ type: 'streamable-http', url: fx.mcp }],
      },
    ]);
    fs.mkdirSync(path.join(ws.dir, 'home'), { recursive: true });
    port = await freePort();
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        '# The team stack: reviewed in git.',
        'version: 1',
        `project: ${ws.project}`,
        'allow: [private_urls]  # the remote server of this test is on loopback',
        `tls: { ca_file: ${path.basename(fx.caFile)} }`,
        'runtimes:',
        `  node: { image: ${TEST_NODE_IMAGE} }`,
        'servers:',
        '  everything:',
        `    image: ${TEST_SERVERS_IMAGE}`,
        '    command: [mcp-server-everything]',
        'gateway:',
        `  listen: 127.0.0.1:${port}`,
        '',
      ].join('\n'),
    );
  }, 300_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    fx?.stop();
    await registry?.close();
    await removeProject(ws.project);
  }, 120_000);

  it('each recorded kind of entry is written as a reviewed edit (only its lines added) and validates; a secret is a variable, never a value', async () => {
    const scratch = path.join(ws.dir, 'scratch.yml');
    fs.copyFileSync(file, scratch);
    const before = fs.readFileSync(scratch, 'utf8');
    const added = [
      ['io.github.modelcontextprotocol/server-fetch', [], 'uvx: mcp-server-fetch==0.6.3'],
      ['io.github.github/github-mcp-server@0.24.0', [], 'image: ghcr.io/github/github-mcp-server:0.24.0'],
      ['server-filesystem', [], 'npx: "@modelcontextprotocol/server-filesystem@0.6.3"'],
      ['io.modelcontextprotocol.anonymous/hybrid-mcp', ['--remote', '--as', 'hybrid'], 'url: https://mcp.anonymous.modelcontextprotocol.io/http'],
    ] as const;
    for (const [name, extra, line] of added) {
      const r = await run(['add', name, '-f', scratch, '--registry', registry.url, ...extra]);
      expect({ name, code: r.code, err: r.err }).toEqual({ name, code: 0, err: expect.stringContaining('added') });
      expect(r.out).toContain(`+    ${line}`);
    }
    const after = fs.readFileSync(scratch, 'utf8');
    // Every line that was there is still there, in order, with its comments: the edit only adds.
    expect(diffLines(before, after).filter((part) => part.removed)).toEqual([]);
    expect(after).toContain('GITHUB_PERSONAL_ACCESS_TOKEN: ${TOKEN:?TOKEN is required}');
    expect(after).toContain('Authorization: "Bearer ${API_KEY:?');
    expect((await run(['validate', '-f', scratch], { TOKEN: 'x', API_KEY: 'y', ALLOWED_DIRECTORY: '/tmp' })).code).toBe(0);
    // What cannot be added changes nothing.
    const again = await run(['add', 'io.github.modelcontextprotocol/server-fetch', '-f', scratch, '--registry', registry.url]);
    expect(again.code).toBe(64);
    expect(again.err).toContain('server "fetch" exists already');
    expect((await run(['add', 'no-such-server', '-f', scratch, '--registry', registry.url])).err).toContain(`no server named no-such-server in ${registry.url}`);
    expect(fs.readFileSync(scratch, 'utf8')).toBe(after);
  }, 120_000);

  it('the npm entry and the OAuth-protected remote one: added, logged in to once, applied, tested, locked, served to Claude Code', async () => {
    expect((await run(['add', 'server-memory', '--registry', registry.url])).code).toBe(0);
    const remote = await run(['add', 'team-notes', '--registry', registry.url]);
    expect(remote.code).toBe(0);
    expect(remote.out).toContain(`+    url: ${fx.mcp}`);
    const login = await runWithBrowser(['auth', 'login', 'team-notes'], env(), ws.dir, fx.caPem);
    expect(login.code).toBe(0);
    const applied = await run(['apply', '--wait']);
    expect({ code: applied.code, out: applied.out + applied.err }).toEqual({ code: 0, out: expect.stringMatching(/remote server team-notes answers/) });
    const tested = await run(['test', '--json']);
    const servers = (JSON.parse(tested.out) as { servers: { server: string; ok: boolean }[] }).servers;
    expect(servers.map((s) => [s.server, s.ok])).toEqual([['everything', true], ['memory', true], ['team-notes', true]]);
    expect((await run(['lock'])).code).toBe(0);
    const lock = fs.readFileSync(path.join(ws.dir, 'mcp-stack.lock'), 'utf8');
    expect(lock).toContain(fx.mcp);
    expect((await run(['lock', '--check'])).code).toBe(0);

    serve = new CliProcess(['serve'], env(), ws.dir);
    await waitFor('the gateway ready', async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 120_000, 250);
    const clients = npmCached('clients', [CLAUDE_CODE, GEMINI_CLI], [path.join('node_modules', '.bin', 'claude'), path.join('node_modules', '.bin', 'gemini')]);
    expect((await run(['connect', 'claude-code', '--scope', 'user'])).code).toBe(0);
    const listed = spawnSync(path.join(clients, 'node_modules', '.bin', 'claude'), ['mcp', 'list'], { cwd: ws.dir, env: { ...process.env, HOME: path.join(ws.dir, 'home') }, encoding: 'utf8', timeout: 120_000 });
    expect(listed.stdout).toMatch(new RegExp(`${ws.project}: http://127\\.0\\.0\\.1:${port}/mcp \\(HTTP\\) - ✔ Connected`));
    // The remote server's tools are among the gateway's, and answer.
    const client = new Client({ name: 't', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['team-notes__hello', 'memory__read_graph', 'everything__echo']));
      const said = (await client.callTool({ name: 'team-notes__hello', arguments: {} })) as { content: { text: string }[] };
      expect(said.content[0]?.text).toBe('hello, authorized caller');
    } finally {
      await client.close();
    }
  }, 600_000);
});
