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

  it.each(['claude_desktop_config.json', 'cursor-mcp.json', 'vscode-mcp.json', 'claude_desktop_config.windows.json', 'vscode-settings.json', 'cursor-mcp.real-world.json'])(
    '%s: round trip to a stack file validate accepts, secrets as references, nothing secret written or printed',
    async (config) => {
      const out = path.join(dir, 'mcp-stack.yml');
      const io = captureOutput();
      expect(await main(['import', path.join(configs, config), '-o', out], {}, io)).toBe(ExitCode.OK);
      const yaml = fs.readFileSync(out, 'utf8');
      for (const text of [yaml, ...io.stdout, ...io.stderr]) {
        expect(text).not.toMatch(/CANARY|ghp_|BSA-|sk-/);
      }
      const secrets = /set before apply[^:]*: (.*)$/m.exec(io.stdout.join('\n'))?.[1] ?? '';
      const env = Object.fromEntries(secrets.split(', ').filter(Boolean).map((s) => [s.split(' ')[0] ?? '', 'value']));
      const v = captureOutput();
      expect(await main(['validate', '-f', out], env, v)).toBe(ExitCode.OK);
    },
  );

  it('maps npx, uvx, docker run and remote entries; keeps other commands as notes', () => {
    const r = importClientConfig(read('claude_desktop_config.json'), 'claude_desktop_config.json', 'mine');
    expect(r.servers).toEqual(['filesystem', 'github', 'fetch', 'brave-search', 'remote']);
    expect(r.secrets).toEqual([
      { variable: 'GITHUB_PERSONAL_ACCESS_TOKEN', server: 'github' },
      { variable: 'BRAVE_API_KEY', server: 'brave-search' },
      { variable: 'REMOTE_AUTHORIZATION', server: 'remote' },
    ]);
    expect(r.yaml).toContain('    npx: "@modelcontextprotocol/server-filesystem@2026.8.31"');
    expect(r.yaml).toContain('      - /Users/alice/Desktop:/Users/alice/Desktop');
    expect(r.yaml).toContain('    uvx: mcp-server-fetch==2025.4.7');
    expect(r.yaml).toContain('    image: mcp/brave-search:1.0');
    expect(r.yaml).toContain('      GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_PERSONAL_ACCESS_TOKEN}');
    expect(r.yaml).toContain('      LOG_LEVEL: debug');
    expect(r.yaml).toMatch(/cap_add:\n\s+- NET_ADMIN/);
    expect(r.yaml).toContain('  remote:\n    url: https://mcp.example.com/sse\n    headers:\n      Authorization: Bearer ${REMOTE_AUTHORIZATION}\n');
    expect(r.yaml).not.toContain('CANARY');
    expect(r.notes).toEqual([
      expect.stringMatching(/^server "local-script" was not imported: its command "node" is not npx, uvx or docker run/),
      'allow: cap_add, host_paths was added because the client config gave its servers that power; review it',
    ]);
    expect(r.yaml).toMatch(/^allow:\n\s+- cap_add\n\s+- host_paths$/m);
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
    expect(io.stderr).toEqual([expect.stringContaining(`x.json: no "mcpServers" (Claude Desktop, Cursor, Windsurf), "servers" (VS Code mcp.json) or "mcp": {"servers"} (VS Code settings.json) object`)]);
  });

  describe('what real configs contain', () => {
    const real = (): ReturnType<typeof importClientConfig> => importClientConfig(read('cursor-mcp.real-world.json'), 'mcp.json', 'mine');

    it('uvx --from PKG CMD: the package is the source and CMD the command', () => {
      const r = importClientConfig(JSON.stringify({ mcpServers: { a: { command: 'uvx', args: ['--from', 'awslabs-core-mcp-server==1.0.0', 'core-server', '--port', '1'] }, b: { command: 'npx', args: ['-y', '-p', '@pkg/tools@1.0.0', 'tool-b', 'x'] } } }), 'c.json', 'p');
      expect(r.yaml).toContain('  a:\n    uvx: awslabs-core-mcp-server==1.0.0\n    entrypoint:\n      - core-server\n    args:\n      - --port\n      - "1"');
      expect(r.yaml).toContain('  b:\n    npx: "@pkg/tools@1.0.0"\n    entrypoint:\n      - /app/node_modules/.bin/tool-b\n    args:\n      - x');
      expect(real().yaml).toContain('  git:\n    uvx: mcp-server-git==2025.1.14\n    args:');
    });

    it('docker run --mount, --network host, -v ${HOME}/..., attached -eKEY=VALUE are mapped', () => {
      const r = real();
      expect(r.yaml).toContain('      - /home/alice/.config/gh:/config:ro\n      - ~/.aws:/home/app/.aws:ro\n    network_mode: host');
      expect(r.yaml).toContain('GITHUB_TOKEN: ${GITHUB_TOKEN}');
      expect(r.yaml).toMatch(/^allow:\n\s+- host_network\n\s+- host_paths$/m);
      expect(r.yaml).not.toMatch(/^volumes:/m);
    });

    it('secrets in arguments, connection strings and structured values become references; nothing unmapped shows one', () => {
      const r = real();
      expect(r.yaml).toContain('      - --api-key\n      - ${SEARCH_API_KEY}\n      - --access-token=${SEARCH_ACCESS_TOKEN}');
      expect(r.yaml).toContain('postgresql://app:${DB_PASSWORD}@db.internal:5432/app');
      expect(r.yaml).toContain('"Authorization: Bearer ${API_TOKEN}"');
      expect(r.yaml).toContain(`API_HEADERS: '{"Authorization": "Bearer \${API_TOKEN_2}"}'`);
      expect(r.yaml).toContain('API_URL: https://api.example.com/v1/$$version');
      expect(r.notes.join('\n')).toContain('"args":["server.js","--password","***"]');
      expect(`${r.yaml}${r.notes.join('\n')}`).not.toContain('CANARY');
    });

    it('two servers with different values for one secret name get two names, and a note says so', () => {
      const r = real();
      expect(r.secrets).toEqual(expect.arrayContaining([{ variable: 'GITHUB_TOKEN', server: 'github' }, { variable: 'GITHUB_TOKEN_2', server: 'github-work' }]));
      expect(r.notes).toContain('server "github-work": its GITHUB_TOKEN differs from another server\'s, so it is GITHUB_TOKEN_2; set both');
      const same = importClientConfig(JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['a@1.0.0'], env: { TOKEN: 'one-value' } }, b: { command: 'npx', args: ['b@1.0.0'], env: { TOKEN: 'one-value' } } } }), 'c.json', 'p');
      expect(same.secrets).toEqual([{ variable: 'TOKEN', server: 'a' }, { variable: 'TOKEN', server: 'b' }]);
    });

    it('two prompts or two variables are two values however their names are spelled; one prompt used twice is one', () => {
      const r = importClientConfig(
        JSON.stringify({
          servers: {
            drive: { command: 'npx', args: ['x@1.0.0'], env: { GOOGLE_CLIENT_SECRET: '${input:google_client_secret}' } },
            docs: { command: 'npx', args: ['y@1.0.0'], env: { GOOGLE_CLIENT_SECRET: '${input:google_client_secret}' } },
            gmail: { command: 'npx', args: ['z@1.0.0'], env: { GOOGLE_CLIENT_SECRET: '${input:google-client-secret}' } },
            calendar: { command: 'npx', args: ['w@1.0.0'], env: { GOOGLE_CLIENT_SECRET: '${env:GOOGLE_CLIENT_SECRET}' } },
            tasks: { command: 'npx', args: ['v@1.0.0'], env: { GOOGLE_CLIENT_SECRET: '${GOOGLE_CLIENT_SECRET}' } },
          },
        }),
        'mcp.json',
        'p',
      );
      expect(r.secrets).toEqual([
        { variable: 'GOOGLE_CLIENT_SECRET', server: 'drive' },
        { variable: 'GOOGLE_CLIENT_SECRET', server: 'docs' },
        { variable: 'GOOGLE_CLIENT_SECRET_2', server: 'gmail' },
        { variable: 'GOOGLE_CLIENT_SECRET_3', server: 'calendar' },
        { variable: 'GOOGLE_CLIENT_SECRET_3', server: 'tasks' },
      ]);
      expect(r.notes.filter((n) => n.includes('differs from another'))).toHaveLength(2);
    });

    it("a Windows executable name after uvx --from is the command's name, which runs as the package's own", () => {
      const r = importClientConfig(JSON.stringify({ mcpServers: { git: { command: 'uvx.exe', args: ['--from', 'mcp-server-git==2025.1.14', 'mcp-server-git.exe', '--repository', '/repo'] } } }), 'c.json', 'p');
      expect(r.yaml).toContain('  git:\n    uvx: mcp-server-git==2025.1.14\n    args:\n      - --repository\n      - /repo\n');
      const other = importClientConfig(JSON.stringify({ mcpServers: { t: { command: 'uvx', args: ['--from', 'tools==1.0', 'tool-cli.EXE'] } } }), 'c.json', 'p');
      expect(other.yaml).toContain('    entrypoint:\n      - tool-cli\n');
    });

    it('docker --mount: the workspace is mounted read-only, a quoted Windows source is named in a note, and the file validates', async () => {
      const config = path.join(dir, 'mcp.json');
      fs.writeFileSync(
        config,
        JSON.stringify({
          servers: {
            fs: { command: 'docker', args: ['run', '-i', '--rm', '--mount', 'type=bind,src=${workspaceFolder},dst=/projects', 'mcp/filesystem:1', '/projects'] },
            win: { command: 'docker', args: ['run', '-i', '--rm', '--mount', 'type=bind,"src=C:\\Users\\me\\data,2024",dst=/data', 'mcp/filesystem:1', '/data'] },
          },
        }),
      );
      const out = path.join(dir, 'mcp-stack.yml');
      const io = captureOutput();
      expect(await main(['import', config, '-o', out], {}, io)).toBe(ExitCode.OK);
      const yaml = fs.readFileSync(out, 'utf8');
      expect(yaml).toContain('    volumes:\n      - .:/projects:ro\n');
      expect(yaml).toMatch(/^allow:\n\s+- stack_dir$/m);
      expect(io.stdout.join('\n')).toContain('server "fs": volume type=bind,src=${workspaceFolder},dst=/projects: the workspace is mounted read-only');
      expect(io.stdout.join('\n')).toContain('server "win": volume type=bind,"src=C:\\Users\\me\\data,2024",dst=/data: C:\\Users\\me\\data,2024 is a Windows path');
      expect(await main(['validate', '-f', out], {}, captureOutput())).toBe(ExitCode.OK);
    });

    it('remote entries (url, serverUrl, httpUrl; type: sse) become url: servers, every header and credential-named query parameter a variable; the file validates', async () => {
      const config = path.join(dir, 'mcp.json');
      fs.writeFileSync(
        config,
        JSON.stringify({
          mcpServers: {
            linear: { type: 'http', url: 'https://mcp.linear.app/mcp', headers: { Authorization: 'Bearer lin_api_CANARY0123456789' } },
            legacy: { type: 'sse', url: 'https://legacy.example.com/sse?api_key=CANARYkey42&region=eu' },
            windsurf: { serverUrl: 'https://mcp.example.com/mcp', headers: { 'X-Tenant': 'acme' } },
            gemini: { httpUrl: 'http://127.0.0.1:9000/mcp' },
            prompted: { url: 'https://mcp.example.org/mcp', headers: { Authorization: 'Bearer ${input:org_token}' } },
          },
        }),
      );
      const out = path.join(dir, 'mcp-stack.yml');
      const io = captureOutput();
      expect(await main(['import', config, '-o', out], {}, io)).toBe(ExitCode.OK);
      const yaml = fs.readFileSync(out, 'utf8');
      expect(yaml).not.toContain('CANARY');
      expect(yaml).toContain('  linear:\n    url: https://mcp.linear.app/mcp\n    headers:\n      Authorization: Bearer ${LINEAR_AUTHORIZATION}\n');
      expect(yaml).toContain('  legacy:\n    url: https://legacy.example.com/sse?api_key=${LEGACY_API_KEY}&region=eu\n    transport: sse\n');
      expect(yaml).toContain('  windsurf:\n    url: https://mcp.example.com/mcp\n    headers:\n      X-Tenant: ${WINDSURF_X_TENANT}\n');
      expect(yaml).toContain('  gemini:\n    url: http://127.0.0.1:9000/mcp\n');
      expect(yaml).toContain('      Authorization: Bearer ${ORG_TOKEN}\n');
      expect(yaml).toMatch(/^allow:\n\s+- private_urls$/m);
      expect(await main(['validate', '-f', out], { LINEAR_AUTHORIZATION: 'x', LEGACY_API_KEY: 'y', WINDSURF_X_TENANT: 'z', ORG_TOKEN: 'w' }, captureOutput())).toBe(ExitCode.OK);
    });

    it('a long path is a path, not a secret', () => {
      expect(real().yaml).toContain('      - /srv/projects/abcdefghijklmnopqrstuvwxyz012345\n');
    });

    it('a missing --env-file or envFile is a note, not a broken import', () => {
      expect(real().notes).toContain('server "github": --env-file missing.env does not exist beside the stack file: create it there, then add env_file: missing.env');
      const present = importClientConfig(read('vscode-settings.json'), 'settings.json', 'p', { exists: (p) => p === './.env.github' });
      expect(present.yaml).toContain('env_file: ./.env.github');
    });

    it("VS Code settings.json: ${workspaceFolder} is the stack file's directory, mounted at /workspace; ${input:..} and ${env:..} are variables", () => {
      const r = importClientConfig(read('vscode-settings.json'), 'settings.json', 'p');
      expect(r.yaml).toContain('    args:\n      - /workspace/docs\n    volumes:\n      - .:/workspace');
      expect(r.yaml).toContain('GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_TOKEN}');
      expect(r.yaml).toContain('GH_HOST: ${GH_HOST}');
      expect(r.yaml.slice(r.yaml.indexOf('version: 1'))).not.toContain('workspaceFolder');
    });

    it('Windows: cmd /c npx and npx.cmd are npx; Windows paths are reported, never taken for volume names', () => {
      const r = importClientConfig(read('claude_desktop_config.windows.json'), 'claude_desktop_config.json', 'p');
      expect(r.servers).toEqual(['filesystem', 'memory', 'notes']);
      expect(r.yaml).toContain('    npx: "@modelcontextprotocol/server-filesystem@2026.8.31"');
      expect(r.yaml).not.toMatch(/^volumes:/m);
      expect(r.notes).toContain('server "notes": volume C:\\Users\\alice\\notes:/notes: C:\\Users\\alice\\notes is a Windows path, not a path on this engine\'s host; mount the right path with volumes:');
    });

    it('a UTF-8 BOM is not "not JSON"', () => {
      const r = importClientConfig(`\uFEFF${read('cursor-mcp.json')}`, 'mcp.json', 'p');
      expect(r.servers.length).toBeGreaterThan(0);
    });

    it('a spec no tool would install is not imported, with the reason', () => {
      const r = importClientConfig(JSON.stringify({ mcpServers: { x: { command: 'npx', args: ['-y', 'pkg@1.0.0$(id)'] } } }), 'c.json', 'p');
      expect(r.servers).toEqual([]);
      expect(r.notes[0]).toMatch(/^server "x" was not imported: npx package "pkg@1.0.0\$\(id\)" is not an npm package spec/);
    });
  });
});
