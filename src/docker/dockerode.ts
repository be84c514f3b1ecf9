import Module from 'node:module';

/**
 * dockerode, with two of its parts loaded on first use instead of at require time: its BuildKit
 * session support (@grpc/grpc-js, protobufjs) and docker-modem's ssh transport (ssh2). Together
 * they were about 35 ms of every CLI start, for features only `ssh://` hosts and BuildKit builds
 * use. Each part exports one function, so a stand-in function in the require cache that loads the
 * real module when first called is enough. Where the cache is not node's own (jest's module
 * registry), nothing is deferred and dockerode loads as usual.
 */
function deferUntilCalled(file: string): void {
  const cache = require.cache;
  if (cache[file] !== undefined) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function loadOnFirstCall(this: unknown, ...args: unknown[]): unknown {
    if (real === undefined) {
      delete cache[file];
      real = require(file) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  cache[file] = standIn;
}

try {
  const dockerodeDir = require.resolve('dockerode/package.json').replace(/package\.json$/, '');
  deferUntilCalled(require.resolve('./lib/session.js', { paths: [dockerodeDir] }));
  deferUntilCalled(require.resolve('docker-modem/lib/ssh.js', { paths: [dockerodeDir] }));
} catch {
  // A dockerode whose layout differs loads whole: slower to start, same behaviour.
}

/** The dockerode client class; a plain require so that it runs after the deferrals above. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const DockerClient = require('dockerode') as typeof import('dockerode');
