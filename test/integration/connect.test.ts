import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, CliProcess } from '../support/cli-process';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { untilServing } from '../support/gateway-health';
import { npmCached } from '../support/npm-cache';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

const CLAUDE_CODE = '@anthropic-ai/claude-code@2.1.328';
const GEMINI_CLI = '@google/gemini-cli@0.61.0';


/**
 * `connect` writes each client's own config file, and the real clients from npm read it: Claude
 * Code's `claude mcp list` and Gemini CLI's `gemini mcp list` connect to the gateway of a running
 * `serve` through the entry `connect` wrote, and report it connected.
 * [needs the npm registry or its cache for the two clients]
 */
describeDocker('connect: real MCP clients reach the gateway through the entries it writes', () => {
  const ws = useWorkspace('connect');
  let serve: CliProcess | undefined;
  let file: string;
  let home: string;
  let port: number;
  let clients: string;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), MCP_ORCHESTRATOR_GATEWAY_TOKEN: '' });
  const cli = (...args: string[]): { code: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args, '-f', file], { env: env(), encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const client = (bin: 'claude' | 'gemini', ...args: string[]): string => {
    const r = spawnSync(path.join(clients, 'node_modules', '.bin', bin), args, { cwd: ws.dir, env: env(), encoding: 'utf8', timeout: 120_000 });
    return `${r.stdout}${r.stderr}`;
  };
  const stack = (listenPort: number): string =>
    ['version: 1', `project: ${ws.project}`, 'servers:', '  everything:', `    image: ${TEST_SERVERS_IMAGE}`, '    command: [mcp-server-everything]', 'gateway:', `  listen: 127.0.0.1:${listenPort}`, ''].join('\n');

  beforeAll(async () => {
    clients = npmCached('clients', [CLAUDE_CODE, GEMINI_CLI], [path.join('node_modules', '.bin', 'claude'), path.join('node_modules', '.bin', 'gemini')]);
    home = path.join(ws.dir, 'home');
    fs.mkdirSync(path.join(home, '.gemini'), { recursive: true });
    // Gemini CLI uses a project's servers only in a folder the user trusts.
    fs.writeFileSync(path.join(home, '.gemini', 'trustedFolders.json'), JSON.stringify({ [ws.dir]: 'TRUST_FOLDER' }));
    port = await freePort();
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack(port));
    serve = new CliProcess(['serve', '-f', file], env());
    await untilServing(`http://127.0.0.1:${port}`, 'everything').catch((err: Error) => {
      throw new Error(`${err.message}\n${serve?.lines.slice(-10).join('\n') ?? ''}`);
    });
  }, 400_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exitedWithin(30_000);
    // Whichever after-hook runs first: a serve still running could have recreated the server after the workspace's cleanup.
    await removeProject(ws.project);
    // serve writes its compile cache under HOME (here, in the workspace) as it exits.
    fs.rmSync(ws.dir, { recursive: true, force: true });
  }, 60_000);

  it('Claude Code (user scope): connect writes ~/.claude.json beside what was there; `claude mcp list` shows the gateway connected; disconnect takes back only its entry', () => {
    const config = path.join(home, '.claude.json');
    fs.writeFileSync(config, '{\n  "numStartups": 3,\n  "mcpServers": {\n    "mine": { "command": "true" }\n  }\n}\n');
    const r = cli('connect', 'claude-code', '--scope', 'user');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(cli('connect', 'claude-code', '--scope', 'user').out).toContain('already connected');
    expect(fs.readFileSync(`${config}.bak`, 'utf8')).toContain('"numStartups": 3');
    const listed = client('claude', 'mcp', 'list');
    expect(listed).toMatch(new RegExp(`${ws.project}: http://127\\.0\\.0\\.1:${port}/mcp \\(HTTP\\) - ✔ Connected`));
    expect(cli('connect', 'claude-code', '--scope', 'user', '--check').code).toBe(0);
    expect(cli('disconnect', 'claude-code', '--scope', 'user').code).toBe(0);
    // Claude Code keeps state of its own in the file too: whatever it is, only our entry went.
    const after = JSON.parse(fs.readFileSync(config, 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(after.mcpServers).toEqual({ mine: { command: 'true' } });
  }, 180_000);

  it('Gemini CLI (project scope, a trusted folder): `gemini mcp list` connects through the entry, one per server with --per-server', () => {
    expect(cli('connect', 'gemini').code).toBe(0);
    expect(cli('connect', 'gemini', '--per-server').code).toBe(0);
    const listed = client('gemini', 'mcp', 'list');
    expect(listed).toMatch(new RegExp(`✓ ${ws.project}: http://127\\.0\\.0\\.1:${port}/mcp \\(http\\) - Connected`));
    expect(listed).toMatch(new RegExp(`✓ ${ws.project}-everything: http://127\\.0\\.0\\.1:${port}/servers/everything/mcp \\(http\\) - Connected`));
  }, 180_000);

  it('--check says which entry is stale and why (the stack moved to another port); no token is ever written, only its variable', () => {
    expect(cli('connect', 'cursor').code).toBe(0);
    fs.writeFileSync(file, stack(port + 1));
    try {
      const stale = cli('connect', 'cursor', '--check');
      expect(stale.code).toBe(1);
      expect(stale.err).toContain(`"${ws.project}" is stale: url is "http://127.0.0.1:${port}/mcp", the stack says "http://127.0.0.1:${port + 1}/mcp"`);
      expect(stale.err).toContain(`the running serve of ${ws.project} listens at http://127.0.0.1:${port}`);
    } finally {
      fs.writeFileSync(file, stack(port));
    }
    const canary = 'token-canary-5d1c';
    const r = spawnSync(process.execPath, [CLI, 'connect', 'vscode', '-f', file], { env: { ...env(), MCP_ORCHESTRATOR_GATEWAY_TOKEN: canary }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const written = fs.readFileSync(path.join(ws.dir, '.vscode', 'mcp.json'), 'utf8');
    expect(written).toContain('"Authorization": "Bearer ${env:MCP_ORCHESTRATOR_GATEWAY_TOKEN}"');
    expect(`${written}${r.stdout}${r.stderr}`).not.toContain(canary);
  }, 60_000);

  it('Claude Desktop (stdio only): the entry starts attach, which bridges to every server through the running gateway', async () => {
    expect(cli('connect', 'claude-desktop').code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(home, '.config', 'Claude', 'claude_desktop_config.json'), 'utf8')) as { mcpServers: Record<string, { command: string; args: string[] }> };
    const entry = config.mcpServers[ws.project];
    expect(entry?.args).toEqual([fs.realpathSync(CLI), 'attach', '-f', file]);
    const c = new Client({ name: 'desktop', version: '1' });
    await c.connect(new StdioClientTransport({ command: entry?.command ?? '', args: entry?.args ?? [], env: env() as Record<string, string>, stderr: 'pipe' }));
    try {
      const r = await c.callTool({ name: 'everything__echo', arguments: { message: 'from the desktop entry' } });
      expect(JSON.stringify(r.content)).toContain('Echo: from the desktop entry');
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a client file that does not parse is left as it is, with where it is broken', () => {
    const cursor = path.join(ws.dir, '.cursor', 'mcp.json');
    fs.writeFileSync(cursor, '{ "mcpServers": { "a": } }');
    const r = cli('connect', 'cursor');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/\.cursor\/mcp\.json:1:\d+: not valid JSON: ValueExpected; nothing was changed/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(cursor, 'utf8')).toBe('{ "mcpServers": { "a": } }');
  });

  it('a checkout that plants .mcp.json.bak as a link to a file of the user\'s: connect replaces the link, the file it pointed to is untouched', () => {
    const mcpJson = path.join(ws.dir, '.mcp.json');
    const precious = path.join(home, '.bashrc');
    fs.writeFileSync(precious, 'the user\'s own shell setup\n');
    fs.writeFileSync(mcpJson, JSON.stringify({ mcpServers: { other: { type: 'http', url: 'http://127.0.0.1:1/mcp' } } }, null, 2));
    fs.rmSync(`${mcpJson}.bak`, { force: true });
    fs.symlinkSync(precious, `${mcpJson}.bak`);
    const r = cli('connect', 'claude-code', '--scope', 'project');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(precious, 'utf8')).toBe('the user\'s own shell setup\n');
    expect(fs.lstatSync(`${mcpJson}.bak`).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(`${mcpJson}.bak`, 'utf8')).toContain('"other"');
    expect(fs.readdirSync(ws.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(cli('disconnect', 'claude-code', '--scope', 'project').code).toBe(0);
  });

  it('an entry of the project\'s name that connect did not write is the user\'s: connect leaves it and says how to replace it; disconnect never removes it', () => {
    const cursor = path.join(ws.dir, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(cursor), { recursive: true });
    const own = { mcpServers: { [ws.project]: { command: 'my-own-server', args: ['--mine'] } } };
    fs.writeFileSync(cursor, JSON.stringify(own, null, 2));
    const refused = cli('connect', 'cursor');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`"${ws.project}" is an entry connect did not write`);
    expect(refused.err).toContain('--force');
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect(JSON.parse(fs.readFileSync(cursor, 'utf8'))).toEqual(own);
    expect(cli('disconnect', 'cursor').code).toBe(0);
    expect(JSON.parse(fs.readFileSync(cursor, 'utf8'))).toEqual(own);
    const forced = cli('connect', 'cursor', '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(`${cursor}.bak`, 'utf8'))).toEqual(own);
    expect(cli('disconnect', 'cursor').code).toBe(0);
  });
});
