import { sha256 } from './hash';

/**
 * The image an npx: or uvx: server runs in, as ToolHive builds them: the runtime image with the
 * exact package installed at build time, so starting the server never downloads anything. The tag
 * is a digest of everything the image is made of; a change to any of it names another image.
 */
export interface PackageImage {
  readonly tag: string;
  /** The build context, file name -> content. */
  readonly files: Readonly<Record<string, string>>;
  readonly baseImage: string;
}

/** Bumped when the Dockerfiles below change, so old package images are not reused. */
const RECIPE_VERSION = '1';
const CA_PATH = '/usr/local/share/mcp-orchestrator/ca.crt';

/** `@scope/name@1.2.3` -> `@scope/name`; `name@^1` -> `name`. */
export function npmPackageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at === -1 ? spec : spec.slice(0, at);
}

/** `name==1.2.3`, `name[extra]>=1`, `name@1.2.3` -> `name`. */
export function pythonPackageName(spec: string): string {
  return spec.split(/[=<>!~@[ ;]/)[0] ?? spec;
}

export function packageImage(kind: 'npx' | 'uvx', spec: string, runtimeImage: string, caPem?: string): PackageImage {
  const digest = sha256(JSON.stringify([RECIPE_VERSION, kind, spec, runtimeImage, caPem ?? ''])).slice(0, 16);
  const name = kind === 'npx' ? npmPackageName(spec) : pythonPackageName(spec);
  const repo = `mcp-orchestrator/${kind}-${name.replace(/^@/, '').replace(/[^a-z0-9._-]+/gi, '-').toLowerCase()}`.slice(0, 120);
  const dockerfile = kind === 'npx' ? npxDockerfile(spec, name, runtimeImage, caPem !== undefined) : uvxDockerfile(spec, name, runtimeImage, caPem !== undefined);
  return {
    tag: `${repo}:${digest}`,
    files: { Dockerfile: dockerfile, ...(caPem !== undefined && { 'ca.crt': caPem }) },
    baseImage: runtimeImage,
  };
}

function caLines(envs: string[]): string[] {
  return [
    `COPY ca.crt ${CA_PATH}`,
    `RUN cat ${CA_PATH} >> /etc/ssl/certs/ca-certificates.crt 2>/dev/null || true`,
    ...envs.map((e) => `ENV ${e}`),
  ];
}

function npxDockerfile(spec: string, name: string, runtime: string, ca: boolean): string {
  // The bin is resolved at build time (npx would add its own start-up to every container start).
  const linkBin = [
    `const p=require('/app/node_modules/${name}/package.json');`,
    `const b=typeof p.bin==='string'?p.bin:(p.bin[p.name.split('/').pop()]||Object.values(p.bin||{})[0]);`,
    `if(!b){console.error('${name} has no bin to run');process.exit(1)}`,
    `require('fs').symlinkSync(require('path').join('/app/node_modules/${name}',b),'/app/mcp-server')`,
  ].join('');
  return [
    `FROM ${runtime}`,
    ...(ca ? caLines([`NODE_EXTRA_CA_CERTS=${CA_PATH}`]) : []),
    'WORKDIR /app',
    `RUN echo '{"private":true}' > package.json && npm install --omit=dev --no-audit --no-fund --loglevel=error ${JSON.stringify(spec)} && node -e ${JSON.stringify(linkBin)}`,
    'ENV HOME=/tmp NODE_ENV=production',
    'USER 1000:1000',
    'ENTRYPOINT ["node", "/app/mcp-server"]',
    '',
  ].join('\n');
}

function uvxDockerfile(spec: string, name: string, runtime: string, ca: boolean): string {
  return [
    `FROM ${runtime}`,
    ...(ca ? caLines(['SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt', 'UV_NATIVE_TLS=1']) : []),
    'ENV UV_TOOL_DIR=/opt/uv/tools UV_TOOL_BIN_DIR=/opt/uv/bin UV_PYTHON_INSTALL_DIR=/opt/uv/python PATH=/opt/uv/bin:$PATH',
    `RUN uv tool install ${JSON.stringify(spec)} && chmod -R a+rX /opt/uv`,
    'ENV HOME=/tmp',
    'USER 1000:1000',
    `ENTRYPOINT [${JSON.stringify(name)}]`,
    '',
  ].join('\n');
}
