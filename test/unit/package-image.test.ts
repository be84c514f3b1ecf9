import { npmPackageName, packageImage, pythonPackageName } from '../../src/core/package-image';
import { desiredFrom } from '../support/stacks';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('package images for npx: and uvx: servers', () => {
  it.each([
    ['@modelcontextprotocol/server-memory@2026.8.31', '@modelcontextprotocol/server-memory'],
    ['@scope/pkg', '@scope/pkg'],
    ['pkg@^1.2', 'pkg'],
    ['pkg', 'pkg'],
  ])('npm name of %s is %s', (spec, name) => expect(npmPackageName(spec)).toBe(name));

  it.each([
    ['mcp-server-fetch==2025.4.7', 'mcp-server-fetch'],
    ['mcp-server-time', 'mcp-server-time'],
    ['pkg[extra]>=1.0', 'pkg'],
    ['pkg@1.0', 'pkg'],
  ])('python name of %s is %s', (spec, name) => expect(pythonPackageName(spec)).toBe(name));

  it('npx: installs the exact package at build time and runs its bin without npx', () => {
    const img = packageImage('npx', '@modelcontextprotocol/server-memory@2026.8.31', 'node:24-slim');
    expect(img.tag).toMatch(/^mcp-orchestrator\/npx-modelcontextprotocol-server-memory:[0-9a-f]{16}$/);
    expect(Object.keys(img.files)).toEqual(['Dockerfile']);
    const lines = img.files['Dockerfile']?.split('\n') ?? [];
    expect(lines[0]).toBe('FROM node:24-slim');
    expect(lines.find((l) => l.startsWith('RUN '))).toContain('npm install --omit=dev --no-audit --no-fund --loglevel=error "@modelcontextprotocol/server-memory@2026.8.31"');
    expect(lines).toContain('USER 1000:1000');
    expect(lines).toContain('ENTRYPOINT ["node", "/app/mcp-server"]');
  });

  it('uvx: installs the tool with uv and runs it by name (unit-tested only: no PyPI on CI machines)', () => {
    const img = packageImage('uvx', 'mcp-server-fetch==2025.4.7', 'ghcr.io/astral-sh/uv:python3.12-bookworm-slim');
    expect(img.tag).toMatch(/^mcp-orchestrator\/uvx-mcp-server-fetch:[0-9a-f]{16}$/);
    expect(img.files['Dockerfile']).toBe(
      [
        'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim',
        'ENV UV_TOOL_DIR=/opt/uv/tools UV_TOOL_BIN_DIR=/opt/uv/bin UV_PYTHON_INSTALL_DIR=/opt/uv/python PATH=/opt/uv/bin:$PATH',
        'RUN uv tool install "mcp-server-fetch==2025.4.7" && chmod -R a+rX /opt/uv',
        'ENV HOME=/tmp',
        'USER 1000:1000',
        'ENTRYPOINT ["mcp-server-fetch"]',
        '',
      ].join('\n'),
    );
  });

  it('a CA file is built in and trusted by node and by Python', () => {
    const npx = packageImage('npx', 'a@1.0.0', 'node:24-slim', PEM);
    expect(npx.files['ca.crt']).toBe(PEM);
    expect(npx.files['Dockerfile']).toContain('ENV NODE_EXTRA_CA_CERTS=/usr/local/share/mcp-orchestrator/ca.crt');
    const uvx = packageImage('uvx', 'a==1.0', 'uv:1', PEM);
    expect(uvx.files['Dockerfile']).toContain('ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt');
  });

  it('the tag changes with the package, the runtime and the CA, and only with them', () => {
    const base = packageImage('npx', 'a@1.0.0', 'node:24-slim').tag;
    expect(packageImage('npx', 'a@1.0.0', 'node:24-slim').tag).toBe(base);
    expect(packageImage('npx', 'a@1.0.1', 'node:24-slim').tag).not.toBe(base);
    expect(packageImage('npx', 'a@1.0.0', 'node:22-slim').tag).not.toBe(base);
    expect(packageImage('npx', 'a@1.0.0', 'node:24-slim', PEM).tag).not.toBe(base);
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
