import npa from 'npm-package-arg';
import type { ServerResolution } from '../../core/lockfile';
import type { StackSpec } from '../../stack-file/stack-spec';
import { errorMessage } from '../../errors';

/** npm's own picker: a packument and a spec (range, tag) -> the manifest npm install would take. */
type PickManifest = (packument: unknown, wanted: string) => { version: string };

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';
/** Packuments of popular packages run to megabytes; the abbreviated form is asked for, and bounded. */
const MAX_PACKUMENT_BYTES = 64 * 1024 * 1024;

export type RegistryAnswer = { readonly version: string } | { readonly error: string };

/**
 * What each unpinned npx: spec (a range, a tag, a bare name) resolves to on its registry now, asked
 * the way npm asks: the registry's packument, then npm's own picker (npm-pick-manifest). `plan` says
 * from it that a rebuild would install another version than the lockfile's. Exact versions are not
 * asked (they resolve to themselves); uvx: specs are not asked (resolved at build only).
 */
export async function registryVersions(spec: StackSpec, timeoutMs = 5000): Promise<Map<string, RegistryAnswer>> {
  const registry = spec.runtimes.node.registry ?? DEFAULT_REGISTRY;
  const asked = spec.servers.flatMap((s) => {
    if (s.source.kind !== 'npx') return [];
    const parsed = npa(s.source.package);
    return parsed.type === 'version' || parsed.name === null ? [] : [{ server: s.name, name: parsed.name, wanted: parsed.fetchSpec ?? 'latest' }];
  });
  const out = new Map<string, RegistryAnswer>();
  await Promise.all(
    asked.map(async ({ server, name, wanted }) => {
      try {
        const packument = await fetchPackument(registry, name, timeoutMs);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const pick = require('npm-pick-manifest') as PickManifest;
        out.set(server, { version: pick(packument, wanted).version });
      } catch (err) {
        out.set(server, { error: errorMessage(err) });
      }
    }),
  );
  return out;
}

/** Resolutions with what the registry answered added; and what could not be asked, for a note. */
export function withRegistry(now: Readonly<Record<string, ServerResolution>>, answers: ReadonlyMap<string, RegistryAnswer>): { now: Record<string, ServerResolution>; unasked: string[] } {
  const out: Record<string, ServerResolution> = { ...now };
  const unasked: string[] = [];
  for (const [server, answer] of answers) {
    const r = out[server];
    if (r?.package === undefined) continue;
    if ('error' in answer) unasked.push(`server ${server}: the registry could not be asked: ${answer.error}`);
    else out[server] = { ...r, package: { ...r.package, registry: answer.version } };
  }
  return { now: out, unasked };
}

async function fetchPackument(registry: string, name: string, timeoutMs: number): Promise<unknown> {
  const url = new URL(name.replace('/', '%2f'), registry.endsWith('/') ? registry : `${registry}/`);
  const res = await fetch(url, { headers: { accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url.host} answered ${res.status} for ${name}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_PACKUMENT_BYTES) throw new Error(`the packument of ${name} is larger than ${MAX_PACKUMENT_BYTES} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > MAX_PACKUMENT_BYTES) throw new Error(`the packument of ${name} is larger than ${MAX_PACKUMENT_BYTES} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
