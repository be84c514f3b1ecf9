import { parse as parseJsonc } from 'jsonc-parser';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { CLIENTS, configFile } from '../../src/connect/clients';
import { ConfigSyntaxError, readEntries, removeEntry, upsertEntry } from '../../src/connect/config-edit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

const entry = { type: 'http', url: 'http://127.0.0.1:8808/mcp' };

describe('connect edits one entry of a JSONC config and keeps everything else', () => {
  const cursorLike = `{
    // my servers, by hand
    "mcpServers": {
        "github": { "url": "https://api.example/mcp" }, // keep me
        "local": {
            "command": "node",
            "args": ["server.js"],
        },
    },
    "other": true
}
`;

  it('adds the entry in the file\'s own indentation; comments, other entries and trailing commas survive; the client\'s parser reads it back', () => {
    const out = upsertEntry('json', cursorLike, 'mcpServers', 'stack', entry);
    expect(out).toContain('// my servers, by hand');
    expect(out).toContain('        "github": { "url": "https://api.example/mcp" }, // keep me\n');
    expect(out).toContain('        "stack": {\n            "type": "http",');
    const parsed = parseJsonc(out) as { mcpServers: Record<string, unknown>; other: boolean };
    expect(Object.keys(parsed.mcpServers)).toEqual(['github', 'local', 'stack']);
    expect(parsed.mcpServers['stack']).toEqual(entry);
    expect(parsed.other).toBe(true);
  });

  it('running it twice changes nothing; a changed value replaces only that entry', () => {
    const once = upsertEntry('json', cursorLike, 'mcpServers', 'stack', entry);
    expect(upsertEntry('json', once, 'mcpServers', 'stack', entry)).toBe(once);
    const moved = upsertEntry('json', once, 'mcpServers', 'stack', { ...entry, url: 'http://127.0.0.1:9000/mcp' });
    expect(readEntries('json', moved, 'mcpServers')['stack']).toEqual({ ...entry, url: 'http://127.0.0.1:9000/mcp' });
    expect(moved.replace('9000', '8808')).toBe(once);
  });

  it('removing takes out that entry and nothing else', () => {
    const out = removeEntry('json', upsertEntry('json', cursorLike, 'mcpServers', 'stack', entry), 'mcpServers', 'stack');
    expect(parseJsonc(out)).toEqual(parseJsonc(cursorLike));
    expect(out).toContain('// keep me');
  });

  it('a missing or empty file becomes a file with just the entry; a broken one is refused with its position', () => {
    expect(JSON.parse(upsertEntry('json', '', 'servers', 'stack', entry))).toEqual({ servers: { stack: entry } });
    const compact = '{\n  "mcpServers": {\n    "other": { "command": "x" }\n  }\n}\n';
    expect(upsertEntry('json', compact, 'mcpServers', 'stack', entry)).toBe(
      '{\n  "mcpServers": {\n    "other": { "command": "x" },\n    "stack": {\n      "type": "http",\n      "url": "http://127.0.0.1:8808/mcp"\n    }\n  }\n}\n',
    );
    const broken = '{\n  "mcpServers": {\n    "a": { "url": }\n  }\n}\n';
    expect(() => upsertEntry('json', broken, 'mcpServers', 'stack', entry)).toThrow(ConfigSyntaxError);
    try {
      readEntries('json', broken, 'mcpServers');
    } catch (err) {
      expect(err).toMatchObject({ line: 3, col: 19 });
    }
  });
});

