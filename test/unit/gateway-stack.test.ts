import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/errors';
import { desiredState } from '../../src/core/desired-state';
import { GATEWAY_INTROSPECTION_SECRET_ENV, gatewayStackFile, gatewayTracesHeaderEnv } from '../../src/recipes/gateway-stack';
import { GATEWAY_SERVICE_NAME } from '../../src/stack-file/stack-spec';
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

  it("carries gateway.traces; on Swarm the file, the .env with its variables' values (a `$` in a value kept as it is) and no static token, as secrets of the gateway service", () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        'project: team',
        'backend: swarm',
        'servers:',
        '  memory: { image: "mcp/memory:1" }',
        'gateway:',
        '  auth: { issuer: "https://sso.example.com/realms/team", audience: "https://mcp.team.example/mcp", introspection: { client_id: gw, client_secret: "${SECRET}" } }',
        '  traces: { endpoint: "http://otel-collector:4318/v1/traces", sample_ratio: 0.25, headers: { X-Api-Key: "${OTLP_KEY}" } }',
        '  service: { image: "registry.internal:5000/mcp-orchestrator:1" }',
        '',
      ].join('\n'),
    );
    const env = { SECRET: 's3cret-${NOT_A_VARIABLE}"\\', OTLP_KEY: "key-$HOME-'canary'" };
    const source = loadStack(file, env);
    if (!source.ok) throw new Error(source.diagnostics.map(formatDiagnostic).join('\n'));
    const made = gatewayStackFile(source.spec, ['memory']);
    expect(made?.text).not.toContain('canary');
    expect(made?.text).toContain(`\${${gatewayTracesHeaderEnv('X-Api-Key')}}`);

    const service = desiredState(source.spec).containers.find((c) => c.server === GATEWAY_SERVICE_NAME);
    expect(service?.spec.command).toEqual(expect.arrayContaining(['--stack', '/run/secrets/mcp-stack.yml']));
    expect(service?.spec.command).not.toContain('--token-file');
    const secrets = service?.spec.swarmSecrets ?? [];
    expect(secrets.map((x) => [x.secret, x.labels['io.mcp-orchestrator.secret']])).toEqual([
      ['mcp-stack.yml', 'gateway-stack'],
      ['.env', 'gateway-env'],
    ]);
    // The task's two files, loaded as the gateway loads them (with none of the variables in its environment): the source's values.
    const task = path.join(dir, 'task');
    fs.mkdirSync(task);
    for (const x of secrets) fs.writeFileSync(path.join(task, x.secret), x.content ?? '');
    const loaded = loadStack(path.join(task, 'mcp-stack.yml'), { HOME: '/elsewhere' });
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
    expect(loaded.spec.gateway.traces).toEqual({ endpoint: 'http://otel-collector:4318/v1/traces', serviceName: 'mcp-orchestrator-gateway', sampleRatio: 0.25, headers: { 'X-Api-Key': env.OTLP_KEY } });
    expect(loaded.spec.gateway.auth?.introspection?.clientSecret).toBe(env.SECRET);
    // Values are in the secrets' contents only: no label, argument or name.
    expect(JSON.stringify({ ...service, spec: { ...service?.spec, swarmSecrets: secrets.map(({ content: _c, ...x }) => x) } })).not.toContain('canary');
  });

  it('none when the file says nothing of who is calling', () => {
    const file = path.join(dir, 'mcp-stack.yml');
    fs.writeFileSync(file, ['version: 1', 'project: team', 'servers:', '  memory: { image: "mcp/memory:1" }', ''].join('\n'));
    const source = loadStack(file, {});
    expect(source.ok && gatewayStackFile(source.spec, ['memory'])).toBeUndefined();
  });
});
