import { packageImage, type PackageSource } from '../../src/recipes/package-image';
import { parseNpmSpec, parsePythonRequirement } from '../../src/stack-file/package-specs';
import { parseImageReference } from '../../src/stack-file/value-parsers';
import { nodeSpecHost } from '../../src/stack-file/load-stack';
import { parseStack } from '../../src/stack-file/parse-stack';
import { desiredFrom } from '../support/stacks';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const npx = (spec: string): PackageSource => {
  const r = parseNpmSpec(spec);
  if (!r.ok) throw new Error(r.message);
  return { kind: 'npx', package: r.install, name: r.name };
};
const uvx = (spec: string): PackageSource => {
  const r = parsePythonRequirement(spec);
  if (!r.ok) throw new Error(r.message);
  return { kind: 'uvx', package: r.install, name: r.name };
};

describe('package specs are parsed by the tools\' grammars, never pasted', () => {
  it.each([
    ['@modelcontextprotocol/server-memory@2026.8.31', '@modelcontextprotocol/server-memory', true],
    ['@scope/pkg', '@scope/pkg', false],
    ['pkg@^1.2', 'pkg', false],
    ['pkg@latest', 'pkg', false],
    ['pkg', 'pkg', false],
  ])('npm %s: name %s, pinned %s', (spec, name, pinned) => expect(parseNpmSpec(spec)).toEqual({ ok: true, name, install: spec, pinned }));

  it.each([
    ['pkg@1.0.0$(id)', 'Invalid tag name'],
    ['pkg@1.0.0`id`', 'Invalid tag name'],
    ['git+https://example.com/a/b.git', 'is a git spec: not supported'],
    ['github:a/b', 'is a git spec: not supported'],
    ['https://example.com/x.tgz', 'is a tarball URL: not supported'],
    ['./local', 'is a local path: not supported'],
    ['file:../x', 'is a local path: not supported'],
    ['npm:other@1', 'is an npm alias spec: not supported'],
    ['pkg@1.0.0 && id', 'contains white space'],
  ])('npm %s is refused: %s', (spec, message) => {
    const r = parseNpmSpec(spec);
    expect(r.ok ? '' : r.message).toContain(message);
  });

  it.each([
    ['mcp-server-fetch==2025.4.7', 'mcp-server-fetch', 'mcp-server-fetch==2025.4.7', true],
    ['mcp-server-time', 'mcp-server-time', 'mcp-server-time', false],
    ['pkg[extra,other]>=1.0,<2', 'pkg', 'pkg[extra,other]>=1.0,<2', false],
    ['pkg@1.0', 'pkg', 'pkg==1.0', true],
    ['pkg@latest', 'pkg', 'pkg', false],
    ['pkg~=1.4.2', 'pkg', 'pkg~=1.4.2', false],
  ])('python %s: name %s, installs %s, pinned %s', (spec, name, install, pinned) =>
    expect(parsePythonRequirement(spec)).toEqual({ ok: true, name, install, pinned }),
  );

  it.each([
    ['pkg==1.0$(id)', 'is not a PEP 508 requirement'],
    ['pkg; python_version<"3.8"', 'environment markers'],
    ['pkg @ https://example.com/p.whl', 'URL requirements'],
    ['"pkg"', 'is not a PEP 508 requirement'],
    ['-r requirements.txt', 'is not a PEP 508 requirement'],
  ])('python %s is refused: %s', (spec, message) => {
    const r = parsePythonRequirement(spec);
    expect(r.ok ? '' : r.message).toContain(message);
  });

  it.each([['node:24-slim'], ['ghcr.io/astral-sh/uv:python3.12-bookworm-slim'], ['localhost:5000/a/b'], ['a@sha256:' + 'a'.repeat(64)], ['registry.internal:5000/team/node:24']])('image reference %s is accepted', (ref) =>
    expect(parseImageReference(ref).ok).toBe(true),
  );

  it.each([['node:24\nRUN id'], ['node:24 AS x'], ['Node:24'], ['node:24;id'], ['$(id)'], ['']])('image reference %j is refused', (ref) =>
    expect(parseImageReference(ref).ok).toBe(false),
  );

  it('the stack file reports each at the key, FILE:LINE:COL', () => {
    const text = 'version: 1\nruntimes:\n  node: { image: "node:24\\nRUN id" }\nservers:\n  a: { npx: "pkg@1.0.0$$(id)" }\n  b: { uvx: "x; id" }\n  c: { image: "Bad:Ref" }\n';
    const r = parseStack(text, { file: 'test.yml', dir: '/stacks/test', env: new Map(), host: nodeSpecHost });
    const errors = r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.line}:${d.location.col}: ${d.message}`);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^3:18: "node:24\nRUN id" is not an image reference/);
    expect(errors[1]).toMatch(/^5:13: npx package "pkg@1\.0\.0\$\(id\)" is not an npm package spec/);
    expect(errors[2]).toMatch(/^6:13: uvx package "x; id": environment markers/);
    expect(errors[3]).toMatch(/^7:15: "Bad:Ref" is not an image reference/);
  });
});

describe('package images for npx: and uvx: servers', () => {
  it('npx: installs the exact package at build time and runs its bin without npx', () => {
    const img = packageImage(npx('@modelcontextprotocol/server-memory@2026.8.31'), { image: 'node:24-slim' });
    expect(img.tag).toMatch(/^mcp-orchestrator\/npx-modelcontextprotocol-server-memory:[0-9a-f]{16}$/);
    expect(Object.keys(img.files)).toEqual(['Dockerfile']);
    const lines = img.files['Dockerfile']?.split('\n') ?? [];
    expect(lines[0]).toBe('FROM node:24-slim');
    expect(lines.find((l) => l.startsWith('RUN '))).toContain('npm install --omit=dev --no-audit --no-fund --loglevel=error -- "$MCPO_PACKAGE"');
    expect(img.buildArgs).toEqual({ MCPO_PACKAGE: '@modelcontextprotocol/server-memory@2026.8.31', MCPO_PACKAGE_NAME: '@modelcontextprotocol/server-memory' });
    expect(img.files['Dockerfile']).not.toContain('server-memory');
    expect(lines).toContain('USER 1000:1000');
    expect(lines).toContain('ENTRYPOINT ["node", "/app/mcp-server"]');
  });

  it('uvx: installs the tool with uv and runs it by name (unit-tested only: no PyPI on CI machines)', () => {
    const img = packageImage(uvx('mcp-server-fetch==2025.4.7'), { image: 'ghcr.io/astral-sh/uv:python3.12-bookworm-slim' });
    expect(img.tag).toMatch(/^mcp-orchestrator\/uvx-mcp-server-fetch:[0-9a-f]{16}$/);
    expect(img.files['Dockerfile']).toBe(
      [
        'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim',
        'ARG MCPO_PACKAGE',
        'ENV UV_TOOL_DIR=/opt/uv/tools UV_TOOL_BIN_DIR=/opt/uv/bin UV_PYTHON_INSTALL_DIR=/opt/uv/python PATH=/opt/uv/bin:$PATH',
        `RUN uv tool install -- "$MCPO_PACKAGE" && chmod -R a+rX /opt/uv && printf '\\nmcp-orchestrator-resolved=%s\\n' "$(uv tool list 2>/dev/null | sed -n '1s/^[^ ]* v//p')"`,
        'ENV HOME=/tmp',
        'USER 1000:1000',
        'ENTRYPOINT ["mcp-server-fetch"]',
        '',
      ].join('\n'),
    );
  });

  it('a CA file is built in and trusted by node and by Python', () => {
    const node = packageImage(npx('a@1.0.0'), { image: 'node:24-slim' }, PEM);
    expect(node.files['ca.crt']).toBe(PEM);
    // What the base image had node trust is kept: the file's CA is added to it, not put in its place.
    expect(node.files['Dockerfile']).toContain('cat "$NODE_EXTRA_CA_CERTS"; echo; fi; cat /usr/local/share/mcp-orchestrator/ca.crt; } > /usr/local/share/mcp-orchestrator/node-extra-ca.crt');
    expect(node.files['Dockerfile']).toContain('ENV NODE_EXTRA_CA_CERTS=/usr/local/share/mcp-orchestrator/node-extra-ca.crt');
    const python = packageImage(uvx('a==1.0'), { image: 'uv:1' }, PEM);
    expect(python.files['Dockerfile']).toContain('ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt');
  });

  it('a registry reaches the installer as a build argument, never as Dockerfile text', () => {
    const registry = 'http://172.17.0.1:4873/';
    const node = packageImage(npx('a@^1'), { image: 'node:24-slim', registry });
    expect(node.buildArgs['npm_config_registry']).toBe(registry);
    expect(node.files['Dockerfile']).toContain('ARG npm_config_registry');
    expect(node.files['Dockerfile']).not.toContain('4873');
    const python = packageImage(uvx('a'), { image: 'uv:1', registry });
    expect(python.buildArgs['UV_INDEX_URL']).toBe(registry);
    expect(python.files['Dockerfile']).toContain('ARG UV_INDEX_URL');
    expect(packageImage(npx('a@^1'), { image: 'node:24-slim' }).files['Dockerfile']).not.toContain('npm_config_registry');
  });

  it('the build prints the version it resolved on a line of its own', () => {
    const run = packageImage(npx('a@^1'), { image: 'node:24-slim' }).files['Dockerfile']?.split('\n').find((l) => l.startsWith('RUN ')) ?? '';
    expect(run).toContain(`console.log('\\\\nmcp-orchestrator-resolved='+p.version)`);
  });

  it('the tag changes with the package, the runtime, the registry and the CA, and only with them', () => {
    const base = packageImage(npx('a@1.0.0'), { image: 'node:24-slim' }).tag;
    expect(packageImage(npx('a@1.0.0'), { image: 'node:24-slim' }).tag).toBe(base);
    expect(packageImage(npx('a@1.0.1'), { image: 'node:24-slim' }).tag).not.toBe(base);
    expect(packageImage(npx('a@1.0.0'), { image: 'node:22-slim' }).tag).not.toBe(base);
    expect(packageImage(npx('a@1.0.0'), { image: 'node:24-slim' }, PEM).tag).not.toBe(base);
    expect(packageImage(npx('a@1.0.0'), { image: 'node:24-slim', registry: 'http://r.internal/' }).tag).not.toBe(base);
  });

  it('a package image is shared by every project that runs the package: it names what it holds, and no project', () => {
    const sources = ['one', 'two'].map((project) => desiredFrom(`version: 1\nproject: ${project}\nservers:\n  mem: { npx: "@modelcontextprotocol/server-memory@2026.8.31" }\n`).containers[0]?.imageSource);
    expect(sources[0]).toMatchObject({ kind: 'generated', labels: { 'io.mcp-orchestrator.package': 'npx:@modelcontextprotocol/server-memory@2026.8.31' } });
    expect(sources[1]).toEqual(sources[0]);
  });

  it('image: servers get the CA mounted read-only, and an edit of it changes their hash', () => {
    const stack = 'version: 1\nproject: p\ntls: { ca_file: ./ca.pem }\nservers:\n  a: { image: "a:1" }\n';
    const one = desiredFrom(stack, {}, { '/stacks/test/ca.pem': PEM }).containers[0];
    expect(one?.spec.binds).toEqual(['/stacks/test/ca.pem:/usr/local/share/mcp-orchestrator/ca.crt:ro']);
    expect(one?.spec.env).toEqual(['NODE_EXTRA_CA_CERTS=/usr/local/share/mcp-orchestrator/ca.crt']);
    const edited = desiredFrom(stack, {}, { '/stacks/test/ca.pem': `${PEM}${PEM}` }).containers[0];
    expect(edited?.configHash).not.toBe(one?.configHash);
    expect(edited?.spec.binds).toEqual(one?.spec.binds);
  });
});
