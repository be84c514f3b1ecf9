import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DesiredState } from '../core/desired-state';
import { formatLockfile, lockfilePath, parseLockfile, type LoadedLockfile, type Lockfile, type ServerLock, type ServerResolution, type ToolLock } from '../core/lockfile';
import { RESOLVED_LABEL } from '../recipes/package-image';
import type { Engine, ImageDetails } from '../docker/engine';
import { OrchestratorError, SpecError } from '../errors';
import type { StackSpec } from '../stack-file/stack-spec';
import { MAX_READ_BYTES } from '../stack-file/node-spec-host';
import { replaceFile } from '../util/replace-file';

export type ToolsByServer = ReadonlyMap<string, Readonly<Record<string, ToolLock>>>;

/** The stack file's lockfile, or undefined when it has none. Anything else than a lockfile is a located error. */
export function readLockfile(stackFile: string): LoadedLockfile | undefined {
  const file = lockfilePath(stackFile);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new OrchestratorError('USAGE', `${file}: not a regular file`);
  if (stat.size > MAX_READ_BYTES) throw new OrchestratorError('USAGE', `${file}: larger than ${MAX_READ_BYTES} bytes: not a lockfile`);
  const parsed = parseLockfile(fs.readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new SpecError(parsed.diagnostics);
  return parsed.loaded;
}

/** Writes the lockfile when its text changes (an unchanged lock keeps its time stamp). */
export function writeLockfile(stackFile: string, lock: Lockfile): boolean {
  const file = lockfilePath(stackFile);
  const text = formatLockfile(lock, path.basename(stackFile));
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (before === text) return false;
  replaceFile(file, text);
  return true;
}

/**
 * What each server resolves to on this engine now, from the local images (nothing is pulled or
 * built): an image: server's registry digest, the version an npx:/uvx: package image was built
 * with; tools as given (servers asked during this run).
 */
export async function resolutionsNow(spec: StackSpec, desired: DesiredState, engine: Engine, tools: ToolsByServer = new Map()): Promise<Record<string, ServerResolution>> {
  const out: Record<string, ServerResolution> = {};
  const images = await engine.imageDetails(desired.containers.map((c) => c.spec.image));
  for (const c of desired.containers) {
    const server = spec.servers.find((s) => s.name === c.server);
    if (server === undefined) continue;
    const details = images[c.spec.image];
    const listed = tools.get(c.server);
    const source = server.source;
    out[c.server] = {
      ...(source.kind === 'image' && { image: { ref: source.image, ...(details && { digest: imageDigest(source.image, details) }) } }),
      ...((source.kind === 'npx' || source.kind === 'uvx') && {
        package: { kind: source.kind, spec: source.package, ...(details?.labels[RESOLVED_LABEL] !== undefined && { version: details.labels[RESOLVED_LABEL] }) },
      }),
      ...(listed && { tools: listed }),
    };
  }
  for (const r of spec.remotes ?? []) {
    const listed = tools.get(r.name);
    out[r.name] = { url: r.url, ...(listed && { tools: listed }) };
  }
  return out;
}

/** The registry digest of the image's own repository when it was pulled from one; its ID otherwise (a local image). */
function imageDigest(ref: string, details: ImageDetails): string {
  const repo = ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const bare = (r: string): string => r.replace(/^docker\.io\/(library\/)?/, '');
  const own = details.repoDigests.find((d) => bare(d.slice(0, d.indexOf('@'))) === bare(repo));
  return own ?? details.repoDigests[0] ?? details.id;
}

/**
 * The lock after a run: each server as it resolves now, where a part not learned this time (tools
 * not asked, an image not present) is the previous entry's; `keep` servers (not rolled out this
 * time: failed, rolled back, held) keep their previous entry whole.
 */
export function nextLock(project: string, now: Readonly<Record<string, ServerResolution>>, previous: Lockfile | undefined, keep: ReadonlySet<string>, mcpServers: ReadonlySet<string>): Lockfile {
  const servers: Record<string, ServerLock> = {};
  for (const [name, r] of Object.entries(now)) {
    const before = previous?.servers[name];
    if (keep.has(name) && before !== undefined) {
      servers[name] = before;
      continue;
    }
    const image = r.image && (r.image.digest !== undefined ? { ref: r.image.ref, digest: r.image.digest } : before?.image?.ref === r.image.ref ? before.image : undefined);
    const pkg =
      r.package &&
      (r.package.version !== undefined
        ? { kind: r.package.kind, spec: r.package.spec, version: r.package.version }
        : before?.package?.spec === r.package.spec && before.package.kind === r.package.kind
          ? before.package
          : undefined);
    const tools = mcpServers.has(name) ? (r.tools ?? (before?.url === r.url ? before?.tools : undefined)) : undefined;
    servers[name] = { ...(image && { image }), ...(pkg && { package: pkg }), ...(r.url !== undefined && { url: r.url }), ...(tools && { tools }) };
  }
  return { project, servers };
}
