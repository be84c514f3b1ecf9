#!/usr/bin/env node
// Bundles dist/cli/main.js (tsc's output) and the modules it loads into dist/cli/main.bundle.js,
// which the mcp-orchestrator command (dist/cli/mcp-orchestrator.js) runs: a CLI start reads one
// file instead of about 150. Module resolution and loading were most of the start-up of a
// no-change apply (yaml alone: 72 files, ~22 ms; bundled, ~7 ms).
// Command modules stay lazy inside the bundle (esbuild evaluates a module on its first require).
// Left out, loaded from node_modules as usual: what only some commands need and is large (the MCP
// SDKs, winston, chokidar, OpenTelemetry, loaded only with gateway.traces), and dockerode, whose ssh, BuildKit and tar parts src/docker/dockerode.ts
// defers through node's require cache, which a bundle would bypass.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'cli', 'main.js');
const outfile = path.join(root, 'dist', 'cli', 'main.bundle.js');

esbuild
  .build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['dockerode', '@modelcontextprotocol/sdk', '@modelcontextprotocol/server', '@modelcontextprotocol/client', '@modelcontextprotocol/node', 'winston', 'chokidar', '@opentelemetry/*'],
    // jsonc-parser's "main" is a UMD build whose factory require()s its parts by computed paths,
    // which a bundle cannot resolve ("Cannot find module './impl/format'"); its ES build bundles.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));

// dist/bridge/mcp-orchestrator.js: the CLI in one file with the MCP SDKs and winston inside, for
// `bridge` in a server's own image, where there is no node_modules (the Swarm backend puts it in
// front of stdio servers). dockerode, chokidar and OpenTelemetry stay out: the bridge never loads them.
esbuild
  .build({
    stdin: { contents: "require('./dist/cli/main.js').runCli();", resolveDir: root, sourcefile: 'bridge-entry.js' },
    outfile: path.join(root, 'dist', 'bridge', 'mcp-orchestrator.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['dockerode', 'chokidar', '@opentelemetry/*'],
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));

// The library's ESM face: named exports over the CommonJS build (one implementation, both module
// systems; `import { apply } from 'mcp-orchestrator'`).
const library = require(path.join(root, 'dist', 'index.js'));
const names = Object.keys(library).filter((n) => n !== 'default' && n !== '__esModule').sort();
require('node:fs').writeFileSync(
  path.join(root, 'dist', 'index.mjs'),
  `import library from './index.js';\nexport const { ${names.join(', ')} } = library;\nexport default library;\n`,
);
