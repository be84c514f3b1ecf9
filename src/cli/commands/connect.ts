import { serverNames } from '../../stack-file/stack-spec';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { LOOPBACK_HOSTS, localBase } from '../../gateway/addresses';
import { CLIENTS, CLIENT_IDS, configFile, type ClientDef, type ClientId, type Scope, type Target } from '../../connect/clients';
import { ConfigSyntaxError, readEntries, removeEntry, upsertEntry } from '../../connect/config-edit';
import { ConnectionRecord } from '../../connect/record';
import { OrchestratorError } from '../../errors';
import { defaultLockDir } from '../../runtime/project-lock';
import { putFile, replaceFile } from '../../util/replace-file';
import { findServe } from '../../runtime/serve-registry';
import { readRegularFile } from '../../stack-file/node-spec-host';
import type { StackSpec } from '../../stack-file/stack-spec';
import { loadSpecOrThrow } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface ConnectOptions {
  readonly file: string;
  readonly scope?: Scope;
  readonly perServer?: boolean;
  /** The entry's name (the aggregate's); default: the project's name. */
  readonly name?: string;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  /** Replace an entry of that name that connect did not write (or that was changed since). */
  readonly force?: boolean;
}

/** A client's config is a user's file: far larger than any real one is refused rather than read. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** One entry to write: its name and value in the client's spelling. */
interface Entry {
  readonly name: string;
  readonly value: Record<string, unknown>;
}

/**
 * `connect CLIENT`: writes the client's entry for this stack's gateway into the client's own
 * config file, merged (every other entry, comment and indentation kept), with a backup, and
 * records what it wrote so `disconnect` can take back exactly that. Running it twice changes
 * nothing; `--check` says whether the entry is still right; `--dry-run` prints the diff.
 */
export async function runConnect(clientId: string, opts: ConnectOptions, env: NodeJS.ProcessEnv, io: Output, places: { home?: string; platform?: NodeJS.Platform; cli: string }): Promise<ExitCodeValue> {
  const client = clientOf(clientId);
  const spec = loadSpecOrThrow(opts.file, env, io);
  const { file, scope } = fileOf(client, opts, spec, env, places);
  const entries = entriesFor(client, spec, opts, env, places.cli);
  const before = readConfig(file);
  const current = parsed(client, before, file);

  if (opts.check) return check(client, spec, file, current, entries, env, io);

  const where = `${client.name} (${scope} scope): ${file}`;
  const record = ConnectionRecord.at(env);
  // An entry of that name that connect did not write is the user's: never replaced unasked.
  const written = record.all().filter((w) => w.file === file && w.client === client.id);
  const theirs = entries.filter((e) => {
    const now = current[e.name];
    if (now === undefined || JSON.stringify(now) === JSON.stringify(e.value)) return false;
    const ours = written.find((w) => w.name === e.name);
    return ours === undefined || JSON.stringify(ours.value) !== JSON.stringify(now);
  });
  if (theirs.length > 0 && opts.force !== true) {
    for (const e of theirs) io.err(`${file}: "${e.name}" is an entry connect did not write (or one changed since); it is left as it is. Pass --force to replace it (the file before goes to ${file}.bak), or --name to connect under another name`);
    return ExitCode.FAILED;
  }
  let after = before ?? '';
  for (const e of entries) after = edited(() => upsertEntry(client.format, after, client.key, e.name, e.value), file);
  if (after === (before ?? '')) {
    io.out(`${where}: already connected (${entries.map((e) => e.name).join(', ')}); nothing changed.`);
    return ExitCode.OK;
  }
  if (opts.dryRun) {
    io.out(createTwoFilesPatch(file, file, before ?? '', after, before === undefined ? '(no file)' : 'now', 'after connect'));
    return ExitCode.OK;
  }
  const backup = write(file, before, after);
  for (const e of entries) record.put({ client: client.id, file, name: e.name, value: e.value });
  io.out(`${where}: connected ${entries.map((e) => `"${e.name}"`).join(', ')}${backup ? ` (the file before: ${backup})` : ''}.`);
  const tokenEnv = tokenEnvOf(spec, env);
  if (tokenEnv !== undefined && client.id !== 'claude-desktop') io.out(`The gateway needs a bearer token: start ${client.name} with ${tokenEnv} set in its environment (the entry names the variable, never the token).`);
  if (client.id === 'claude-desktop' || opts.perServer) io.out(`The entry reaches the gateway of \`mcp-orchestrator serve -f ${path.resolve(opts.file)}\`: keep it running.`);
  return ExitCode.OK;
}

