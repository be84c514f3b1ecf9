import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { GATEWAY_INTROSPECTION_SECRET_ENV, gatewayStackFile } from '../../src/recipes/gateway-stack';
import { loadStack, loadStackText } from '../../src/stack-file/load-stack';

/** The stack a deployed gateway runs with (gateway --stack): who is calling, as the file says it, and nothing else. */
describe("a deployed gateway's stack file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-gwstack-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries gateway.auth, rules, audit (to stdout) and metrics; validates; its secret stays a variable', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        'project: team',
        'servers:',
        '  memory: { image: "mcp/memory:1" }',
        '  github: { image: "ghcr.io/github/github-mcp-server:0.24.0" }',
        'gateway:',
        '  auth:',
        '    issuer: https://sso.example.com/realms/team',
        '    audience: https://mcp.team.example/mcp',
        '    scopes: [mcp]',
        '    introspection: { client_id: gw, client_secret: "${SECRET}" }',
        '  rules:',
        '    - { name: eng, when: { groups: [eng] }, allow: { servers: [github], tools: ["memory__read_*"] } }',
        '    - { name: all, allow: { tools: ["memory__search_*"] } }',
        '  audit: { file: audit.jsonl }',
        '  metrics: true',
        '',
      ].join('\n'),
    );
    const source = loadStack(file, { SECRET: 'the-secret-value' });
    if (!source.ok) throw new Error(source.diagnostics.map(formatDiagnostic).join('\n'));
    const made = gatewayStackFile(source.spec, ['github', 'memory']);
    expect(made).toBeDefined();
    expect(made?.text).not.toContain('the-secret-value');
    expect(made?.text).toContain(`\${${GATEWAY_INTROSPECTION_SECRET_ENV}}`);
    const loaded = loadStackText(made?.text ?? '', path.join(dir, 'gateway', 'mcp-stack.yml'), { [GATEWAY_INTROSPECTION_SECRET_ENV]: 'the-secret-value' });
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
    expect(loaded.spec.gateway.auth).toEqual(source.spec.gateway.auth);
    expect(loaded.spec.gateway.rules).toEqual(source.spec.gateway.rules);
    expect(loaded.spec.gateway.audit).toBe('stdout');
    expect(loaded.spec.gateway.metrics).toBe(true);
  });

  it('none when the file says nothing of who is calling', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, ['version: 1', 'project: team', 'servers:', '  memory: { image: "mcp/memory:1" }', ''].join('\n'));
    const source = loadStack(file, {});
    expect(source.ok && gatewayStackFile(source.spec, ['memory'])).toBeUndefined();
  });
});
