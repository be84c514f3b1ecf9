import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Tool } from '@modelcontextprotocol/server';
import { createTwoFilesPatch } from 'diff';
import { serverRows } from '../runtime/server-status';
import { formatPlan } from '../core/plan';
import { containerName } from '../core/naming';
import type { Engine } from '../docker/engine';
import { formatDiagnostic } from '../errors';
import type { Logger } from '../logging/logger';
import { detectHostPaths } from '../runtime/host-paths';
import { reconcileOnce } from '../runtime/reconciler';
import { replaceFile } from '../util/replace-file';
import { referencedVariables } from '../stack-file/interpolate';
import { loadStackText } from '../stack-file/load-stack';
import { MAX_READ_BYTES, readRegularFile } from '../stack-file/node-spec-host';
import type { StackSpec } from '../stack-file/stack-spec';
import { editServers, type ServerEdit } from './stack-edit';

export interface ControlContext {
  readonly mode: 'propose' | 'apply';
  /** The stack file `serve` runs: what every change edits. */
  readonly file: string;
  readonly env: NodeJS.ProcessEnv;
  readonly engine: Engine;
  readonly logger: Logger;
  /** The stack as last reconciled. */
  readonly spec: () => StackSpec;
  /** The gateway's view of each server: state, tool count. */
  readonly health: () => Record<string, { state: string; reason?: string; tools?: number }>;
  /** Servers held back after a rollback, at the definition (config hash) that rolled back. */
  readonly heldBack?: () => ReadonlyMap<string, string>;
}

export interface ToolResult {
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

const name = { type: 'string', description: 'server name (lower case letters, digits, - and _)' } as const;
const definition = {
  type: 'object',
  description: 'the server as in mcp-stack.yml: exactly one of image, npx, uvx, build, plus settings (command, args, env, volumes, transport...)',
} as const;

/** The tools, by their own names (the gateway puts them under mcp-orchestrator__ on /mcp). */
export const CONTROL_TOOLS: Tool[] = [
  { name: 'list_servers', description: "The stack's servers: container state, whether it matches the stack file, gateway state and tool count.", inputSchema: { type: 'object', properties: {} } },
  {
    name: 'server_logs',
    description: "A server's recent output (stderr only for stdio servers: their stdout is MCP traffic), values of its env redacted.",
    inputSchema: { type: 'object', properties: { server: name, tail: { type: 'integer', minimum: 1, maximum: 1000, description: 'lines, default 100' } }, required: ['server'] },
  },
  { name: 'plan', description: 'What applying the stack file now would change.', inputSchema: { type: 'object', properties: {} } },
  { name: 'restart_server', description: "Restarts a server's container (its definition is unchanged).", inputSchema: { type: 'object', properties: { server: name }, required: ['server'] } },
  {
    name: 'add_server',
    description: 'Adds a server to the stack file (checked by every rule and the allow: policy); proposed as a diff or applied, as the stack file says.',
    inputSchema: { type: 'object', properties: { name, server: definition }, required: ['name', 'server'] },
  },
  { name: 'change_server', description: "Replaces a server's definition in the stack file; proposed or applied as add_server.", inputSchema: { type: 'object', properties: { name, server: definition }, required: ['name', 'server'] } },
  { name: 'remove_server', description: 'Removes a server from the stack file; proposed or applied as add_server.', inputSchema: { type: 'object', properties: { name }, required: ['name'] } },
];

/**
 * The orchestrator's own MCP tools (gateway.control). Reads answer from the engine and the
 * gateway; changes never touch a container behind the file's back: they edit the stack file
 * (comments and layout kept), check the result exactly as a hand edit is checked, and then either
 * leave it as a diff for review (propose) or write it, which `serve` converges to (apply).
 */
export class ControlTools {
  constructor(private readonly ctx: ControlContext) {}

  async call(tool: string, args: Record<string, unknown>, who: string): Promise<ToolResult> {
    try {
      switch (tool) {
        case 'list_servers':
          return text(JSON.stringify(await this.listServers(), null, 2));
        case 'server_logs':
          return text(await this.logs(str(args, 'server'), typeof args['tail'] === 'number' ? Math.min(1000, Math.max(1, Math.floor(args['tail']))) : 100));
        case 'plan':
          return text(await this.plan());
        case 'restart_server':
          return text(await this.restart(str(args, 'server'), who));
        case 'add_server':
        case 'change_server':
          return await this.change({ kind: tool === 'add_server' ? 'add' : 'change', name: str(args, 'name'), definition: obj(args, 'server') }, who);
        case 'remove_server':
          return await this.change({ kind: 'remove', name: str(args, 'name') }, who);
        default:
          return error(`no control tool "${tool}"`);
      }
    } catch (err) {
      return error(err instanceof Error ? err.message : String(err));
    }
  }

  private async listServers(): Promise<unknown[]> {
    const spec = this.ctx.spec();
    const rows = await serverRows(this.ctx.engine, spec.project, spec, await this.hostPath(spec));
    const health = this.ctx.health();
    return rows.map((r) => ({ server: r.server, container: r.state, sync: r.sync, ...(r.reason !== '' && { reason: r.reason }), gateway: health[r.server] ?? { state: 'not served' } }));
  }