/** `disconnect CLIENT`: removes the entries `connect` wrote for this stack, unless changed since. */
export async function runDisconnect(clientId: string, opts: ConnectOptions, env: NodeJS.ProcessEnv, io: Output, places: { home?: string; platform?: NodeJS.Platform; cli: string }): Promise<ExitCodeValue> {
  const client = clientOf(clientId);
  const spec = loadSpecOrThrow(opts.file, env, io);
  const { file, scope } = fileOf(client, opts, spec, env, places);
  const record = ConnectionRecord.at(env);
  const names = new Set([opts.name ?? spec.project, ...serverNames(spec).map((s) => `${spec.project}-${s}`)]);
  const ours = record.all().filter((w) => w.file === file && w.client === client.id && names.has(w.name));
  const before = readConfig(file);
  const current = parsed(client, before, file);
  let after = before ?? '';
  const removed: string[] = [];
  for (const w of ours) {
    const now = current[w.name];
    if (now === undefined) {
      record.forget(file, w.name);
      continue;
    }
    if (JSON.stringify(now) !== JSON.stringify(w.value)) {
      io.err(`${file}: "${w.name}" was changed after connect wrote it; left in place (remove it by hand if it should go)`);
      continue;
    }
    after = edited(() => removeEntry(client.format, after, client.key, w.name), file);
    removed.push(w.name);
  }
  if (removed.length === 0) {
    io.out(`${client.name} (${scope} scope): ${file}: nothing connect wrote is there.`);
    return ExitCode.OK;
  }
  if (opts.dryRun) {
    io.out(createTwoFilesPatch(file, file, before ?? '', after, 'now', 'after disconnect'));
    return ExitCode.OK;
  }
  const backup = write(file, before, after);
  for (const name of removed) record.forget(file, name);
  io.out(`${client.name} (${scope} scope): ${file}: removed ${removed.map((n) => `"${n}"`).join(', ')}${backup ? ` (the file before: ${backup})` : ''}.`);
  return ExitCode.OK;
}

function clientOf(id: string): ClientDef {
  if ((CLIENT_IDS as readonly string[]).includes(id)) return CLIENTS[id as ClientId];
  throw new OrchestratorError('USAGE', `unknown client "${id}": one of ${CLIENT_IDS.join(', ')}`);
}

function fileOf(client: ClientDef, opts: ConnectOptions, spec: StackSpec, env: NodeJS.ProcessEnv, places: { home?: string; platform?: NodeJS.Platform }): { file: string; scope: Scope } {
  const found = configFile(client, opts.scope, { home: places.home ?? os.homedir(), projectDir: spec.dir, platform: places.platform ?? process.platform, env });
  if ('error' in found) throw new OrchestratorError('USAGE', found.error);
  return found;
}

/** The gateway's token variable: the stack's token_env, or the default one off loopback; none on loopback. */
function tokenEnvOf(spec: StackSpec, env: NodeJS.ProcessEnv): string | undefined {
  if (spec.gateway.tokenEnv !== undefined) return spec.gateway.tokenEnv;
  if (!LOOPBACK_HOSTS.has(spec.gateway.listen.host) || (env['MCP_ORCHESTRATOR_GATEWAY_TOKEN'] ?? '') !== '') return 'MCP_ORCHESTRATOR_GATEWAY_TOKEN';
  return undefined;
}

/** The gateway as a client on this machine reaches it: a wildcard listener is reached on loopback. */
function gatewayBase(spec: StackSpec): string {
  return localBase(spec.gateway.listen.host, spec.gateway.listen.port);
}

