import Module from 'node:module';

/**
 * dockerode, with the parts a plan/apply/down never uses loaded on first use instead of at
 * require time: its BuildKit session support (@grpc/grpc-js, protobufjs), docker-modem's ssh
 * transport (ssh2) and its duplex for hijacked streams (readable-stream), and the tar packer of
 * build contexts (tar-fs). Together about 50 ms of every CLI start.
 *
 * Each is replaced in the require cache by a stand-in that loads the real module when it is
 * first called, constructed or read from, and forwards to it from then on. Where the cache is not
 * node's own (jest's module registry), nothing is deferred and dockerode loads as usual.
 */
function deferUntilUsed(file: string): void {
  const cache = require.cache;
  if (cache[file] !== undefined) return;
  let real: unknown;
  const load = (): object => {
    if (real === undefined) {
      delete cache[file];
      real = require(file);
    }
    return real as object;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  // A function target, so that the stand-in can be called and constructed as well as read.
  standIn.exports = new Proxy(function deferredModule() {}, {
    apply: (_target, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    construct: (_target, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args),
    get: (_target, key) => Reflect.get(load(), key) as unknown,
  });
  cache[file] = standIn;
}

try {
  const dockerodeDir = require.resolve('dockerode/package.json').replace(/package\.json$/, '');
  const modemDir = require.resolve('docker-modem/package.json', { paths: [dockerodeDir] }).replace(/package\.json$/, '');
  deferUntilUsed(require.resolve('./lib/session.js', { paths: [dockerodeDir] }));
  deferUntilUsed(require.resolve('tar-fs', { paths: [dockerodeDir] }));
  deferUntilUsed(require.resolve('./lib/ssh.js', { paths: [modemDir] }));
  deferUntilUsed(require.resolve('./lib/http_duplex.js', { paths: [modemDir] }));
} catch {
  // A dockerode whose layout differs loads whole: slower to start, same behaviour.
}

/**
 * The dockerode client class; a plain require so that it runs after the deferrals above, on first
 * use: the bridge's one-file bundle (dist/bridge) has no dockerode and never connects to an engine.
 */
export function dockerClient(): typeof import('dockerode') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('dockerode') as typeof import('dockerode');
}