  private async logs(server: string, tail: number): Promise<string> {
    const { s, container } = await this.containerOf(server);
    let out = '';
    const collect = new PassThrough().on('data', (c: Buffer) => (out += c.toString('utf8')));
    // A stdio server's stdout is the MCP traffic of every client of the gateway: never handed out.
    const discard = new PassThrough().resume();
    await this.ctx.engine.containerLogs(container.id, { follow: false, tail }, s.transport.type === 'stdio' ? discard : collect, collect);
    // Every value that came from outside the file: the server's env, and each variable the file refers to.
    const fromVariables = [...referencedVariables(this.read())].map((n) => this.ctx.env[n] ?? '');
    const secrets = [...new Set([...Object.values(s.env), ...fromVariables])].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
    for (const v of secrets) out = out.split(v).join('***');
    return out === '' ? `(no ${s.transport.type === 'stdio' ? 'stderr ' : ''}output)` : out;
  }

  private async plan(): Promise<string> {
    const spec = this.readSpec(this.read());
    const holdBack = this.ctx.heldBack?.() ?? new Map<string, string>();
    const outcome = await reconcileOnce(spec, this.ctx.engine, { hostPath: await this.hostPath(spec), prune: true, parallel: 1, dryRun: true, holdBack });
    const held = [...new Set(outcome.deferred.flatMap((a) => ('server' in a && a.server !== undefined && holdBack.has(a.server) ? [a.server] : [])))];
    return [formatPlan(outcome.plan), ...held.map((s) => `! held back     server ${s}: its last rollout was rolled back; it waits for a change of its definition`)].join('\n');
  }

  private async restart(server: string, who: string): Promise<string> {
    const { container } = await this.containerOf(server);
    this.ctx.logger.info('control: restart', { client: who, server });
    await this.ctx.engine.restartContainer(container.id);
    return `restarted ${server}`;
  }

  private async change(edit: ServerEdit, who: string): Promise<ToolResult> {
    const before = this.read();
    // A definition from an agent may not read serve's environment: only variables the reviewed file already uses.
    if (edit.kind !== 'remove') {
      const used = referencedVariables(before);
      const foreign = [...new Set(stringsIn(edit.definition).flatMap((v) => [...referencedVariables(v)]))].filter((n) => !used.has(n)).sort();
      if (foreign.length > 0) {
        this.ctx.logger.info('control: change refused', { client: who, action: edit.kind, server: edit.name, reason: 'variables the file does not use' });
        return error(`the definition refers to ${foreign.map((n) => `\${${n}}`).join(', ')}, which the stack file does not use: a change through the control tools may only use variables the reviewed file already uses; nothing was written`);
      }
    }
    const edited = editServers(before, edit);
    if (!edited.ok) return error(edited.message);
    const file = path.resolve(this.ctx.file);
    const checked = loadStackText(edited.text, this.ctx.file, this.ctx.env);
    if (!checked.ok) {
      this.ctx.logger.info('control: change refused', { client: who, action: edit.kind, server: edit.name, problems: checked.diagnostics.length });
      return error(`the stack file after this change is not valid; nothing was written:\n${checked.diagnostics.map(formatDiagnostic).join('\n')}`);
    }
    const base = path.basename(file);
    const diff = createTwoFilesPatch(`a/${base}`, `b/${base}`, before, edited.text, '', '', { context: 3 });
    if (this.ctx.mode === 'propose') {
      const dir = path.join(path.dirname(file), `${base}.proposals`);
      fs.mkdirSync(dir, { recursive: true });
      const proposal = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${edit.kind}-${edit.name}.diff`);
      fs.writeFileSync(proposal, diff, { flag: 'wx' });
      this.ctx.logger.info('control: change proposed', { client: who, action: edit.kind, server: edit.name, proposal });
      return text(`Proposed (not applied): ${proposal}\nReview it and apply with \`git apply\` (or patch -p1) in ${path.dirname(file)}.\n\n${diff}`);
    }
    replaceFile(file, edited.text);
    this.ctx.logger.info('control: change applied', { client: who, action: edit.kind, server: edit.name });
    return text(`Applied to ${file}; serve is converging to it.\n\n${diff}`);
  }

  /** The stack's server `server` and its container, or an error that says which is missing. */
  private async containerOf(server: string): Promise<{ s: StackSpec['servers'][number]; container: { id: string } }> {
    const spec = this.ctx.spec();
    const s = spec.servers.find((x) => x.name === server);
    if (s === undefined) throw new Error(`no server "${server}" in the stack`);
    const observed = await this.ctx.engine.observe(spec.project, []);
    const container = observed.containers.find((c) => c.name === containerName(spec.project, server));
    if (container === undefined) throw new Error(`server "${server}" has no container`);
    return { s, container };
  }

  private read(): string {
    const read = readRegularFile(path.resolve(this.ctx.file), MAX_READ_BYTES);
    if (!read.ok) throw new Error(`cannot read the stack file: ${read.reason}`);
    return read.bytes.toString('utf8');
  }

  private readSpec(textOfFile: string): StackSpec {
    const loaded = loadStackText(textOfFile, this.ctx.file, this.ctx.env);
    if (!loaded.ok) throw new Error(`the stack file is not valid:\n${loaded.diagnostics.map(formatDiagnostic).join('\n')}`);
    return loaded.spec;
  }

  private async hostPath(spec: StackSpec): Promise<(p: string) => string | undefined> {
    return (await detectHostPaths(this.ctx.engine, spec.dir, undefined)).map;
  }
}

/** Every string in a value from a client (a server's definition), at any depth. */
function stringsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 32 || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v, depth + 1)]);
}

function text(t: string): ToolResult {
  return { content: [{ type: 'text', text: t }] };
}

function error(t: string): ToolResult {
  return { content: [{ type: 'text', text: t }], isError: true };
}

function str(args: Record<string, unknown>, key: string): string {
  const v = args[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${key} must be a non-empty string`);
  return v;
}

function obj(args: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = args[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${key} must be an object: the server as in mcp-stack.yml`);
  return v as Record<string, unknown>;
}