function entriesFor(client: ClientDef, spec: StackSpec, opts: ConnectOptions, env: NodeJS.ProcessEnv, cli: string): Entry[] {
  const base = gatewayBase(spec);
  const tokenEnv = tokenEnvOf(spec, env);
  const file = path.resolve(opts.file);
  const target = (url: string, server?: string): Target => ({
    url,
    ...(tokenEnv !== undefined && { tokenEnv }),
    bridge: { command: process.execPath, args: [cli, 'attach', ...(server !== undefined ? [server] : []), '-f', file] },
  });
  if (!opts.perServer) return [{ name: opts.name ?? spec.project, value: client.entry(target(`${base}/mcp`)) }];
  return spec.gateway.servers.map((g) => ({ name: `${spec.project}-${g.name}`, value: client.entry(target(`${base}/servers/${g.name}/mcp`, g.name)) }));
}

/** The file's text, undefined when there is none; only a regular file is read. */
function readConfig(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const read = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) throw new OrchestratorError('USAGE', `${file}: cannot read it: ${read.reason}`);
  return read.bytes.toString('utf8');
}

function parsed(client: ClientDef, text: string | undefined, file: string): Record<string, unknown> {
  return edited(() => readEntries(client.format, text ?? '', client.key), file);
}

/** A config the client's parser rejects is left alone, with where it is broken. */
function edited<T>(fn: () => T, file: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConfigSyntaxError) throw new OrchestratorError('USAGE', `${file}:${err.line}:${err.col}: ${err.message}; nothing was changed`);
    throw new OrchestratorError('USAGE', `${file}: ${err instanceof Error ? err.message : String(err)}; nothing was changed`);
  }
}

/**
 * Replaces the file's text (see replaceFile); the old text stays in FILE.bak, with the file's mode.
 * The backup is written to a new file and renamed into place: whatever is at FILE.bak (a link a
 * checkout planted there) is replaced, never written through.
 */
function write(file: string, before: string | undefined, after: string): string | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let backup: string | undefined;
  if (before !== undefined) {
    backup = `${file}.bak`;
    putFile(backup, before, fs.statSync(file).mode & 0o777);
  }
  replaceFile(file, after);
  return backup;
}

/** Each wanted entry: present and the same, or why not (another port, token, project, a serve elsewhere). */
function check(client: ClientDef, spec: StackSpec, file: string, current: Record<string, unknown>, entries: readonly Entry[], env: NodeJS.ProcessEnv, io: Output): ExitCodeValue {
  const problems: string[] = [];
  for (const e of entries) {
    const now = current[e.name];
    if (now === undefined) problems.push(`"${e.name}" is missing: run mcp-orchestrator connect ${client.id}`);
    else if (JSON.stringify(now) !== JSON.stringify(e.value)) problems.push(`"${e.name}" is stale: ${differences(now, e.value).join('; ')}`);
  }
  const serve = findServe(defaultLockDir(env), spec.project);
  if (serve !== undefined && serve.url !== gatewayBase(spec)) problems.push(`the running serve of ${spec.project} listens at ${serve.url}, not at ${gatewayBase(spec)} as the stack file says`);
  for (const p of problems) io.err(`${file}: ${p}`);
  if (problems.length === 0) io.out(`${client.name}: ${file}: up to date (${entries.map((e) => e.name).join(', ')}).`);
  return problems.length === 0 ? ExitCode.OK : ExitCode.FAILED;
}

/** Which fields differ, by name, with both values (they hold no secret: only URLs and variable names). */
function differences(now: unknown, wanted: Record<string, unknown>): string[] {
  const have = (typeof now === 'object' && now !== null ? now : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(have), ...Object.keys(wanted)])].sort();
  return keys
    .filter((k) => JSON.stringify(have[k]) !== JSON.stringify(wanted[k]))
    .map((k) => `${k} is ${have[k] === undefined ? 'absent' : JSON.stringify(have[k])}, the stack says ${wanted[k] === undefined ? 'none' : JSON.stringify(wanted[k])}`);
}
