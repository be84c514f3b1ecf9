import type { PackageRuntime } from '../stack-file/stack-spec';
import { sha256 } from '../util/hash';

/**
 * The image an npx: or uvx: server runs in, as ToolHive builds them: the runtime image with the
 * exact package installed at build time, so starting the server never downloads anything. The tag
 * is a digest of everything the image is made of; a change to any of it names another image.
 *
 * The package spec reaches the build as a build argument, never as text of the Dockerfile: the
 * RUN lines are constants that quote "$MCPO_PACKAGE", so no spec can become shell syntax. The
 * runtime image in FROM has been checked against the image reference grammar.
 */
export interface PackageSource {
  readonly kind: 'npx' | 'uvx';
  /** The spec handed to the installer, parsed by the stack file's checks. */
  readonly package: string;
  /** The package whose command runs. */
  readonly name: string;
}

/**
 * The build prints the version the spec resolved to on a line of its own (RUN output cannot become
 * a label); the engine labels the image with the last such line's value.
 */
export const RESOLVED_MARKER = 'mcp-orchestrator-resolved=';
export const RESOLVED_LABEL = 'io.mcp-orchestrator.package.version';

export interface PackageImage {
  readonly tag: string;
  /** The build context, file name -> content. */
  readonly files: Readonly<Record<string, string>>;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly baseImage: string;
  /** What the image runs: the package's command. */
  readonly entrypoint: readonly string[];
}

/** Bumped when the Dockerfiles below change, so old package images are not reused. */
const RECIPE_VERSION = '4';
const CA_PATH = '/usr/local/share/mcp-orchestrator/ca.crt';
/** What node trusts besides its own CAs: what the base image had it trust, and the file's CA. */
const NODE_CA_BUNDLE = '/usr/local/share/mcp-orchestrator/node-extra-ca.crt';

// Links the package's bin to /app/mcp-server at build time (npx would add its own start-up to every start).
const LINK_BIN = [
  "const name=process.env.MCPO_PACKAGE_NAME,dir=require('path').join('/app/node_modules',name);",
  "const p=require(dir+'/package.json');",
  "const b=typeof p.bin==='string'?p.bin:(p.bin&&(p.bin[p.name.split('/').pop()]||Object.values(p.bin)[0]));",
  "if(!b){console.error(name+' has no bin to run');process.exit(1)}",
  "require('fs').symlinkSync(require('path').join(dir,b),'/app/mcp-server');",
  `console.log('\\n${RESOLVED_MARKER}'+p.version)`,
].join('');

export function packageImage(source: PackageSource, runtime: PackageRuntime, caPem?: string): PackageImage {
  const { image: runtimeImage, registry } = runtime;
  const digest = sha256(JSON.stringify([RECIPE_VERSION, source.kind, source.package, runtimeImage, caPem ?? '', registry ?? ''])).slice(0, 16);
  const repo = `mcp-orchestrator/${source.kind}-${source.name.replace(/^@/, '').replace(/[^a-z0-9._-]+/gi, '-').toLowerCase()}`.slice(0, 120);
  const ca = caPem !== undefined;
  return {
    tag: `${repo}:${digest}`,
    files: {
      Dockerfile: source.kind === 'npx' ? npxDockerfile(runtimeImage, ca, registry !== undefined) : uvxDockerfile(runtimeImage, ca, source.name, registry !== undefined),
      ...(ca && { 'ca.crt': caPem }),
    },
    buildArgs: { MCPO_PACKAGE: source.package, MCPO_PACKAGE_NAME: source.name, ...(registry !== undefined && { [REGISTRY_ARG[source.kind]]: registry }) },
    baseImage: runtimeImage,
    entrypoint: packageEntrypoint(source),
  };
}

/** npx: the package's bin, linked at build time; uvx: the tool uv installed, named as the package. */
export function packageEntrypoint(source: Pick<PackageSource, 'kind' | 'name'>): string[] {
  return source.kind === 'npx' ? ['node', '/app/mcp-server'] : [source.name];
}

/** `ENTRYPOINT ["a", "b"]`: JSON strings, so no value becomes shell syntax. */
function execForm(instruction: string, args: readonly string[]): string {
  return `${instruction} [${args.map((a) => JSON.stringify(a)).join(', ')}]`;
}

function caLines(envs: string[]): string[] {
  return [
    `COPY ca.crt ${CA_PATH}`,
    `RUN cat ${CA_PATH} >> /etc/ssl/certs/ca-certificates.crt 2>/dev/null || true`,
    ...envs.map((e) => `ENV ${e}`),
  ];
}

/** The installers read their registry from these variables; a build argument is one in RUN steps only. */
const REGISTRY_ARG = { npx: 'npm_config_registry', uvx: 'UV_INDEX_URL' } as const;

function npxDockerfile(runtime: string, ca: boolean, registry: boolean): string {
  return [
    `FROM ${runtime}`,
    ...(ca
      ? [
          ...caLines([]),
          // The base image may have node trust more already (a proxy's CA, the system's): kept, with the file's CA added.
          `RUN { if [ -n "$NODE_EXTRA_CA_CERTS" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then cat "$NODE_EXTRA_CA_CERTS"; echo; fi; cat ${CA_PATH}; } > ${NODE_CA_BUNDLE}`,
          `ENV NODE_EXTRA_CA_CERTS=${NODE_CA_BUNDLE}`,
        ]
      : []),
    'ARG MCPO_PACKAGE',
    'ARG MCPO_PACKAGE_NAME',
    ...(registry ? [`ARG ${REGISTRY_ARG.npx}`] : []),
    'WORKDIR /app',
    `RUN echo '{"private":true}' > package.json && npm install --omit=dev --no-audit --no-fund --loglevel=error -- "$MCPO_PACKAGE" && node -e ${JSON.stringify(LINK_BIN)}`,
    'ENV HOME=/tmp NODE_ENV=production',
    'USER 1000:1000',
    execForm('ENTRYPOINT', packageEntrypoint({ kind: 'npx', name: '' })),
    '',
  ].join('\n');
}

/** `name` is a PEP 508 name ([A-Za-z0-9._-]), checked before it gets here: safe in the exec-form JSON. */
function uvxDockerfile(runtime: string, ca: boolean, name: string, registry: boolean): string {
  return [
    `FROM ${runtime}`,
    ...(ca ? caLines(['SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt', 'UV_NATIVE_TLS=1']) : []),
    'ARG MCPO_PACKAGE',
    ...(registry ? [`ARG ${REGISTRY_ARG.uvx}`] : []),
    'ENV UV_TOOL_DIR=/opt/uv/tools UV_TOOL_BIN_DIR=/opt/uv/bin UV_PYTHON_INSTALL_DIR=/opt/uv/python PATH=/opt/uv/bin:$PATH',
    // `uv tool list` starts with "<name> v<version>".
    `RUN uv tool install -- "$MCPO_PACKAGE" && chmod -R a+rX /opt/uv && printf '\\n${RESOLVED_MARKER}%s\\n' "$(uv tool list 2>/dev/null | sed -n '1s/^[^ ]* v//p')"`,
    'ENV HOME=/tmp',
    'USER 1000:1000',
    execForm('ENTRYPOINT', packageEntrypoint({ kind: 'uvx', name })),
    '',
  ].join('\n');
}
