import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STDIO_HOST_SCRIPT } from '../recipes/stdio-host';
import { OrchestratorError } from '../errors';

/** A file `npm run build` writes under dist/, wherever this module runs from (the package, the bundle, the sources under test). */
function built(relative: string, what: string): string {
  const candidates = [path.join(__dirname, '..', relative), path.join(__dirname, '..', '..', 'dist', relative)];
  const found = candidates.find((f) => fs.existsSync(f));
  if (found === undefined) throw new OrchestratorError('USAGE', `${what} is missing (looked for ${candidates.join(', ')}): npm run build writes it`);
  return found;
}

export interface BridgeRuntime {
  /** Names all of it: another node, library or bridge is another digest. */
  readonly digest: string;
  /** Writes it into `dir/mcp-orchestrator/`. */
  writeTo(dir: string): void;
}

let found: BridgeRuntime | undefined;

/**
 * What a bridged image adds to a server's image, and what the engine mounts into a stdio server's
 * container for its stdio host: this node binary, the shared libraries and the loader it was
 * linked against (as ldd lists them), the bridge bundle and the stdio host. Found once per process.
 */
export function bridgeRuntime(): BridgeRuntime {
  if (found !== undefined) return found;
  const node = fs.realpathSync(process.execPath);
  const listed = execFileSync('ldd', [node], { encoding: 'utf8' });
  const libraries = [...listed.matchAll(/(\/\S+)\s+\(0x/g)].map((m) => m[1] ?? '').filter((f) => f !== '');
  const loader = libraries.find((f) => /\/ld-(linux|musl)[^/]*\.so/.test(f));
  if (loader === undefined) throw new OrchestratorError('USAGE', `cannot find the dynamic loader of ${node} in: ${listed.trim()}`);
  const files = [
    { from: node, to: 'node', mode: 0o755 },
    { from: loader, to: 'ld.so', mode: 0o755 },
    ...libraries.filter((f) => f !== loader).map((f) => ({ from: f, to: path.join('lib', path.basename(f)), mode: 0o644 })),
    { from: built(path.join('bridge', 'mcp-orchestrator.js'), 'the bridge bundle'), to: 'mcp-orchestrator.js', mode: 0o644 },
    { from: built(STDIO_HOST_SCRIPT, 'the stdio host'), to: STDIO_HOST_SCRIPT, mode: 0o644 },
  ];
  // The binaries are named by what identifies them (path, size, time, inode: node's 100 MB are not
  // read, which cost every apply a tenth of a second and a watch 100 MB of peak memory); our own
  // scripts, small and rebuilt in place, by their content.
  const hash = createHash('sha256');
  for (const f of files) {
    const st = fs.statSync(f.from);
    hash.update(f.to).update(f.from.endsWith('.js') ? fs.readFileSync(f.from) : `${f.from}:${st.size}:${st.mtimeMs}:${st.ino}`);
  }
  found = {
    digest: hash.digest('hex').slice(0, 16),
    writeTo(dir) {
      const home = path.join(dir, 'mcp-orchestrator');
      fs.mkdirSync(path.join(home, 'lib'), { recursive: true });
      for (const f of files) fs.copyFileSync(f.from, path.join(home, f.to));
      for (const f of files) fs.chmodSync(path.join(home, f.to), f.mode);
    },
  };
  return found;
}
