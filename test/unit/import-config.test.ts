import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { ExitCode } from '../../src/cli/exit-codes';
import { importClientConfig } from '../../src/mcp/import-config';
import { captureOutput } from '../support/capture';
import { FIXTURES } from '../support/fixtures';

const configs = path.join(FIXTURES, 'client-configs');
const read = (f: string): string => fs.readFileSync(path.join(configs, f), 'utf8');

describe('import of client configs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-import-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['claude_desktop_config.json', 'cursor-mcp.json', 'vscode-mcp.json'])(
    '%s: round trip to a stack file validate accepts, secrets as references, nothing secret written or printed',
    async (config) => {
      const out = path.join(dir, 'mcp-stack.yml');
      const io = captureOutput();
      expect(await main(['import', path.join(configs, config), '-o', out], {}, io)).toBe(ExitCode.OK);
      const yaml = fs.readFileSync(out, 'utf8');
      for (const text of [yaml, ...io.stdout, ...io.stderr]) {
        expect(text).not.toMatch(/CANARY|ghp_|BSA-/);
      }
      const secrets = /set before apply[^:]*: (.*)$/m.exec(io.stdout.join('\n'))?.[1] ?? '';
      const env = Object.fromEntries(secrets.split(', ').filter(Boolean).map((s) => [s.split(' ')[0] ?? '', 'value']));
      const v = captureOutput();
      expect(await main(['validate', '-f', out], env, v)).toBe(ExitCode.OK);
    },
  );

  it('maps npx, uvx and docker run entries; keeps url and other commands as notes', () => {
    const r = importClientConfig(read('claude_desktop_config.json'), 'claude_desktop_config.json', 'mine');
    expect(r.servers).toEqual(['filesystem', 'github', 'fetch', 'brave-search']);
    expect(r.secrets).toEqual([
      { variable: 'GITHUB_PERSONAL_ACCESS_TOKEN', server: 'github' },
      { variable: 'BRAVE_API_KEY', server: 'brave-search' },
    ]);
    expect(r.yaml).toContain('    npx: "@modelcontextprotocol/server-filesystem@2026.8.31"');
    expect(r.yaml).toContain('      - /Users/alice/Desktop:/Users/alice/Desktop');
    expect(r.yaml).toContain('    uvx: mcp-server-fetch==2025.4.7');
    expect(r.yaml).toContain('    image: mcp/brave-search:1.0');
    expect(r.yaml).toContain('      GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_PERSONAL_ACCESS_TOKEN}');
    expect(r.yaml).toContain('      LOG_LEVEL: debug');
    expect(r.yaml).toMatch(/cap_add:\n\s+- NET_ADMIN/);
    expect(r.notes).toEqual([
      expect.stringMatching(/^server "local-script" was not imported: its command "node" is not npx, uvx or docker run/),
      expect.stringMatching(/^server "remote" was not imported: it is a remote server \(url\).*"Authorization":"\*\*\*"/),
      'allow: cap_add, host_paths was added because the client config gave its servers that power; review it',
    ]);
    expect(r.yaml).toMatch(/^allow:\n\s+- cap_add\n\s+- host_paths$/m);
    expect(r.yaml).toContain('# NOTE: server "remote" was not imported');
  });

  it('VS Code ${input:...} variables become references to set', () => {
    const r = importClientConfig(read('vscode-mcp.json'), 'mcp.json', 'mine');
    expect(r.secrets).toEqual([{ variable: 'PERPLEXITY_KEY', server: 'perplexity' }]);
    expect(r.yaml).toContain('PERPLEXITY_API_KEY: ${PERPLEXITY_KEY}');
  });

  it('a literal $ in a plain env value survives interpolation', () => {
    const r = importClientConfig(JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['a@1.0.0'], env: { GREETING: 'costs $5' } } } }), 'c.json', 'p');
    expect(r.yaml).toContain('GREETING: costs $$5');
  });

  it('never overwrites an existing file without --force', async () => {
    const out = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(out, 'mine\n');
    const io = captureOutput();
    expect(await main(['import', path.join(configs, 'cursor-mcp.json'), '-o', out], {}, io)).toBe(ExitCode.USAGE);
    expect(fs.readFileSync(out, 'utf8')).toBe('mine\n');
    expect(io.stderr.join('\n')).toContain('exists; nothing was written');
  });

  it('a file that is not a client config is a clear error', async () => {
    const bad = path.join(dir, 'x.json');
    fs.writeFileSync(bad, '{"something": 1}');
    const io = captureOutput();
    expect(await main(['import', bad, '-o', path.join(dir, 'o.yml')], {}, io)).toBe(ExitCode.USAGE);
    expect(io.stderr).toEqual(['x.json: no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object']);
  });
});
