import * as path from 'node:path';

/** The MCP clients `connect` writes entries for. */
export const CLIENT_IDS = ['claude-code', 'claude-desktop', 'cursor', 'vscode', 'windsurf', 'codex', 'gemini'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];
export type Scope = 'project' | 'user';

/** Where the entry leads: the gateway over HTTP, or (a stdio-only client) the `attach` bridge to it. */
export interface Target {
  /** `http://host:port/mcp` or `.../servers/<s>/mcp`. */
  readonly url: string;
  /** The variable that holds the gateway's bearer token, when the gateway needs one. Never its value. */
  readonly tokenEnv?: string;
  /** How to start the bridge: `command args...` for a stdio client. */
  readonly bridge: { readonly command: string; readonly args: readonly string[] };
}

export interface Places {
  readonly home: string;
  /** The stack file's directory: project-scoped files live there. */
  readonly projectDir: string;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
}

export interface ClientDef {
  readonly id: ClientId;
  readonly name: string;
  readonly format: 'json' | 'toml';
  /** The file for each scope the client has; the first is the default. */
  readonly scopes: Partial<Record<Scope, (p: Places) => string>>;
  /** Where entries live in the file: the key of the map of servers. */
  readonly key: string;
  /** The entry for one target, as that client spells it. */
  entry(t: Target): Record<string, unknown>;
}

const bearer = (t: Target, reference: (v: string) => string): Record<string, unknown> =>
  t.tokenEnv === undefined ? {} : { headers: { Authorization: `Bearer ${reference(t.tokenEnv)}` } };

/** Per-OS application-data directory (Claude Desktop, VS Code's user settings). */
function appData(p: Places, app: string): string {
  if (p.platform === 'darwin') return path.join(p.home, 'Library', 'Application Support', app);
  if (p.platform === 'win32') return path.join(p.env['APPDATA'] ?? path.join(p.home, 'AppData', 'Roaming'), app);
  return path.join(p.env['XDG_CONFIG_HOME'] || path.join(p.home, '.config'), app);
}

/**
 * Each client's files and spelling, from its own documentation. A token is never written: each
 * entry names the variable that holds it, in the form that client expands (`${VAR}`,
 * `${env:VAR}`, Codex's `bearer_token_env_var`).
 */
export const CLIENTS: Readonly<Record<ClientId, ClientDef>> = {
  'claude-code': {
    id: 'claude-code',
    name: 'Claude Code',
    format: 'json',
    scopes: { project: (p) => path.join(p.projectDir, '.mcp.json'), user: (p) => path.join(p.home, '.claude.json') },
    key: 'mcpServers',
    entry: (t) => ({ type: 'http', url: t.url, ...bearer(t, (v) => `\${${v}}`) }),
  },
  'claude-desktop': {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    format: 'json',
    // stdio only: the entry starts `attach`, which bridges to the running gateway (the token is read there).
    scopes: { user: (p) => path.join(appData(p, 'Claude'), 'claude_desktop_config.json') },
    key: 'mcpServers',
    entry: (t) => ({ command: t.bridge.command, args: [...t.bridge.args] }),
  },
  cursor: {
    id: 'cursor',
    name: 'Cursor',
    format: 'json',
    scopes: { project: (p) => path.join(p.projectDir, '.cursor', 'mcp.json'), user: (p) => path.join(p.home, '.cursor', 'mcp.json') },
    key: 'mcpServers',
    entry: (t) => ({ url: t.url, ...bearer(t, (v) => `\${env:${v}}`) }),
  },
  vscode: {
    id: 'vscode',
    name: 'VS Code',
    format: 'json',
    scopes: { project: (p) => path.join(p.projectDir, '.vscode', 'mcp.json'), user: (p) => path.join(appData(p, 'Code'), 'User', 'mcp.json') },
    key: 'servers',
    entry: (t) => ({ type: 'http', url: t.url, ...bearer(t, (v) => `\${env:${v}}`) }),
  },
  windsurf: {
    id: 'windsurf',
    name: 'Windsurf',
    format: 'json',
    scopes: { user: (p) => path.join(p.home, '.codeium', 'windsurf', 'mcp_config.json') },
    key: 'mcpServers',
    entry: (t) => ({ serverUrl: t.url, ...bearer(t, (v) => `\${env:${v}}`) }),
  },
  codex: {
    id: 'codex',
    name: 'Codex',
    format: 'toml',
    scopes: { user: (p) => path.join(p.env['CODEX_HOME'] || path.join(p.home, '.codex'), 'config.toml') },
    key: 'mcp_servers',
    entry: (t) => ({ url: t.url, ...(t.tokenEnv !== undefined && { bearer_token_env_var: t.tokenEnv }) }),
  },
  gemini: {
    id: 'gemini',
    name: 'Gemini CLI',
    format: 'json',
    scopes: { project: (p) => path.join(p.projectDir, '.gemini', 'settings.json'), user: (p) => path.join(p.home, '.gemini', 'settings.json') },
    key: 'mcpServers',
    entry: (t) => ({ httpUrl: t.url, ...bearer(t, (v) => `\${${v}}`) }),
  },
};

/** The client's file for `scope` (its default scope when none is asked), or why there is none. */
export function configFile(client: ClientDef, scope: Scope | undefined, places: Places): { file: string; scope: Scope } | { error: string } {
  const available = Object.keys(client.scopes) as Scope[];
  const chosen = scope ?? available[0];
  const where = chosen === undefined ? undefined : client.scopes[chosen];
  if (chosen === undefined || where === undefined) return { error: `${client.name} has no ${scope} scope; it reads ${available.map((s) => `--scope ${s}`).join(' or ')}` };
  return { file: where(places), scope: chosen };
}
