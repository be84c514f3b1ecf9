import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { editServers } from '../../control/stack-edit';
import { formatDiagnostic, OrchestratorError } from '../../errors';
import { guardedFetch } from '../../outbound/guarded-fetch';
import { OFFICIAL_REGISTRY, RegistryClient } from '../../registry/registry-client';
import { mapServerJson, RegistryEntryError, type Choice, type ServerJson } from '../../registry/server-json';
import { referencedVariables } from '../../stack-file/interpolate';
import { loadStackText } from '../../stack-file/load-stack';
import { MAX_READ_BYTES, readRegularFile } from '../../stack-file/node-spec-host';
import { replaceFile } from '../../util/replace-file';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface AddOptions {
  readonly file: string;
  readonly registry?: string;
  readonly from?: string;
  readonly as?: string;
  readonly remote?: boolean;
  readonly package?: boolean;
  readonly dryRun?: boolean;
}

/**
 * `add NAME[@VERSION]`: a server from the registry (or a server.json file) written into the stack
 * file as a reviewed edit: the same splice the control tools make (nothing else in the file
 * changes), checked as the whole file, shown as a diff. Values the user supplies become
 * ${VARIABLES}; the secret ones are named, never written.
 */
export async function runAdd(nameAndVersion: string | undefined, opts: AddOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  if ((nameAndVersion === undefined) === (opts.from === undefined)) throw new OrchestratorError('USAGE', 'add takes a registry name (NAME or NAME@VERSION) or --from server.json, one of them');
  if (opts.remote === true && opts.package === true) throw new OrchestratorError('USAGE', '--remote or --package, not both');
  const choice: Choice | undefined = opts.remote === true ? 'remote' : opts.package === true ? 'package' : undefined;
  const { server, status, origin } = opts.from !== undefined ? { ...fromFile(opts.from), status: undefined, origin: opts.from } : await fromRegistry(nameAndVersion ?? '', opts.registry);
  let mapped;
  try {
    mapped = mapServerJson(server, choice, opts.as);
  } catch (err) {
    if (err instanceof RegistryEntryError) throw new OrchestratorError('USAGE', err.message);
    throw err;
  }
  const file = path.resolve(opts.file);
  const read = readRegularFile(file, MAX_READ_BYTES);
  if (!read.ok) throw new OrchestratorError('USAGE', `cannot read ${opts.file}: ${read.reason} (add writes into an existing stack file: create one, or import a client's config)`);
  const before = read.bytes.toString('utf8');
  const edited = editServers(before, { kind: 'add', name: mapped.name, definition: mapped.definition });
  if (!edited.ok) throw new OrchestratorError('USAGE', `${edited.message}${edited.message.includes('exists') ? ' (give another name with --as)' : ''}`);
  // Checked as the whole file would be once its variables are set: an unset one is told, not an error here.
  const placeholders = Object.fromEntries([...referencedVariables(edited.text)].filter((v) => env[v] === undefined).map((v) => [v, 'value-to-be-set']));
  const checked = loadStackText(edited.text, file, { ...env, ...placeholders });
  if (!checked.ok) {
    for (const d of checked.diagnostics) io.err(formatDiagnostic(d));
    io.err(`the stack file with ${mapped.name} added would not be valid; nothing was written`);
    return ExitCode.INVALID_SPEC;
  }
  const base = path.basename(file);
  io.out(createTwoFilesPatch(`a/${base}`, `b/${base}`, before, edited.text, '', '', { context: 3 }).trimEnd());
  if (opts.dryRun !== true) replaceFile(file, edited.text);
  io.err(`${opts.dryRun === true ? 'would add' : 'added'} ${mapped.name} from ${server.name ?? origin}${server.version !== undefined ? ` ${server.version}` : ''} (${mapped.source})`);
  if (status !== undefined && status !== 'active') io.err(`warning: the registry marks ${server.name ?? ''} ${status}`);
  const unset = mapped.variables.filter((v) => env[v] === undefined);
  if (mapped.secrets.length > 0) io.err(`secret variables (set them in the environment or .env, never in the file): ${mapped.secrets.join(', ')}`);
  if (unset.length > 0) io.err(`to set before apply: ${unset.join(', ')}`);
  for (const note of mapped.notes) io.err(`note: ${note}`);
  return ExitCode.OK;
}

function fromFile(file: string): { server: ServerJson } {
  const read = readRegularFile(path.resolve(file), MAX_READ_BYTES);
  if (!read.ok) throw new OrchestratorError('USAGE', `--from ${file}: ${read.reason}`);
  try {
    return { server: JSON.parse(read.bytes.toString('utf8')) as ServerJson };
  } catch {
    throw new OrchestratorError('USAGE', `--from ${file}: not JSON (a server.json)`);
  }
}

async function fromRegistry(nameAndVersion: string, registry: string | undefined): Promise<{ server: ServerJson; status?: string; origin: string }> {
  const at = nameAndVersion.lastIndexOf('@');
  const [name, version] = at > 0 ? [nameAndVersion.slice(0, at), nameAndVersion.slice(at + 1)] : [nameAndVersion, undefined];
  // A registry the user names may be on their network (a subregistry, a mirror); the default is public.
  const client = new RegistryClient(registry ?? OFFICIAL_REGISTRY, guardedFetch({ allowPrivate: registry !== undefined }));
  try {
    return { ...(await client.entry(name, version)), origin: registry ?? OFFICIAL_REGISTRY };
  } catch (err) {
    if (err instanceof RegistryEntryError) throw new OrchestratorError('USAGE', err.message);
    throw new OrchestratorError('USAGE', `${registry ?? OFFICIAL_REGISTRY}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
