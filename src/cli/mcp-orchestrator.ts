#!/usr/bin/env node
/**
 * The `mcp-orchestrator` command (package.json bin). It runs the CLI from the one-file bundle that
 * `npm run build` makes (main.bundle.js, see scripts/bundle-cli.js), compiled with V8's code cache
 * kept per user under $XDG_CACHE_HOME/mcp-orchestrator (~/.cache): compiling the bundle was about
 * a fifth of a no-change apply. Node 22's module.enableCompileCache() was measured against it and
 * kept out, being slower here (`plan` against an unreachable engine, Node 22.23.5, 40 interleaved runs: this cache
 * 95.7 ms median, enableCompileCache 116.9 ms, no cache 139.7 ms). Without a current bundle (a
 * plain `tsc` build) it runs main.js.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface Cli {
  runCli(): void;
}

function cacheFileFor(bundle: fs.Stats): string | undefined {
  const base = process.env['XDG_CACHE_HOME'] || (os.homedir() ? path.join(os.homedir(), '.cache') : '');
  if (!base) return undefined;
  // V8 checks its version and flags, and the source's length, not its content: the name carries
  // what identifies this build of the bundle.
  return path.join(base, 'mcp-orchestrator', `main-${bundle.size}-${Math.floor(bundle.mtimeMs)}-${process.version}.v8cache`);
}

function readCache(file: string | undefined): Buffer | undefined {
  try {
    return file === undefined ? undefined : fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written once the command has run, so that the functions it compiled lazily are in it too. */
function writeCache(file: string, data: Buffer): void {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of fs.readdirSync(dir)) {
      if (old.startsWith('main-') && old.endsWith('.v8cache')) fs.rmSync(path.join(dir, old), { force: true });
    }
    const temp = `${file}.${process.pid}`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}

function loadBundle(file: string): Cli {
  const cacheFile = cacheFileFor(fs.statSync(file));
  const cached = readCache(cacheFile);
  const source = fs.readFileSync(file, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cached && { cachedData: cached }) });
  if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => writeCache(cacheFile, script.createCachedData()));
  }
  const mod = { exports: {} as Cli };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

/** The bundle, unless a later `tsc` alone has left it older than the code it was made from. */
function currentBundle(): string | undefined {
  const bundle = path.join(__dirname, 'main.bundle.js');
  try {
    return fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(__dirname, 'main.js')).mtimeMs ? bundle : undefined;
  } catch {
    return undefined;
  }
}

// `--version` alone is answered before the CLI loads: it needs nothing of it (what commander prints, the package's version).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  const bundle = currentBundle();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = bundle !== undefined ? loadBundle(bundle) : (require('./main') as Cli);
  cli.runCli();
}
