import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorError } from '../../errors';

export interface ImageRunConfig {
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

/** Where a reference lives in the Registry HTTP API: `mcp/memory:1` is Docker Hub's library-less `mcp/memory`. */
export function registryLocation(ref: string): { host: string; repository: string; reference: string } {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  const repo = tagged ? name.slice(0, colon) : name;
  const tag = tagged ? name.slice(colon + 1) : 'latest';
  const [first = '', ...rest] = repo.split('/');
  // As Docker decides: a first component with a dot or a port, or localhost, is a registry.
  const hasHost = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first : 'registry-1.docker.io';
  const path = hasHost ? rest.join('/') : repo;
  return { host: host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host, repository: hasHost || path.includes('/') ? path : `library/${path}`, reference: digest ?? tag };
}

/** Registries Docker itself speaks plain HTTP to without configuration: those on loopback. */
function plainHttp(host: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
}

/**
 * What an image runs by default (its Entrypoint and Cmd), read from its registry without pulling
 * it: the manifest for linux/amd64 (or the one manifest), then its config blob. Credentials are
 * those `docker login` stored in the Docker config file (plain `auths` entries; credential helpers
 * are not asked); none for public images.
 */
export async function imageRunConfigFromRegistry(ref: string, env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<ImageRunConfig> {
  const { host, repository, reference } = registryLocation(ref);
  // Loaded on first use: only render reaches a registry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require('@snyk/docker-registry-v2-client') as typeof import('@snyk/docker-registry-v2-client');
  const options = { protocol: plainHttp(host) ? 'http:' : 'https:', timeout: timeoutMs, acceptManifest: MANIFEST_TYPES };
  const login = dockerLogin(host, env);
  try {
    const manifest = await registry.getManifest(host, repository, reference, login?.username, login?.password, options);
    const config = (await registry.getImageConfig(host, repository, manifest.config.digest, login?.username, login?.password, options)) as { config?: { Entrypoint?: string[] | null; Cmd?: string[] | null } };
    return { entrypoint: config.config?.Entrypoint ?? [], cmd: config.config?.Cmd ?? [] };
  } catch (err) {
    const e = err as { message?: string; statusCode?: number };
    throw new OrchestratorError('NOT_FOUND', `image ${ref}: its registry ${host} did not give its configuration: ${e.statusCode !== undefined ? `HTTP ${e.statusCode} ` : ''}${e.message ?? String(err)}`);
  }
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** A `docker login` entry for `host` in DOCKER_CONFIG/config.json (or ~/.docker/config.json). */
function dockerLogin(host: string, env: NodeJS.ProcessEnv): { username: string; password: string } | undefined {
  const file = path.join(env['DOCKER_CONFIG'] ?? path.join(env['HOME'] ?? os.homedir(), '.docker'), 'config.json');
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
    const auths = (JSON.parse(fs.readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> }).auths ?? {};
    const keys = host === 'registry-1.docker.io' ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io'] : [host, `https://${host}`, `http://${host}`];
    const auth = keys.map((k) => auths[k]?.auth).find((a) => a !== undefined);
    if (auth === undefined) return undefined;
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i > 0 ? { username: decoded.slice(0, i), password: decoded.slice(i + 1) } : undefined;
  } catch {
    return undefined;
  }
}