describe('connect edits one table of a TOML config (Codex) and keeps everything else', () => {
  const codex = `# Codex settings
model = "o3"

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-server"]

[mcp_servers.docs.env]
TOKEN_NAME = "x" # a comment

[profiles.fast]
model = "mini"
`;
  const value = { url: 'http://127.0.0.1:8808/mcp', bearer_token_env_var: 'GATEWAY_TOKEN' };

  it('appends the entry as its own table; TOML parses to the same document plus the entry; comments survive', () => {
    const out = upsertEntry('toml', codex, 'mcp_servers', 'stack', value);
    expect(out.startsWith(codex.trimEnd())).toBe(true);
    expect(out).toContain('# a comment');
    const parsed = parseToml(out) as Record<string, Record<string, unknown>>;
    const before = parseToml(codex) as Record<string, Record<string, unknown>>;
    expect(parsed['mcp_servers']?.['stack']).toEqual(value);
    expect(parsed['mcp_servers']?.['docs']).toEqual(before['mcp_servers']?.['docs']);
    expect(parsed['profiles']).toEqual(before['profiles']);
  });

  it('twice is the same as once; a changed value replaces the table where it is, sub-tables included; removal restores the rest', () => {
    const once = upsertEntry('toml', codex, 'mcp_servers', 'stack', value);
    expect(upsertEntry('toml', once, 'mcp_servers', 'stack', value)).toBe(once);
    const docsChanged = upsertEntry('toml', codex, 'mcp_servers', 'docs', { url: 'http://x/mcp' });
    expect((parseToml(docsChanged) as { mcp_servers: Record<string, unknown> }).mcp_servers['docs']).toEqual({ url: 'http://x/mcp' });
    expect(docsChanged).toContain('[profiles.fast]');
    expect(docsChanged).not.toContain('TOKEN_NAME');
    expect(parseToml(removeEntry('toml', once, 'mcp_servers', 'stack'))).toEqual(parseToml(codex));
  });

  it('an entry written inline is not rewritten: connect says how to let it manage it; broken TOML is refused with its position', () => {
    expect(() => upsertEntry('toml', 'mcp_servers.stack = { url = "http://old/mcp" }\n', 'mcp_servers', 'stack', value)).toThrow(/make it a \[mcp_servers\.stack\] table/);
    expect(() => readEntries('toml', 'model = \n', 'mcp_servers')).toThrow(ConfigSyntaxError);
  });
});

describe('where each client reads its config', () => {
  const places = { home: '/home/u', projectDir: '/work/app', platform: 'linux' as const, env: {} };

  it.each([
    ['claude-code', undefined, '/work/app/.mcp.json'],
    ['claude-code', 'user', '/home/u/.claude.json'],
    ['claude-desktop', undefined, '/home/u/.config/Claude/claude_desktop_config.json'],
    ['cursor', 'user', '/home/u/.cursor/mcp.json'],
    ['vscode', undefined, '/work/app/.vscode/mcp.json'],
    ['windsurf', undefined, '/home/u/.codeium/windsurf/mcp_config.json'],
    ['codex', undefined, '/home/u/.codex/config.toml'],
    ['gemini', undefined, '/work/app/.gemini/settings.json'],
  ] as const)('%s (%s scope): %s', (client, scope, file) => {
    expect(configFile(CLIENTS[client], scope, places)).toMatchObject({ file });
  });

  it('Claude Desktop per OS; a scope the client lacks is a clear error', () => {
    expect(configFile(CLIENTS['claude-desktop'], undefined, { ...places, platform: 'darwin' })).toMatchObject({ file: '/home/u/Library/Application Support/Claude/claude_desktop_config.json' });
    expect(configFile(CLIENTS['claude-desktop'], 'project', places)).toEqual({ error: 'Claude Desktop has no project scope; it reads --scope user' });
  });

  it('a token is named, never written: each client gets the reference it expands', () => {
    const t = { url: 'http://h:1/mcp', tokenEnv: 'GW_TOKEN', bridge: { command: 'node', args: ['cli.js', 'attach'] } };
    expect(CLIENTS['claude-code'].entry(t)).toEqual({ type: 'http', url: t.url, headers: { Authorization: 'Bearer ${GW_TOKEN}' } });
    expect(CLIENTS.cursor.entry(t)).toEqual({ url: t.url, headers: { Authorization: 'Bearer ${env:GW_TOKEN}' } });
    expect(CLIENTS.codex.entry(t)).toEqual({ url: t.url, bearer_token_env_var: 'GW_TOKEN' });
    expect(CLIENTS['claude-desktop'].entry(t)).toEqual({ command: 'node', args: ['cli.js', 'attach'] });
  });
});
