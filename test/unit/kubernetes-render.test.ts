import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy' with { 'resolution-mode': 'import' };
import { bridgeEntrypoint } from '../../src/recipes/bridged-image';
import { kubernetesManifests, type KubernetesOptions } from '../../src/render/kubernetes/manifests';
import type { KubernetesObject } from '../../src/render/kubernetes/objects';
import { kubernetesYaml } from '../../src/render/kubernetes/yaml';
import { formatDiagnostic } from '../../src/errors';
import { registryLocation } from '../../src/runtime/images/registry-image-config';
import { loadStack } from '../../src/stack-file/load-stack';
import type { StackSpec } from '../../src/stack-file/stack-spec';
import { FIXTURES } from '../support/fixtures';
import { kubernetesSchemaProblems } from '../support/kubernetes-validate';

const dir = path.join(FIXTURES, 'valid', 'kubernetes');
const SECRET_FROM_ENV = 'ghp_value-that-must-not-be-written';
const ENV = { HOME: '/home/user', GITHUB_TOKEN: SECRET_FROM_ENV };
const OPTIONS: KubernetesOptions = { orchestratorImage: 'registry.internal:5000/mcp-orchestrator:0.0.0-test' };

function load(file: string, env: NodeJS.ProcessEnv = ENV): StackSpec {
  const result = loadStack(file, env);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.spec;
}

function render(spec: StackSpec, options: KubernetesOptions = OPTIONS): { objects: readonly KubernetesObject[]; text: string; warnings: string[] } {
  const r = kubernetesManifests(spec, options);
  if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
  return { objects: r.objects, text: kubernetesYaml(r, { project: spec.project, file: path.basename(spec.file), version: '0.0.0-test' }), warnings: r.warnings.map(formatDiagnostic) };
}

const deployment = (objects: readonly KubernetesObject[], name: string): IDeployment => objects.find((o): o is IDeployment => o.kind === 'Deployment' && o.metadata?.name === name) as IDeployment;
/** What a bridged server's bridge runs: its arguments after `--`. */
const bridged = (d: IDeployment): string[] | undefined => {
  const args = d.spec?.template.spec?.containers[0]?.args ?? [];
  return args.slice(args.indexOf('--') + 1);
};
const policy = (objects: readonly KubernetesObject[], name: string): INetworkPolicy => objects.find((o): o is INetworkPolicy => o.kind === 'NetworkPolicy' && o.metadata?.name === name) as INetworkPolicy;

/** Regenerate the golden with UPDATE_GOLDEN=1, then read the diff. */
describe('render kubernetes: the stack file as manifests', () => {
  const spec = load(path.join(dir, 'mcp-stack.yml'));
  const { objects, text, warnings } = render(spec);

  it('renders the manifests in the golden file, byte for byte', () => {
    const golden = path.join(dir, 'manifests.golden.yaml');
    if (process.env['UPDATE_GOLDEN']) fs.writeFileSync(golden, text);
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('every object is valid against the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/fleet',
      'ConfigMap/mcp-orchestrator-ca',
      'PersistentVolumeClaim/volume-memory-data',
      'Deployment/everything',
      'Service/everything',
      'NetworkPolicy/everything',
      'Deployment/memory',
      'Service/memory',
      'NetworkPolicy/memory',
      'Deployment/search',
      'Service/search',
      'NetworkPolicy/search',
      'Deployment/tools-dev',
      'Service/tools-dev',
      'NetworkPolicy/tools-dev',
      'Deployment/mcp-orchestrator-gateway',
      'Service/mcp-orchestrator-gateway',
    ]);
    expect(kubernetesSchemaProblems(objects)).toEqual([]);
  });

  it('the schema check finds what is wrong (it is no rubber stamp)', () => {
    const broken = JSON.parse(JSON.stringify(deployment(objects, 'search'))) as { spec: { selector?: unknown; template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } } };
    delete broken.spec.selector;
    const port = broken.spec.template.spec.containers[0]?.ports[0];
    if (port) port.containerPort = 'eight thousand';
    expect(kubernetesSchemaProblems([broken, { apiVersion: 'v1', kind: 'Podcast', metadata: { name: 'x' } }])).toEqual([
      'Deployment/search: /spec must have required property selector',
      'Deployment/search: /spec/template/spec/containers/0/ports/0/containerPort must be integer',
      'Podcast/x: no model for v1 Podcast',
    ]);
  });

  it('writes no value that may be secret: env from outside the file is a Secret reference, secrets and tokens are Secrets by name', () => {
    for (const value of [SECRET_FROM_ENV, 'file-value-7f3a', 'not-a-real-api-key']) expect(text).not.toContain(value);
    const env = deployment(objects, 'memory').spec?.template.spec?.containers[0]?.env;
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'memory-env', key: 'GITHUB_TOKEN' } } },
        { name: 'EXTRA_FROM_FILE', valueFrom: { secretKeyRef: { name: 'memory-env', key: 'EXTRA_FROM_FILE' } } },
        { name: 'MEMORY_FILE_PATH', value: '/data/memory.json' },
      ]),
    );
    const r = kubernetesManifests(spec, OPTIONS);
    expect(r.ok && r.secrets.map((x) => [x.name, Object.keys(x.keys)])).toEqual([
      ['mcp-orchestrator-bridge-token', ['token']],
      ['mcp-orchestrator-gateway-token', ['token']],
      ['memory-env', ['EXTRA_FROM_FILE', 'GITHUB_TOKEN']],
      ['secret-api-key', ['api_key']],
    ]);
  });

  it('a stdio server runs behind the bridge, which its init container copies from the orchestrator image', () => {
    const pod = deployment(objects, 'memory').spec?.template.spec;
    expect(pod?.initContainers?.[0]).toMatchObject({ image: OPTIONS.orchestratorImage, command: ['node', '/app/dist/cli/mcp-orchestrator.js', 'bridge-runtime', '/bridge'] });
    expect(pod?.containers[0]).toMatchObject({ image: 'mcp/memory:1.0', command: bridgeEntrypoint() });
    // The gateway reaches it by its Service's name, which its bridge answers to.
    expect(pod?.containers[0]?.args).toEqual([
      ...['memory', 'memory.fleet', 'memory.fleet.svc', 'memory.fleet.svc.cluster.local'].flatMap((h) => ['--allowed-host', h]),
      ...['--name', 'memory', '--', 'node', '/app/dist/index.js'],
    ]);
    // A package server's command is its package image's.
    expect(bridged(deployment(objects, 'everything'))).toEqual(['node', '/app/mcp-server']);
    // An http server is not bridged; its command is the file's.
    const search = deployment(objects, 'search').spec?.template.spec?.containers[0];
    expect([search?.command, search?.args, search?.image]).toEqual([undefined, ['serve', '--port', '8000'], 'registry.internal:5000/team/search:2']);
  });

  it("keeps Docker's network isolation, and an internal network reaches only its own servers", () => {
    const memory = policy(objects, 'memory').spec;
    expect(memory?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(memory?.egress?.[0]?.to).toEqual([{ podSelector: { matchLabels: { 'io.mcp-orchestrator.project': 'fleet', 'network.mcp-orchestrator.io/backend': 'true' } } }]);
    // On backend (internal) and default: not internal, so egress is open.
    expect(policy(objects, 'everything').spec?.policyTypes).toEqual(['Ingress']);
    expect(policy(objects, 'search').spec?.ingress?.[1]).toEqual({ ports: [{ port: 9100, protocol: 'TCP' }] });
  });

  it('the gateway reaches each served server at its Service, with the filters of the file', () => {
    const args = deployment(objects, 'mcp-orchestrator-gateway').spec?.template.spec?.containers[0]?.args ?? [];
    const pairs = args.flatMap((a, i) => (a.startsWith('--') && !(args[i + 1] ?? '--').startsWith('--') ? [`${a} ${args[i + 1]}`] : []));
    expect(pairs).toEqual(
      expect.arrayContaining([
        '--upstream memory=http://memory:8811/mcp',
        '--upstream-token-file memory=/run/mcp-orchestrator/bridge-token',
        '--deny-tools memory=delete_entities',
        '--upstream search=http://search:8000/mcp',
        '--allow-tools search=search',
        '--allowed-host mcp.example.com',
      ]),
    );
    expect(pairs).not.toContain('--upstream tools_dev=http://tools-dev:8811/mcp');
    expect(pairs.filter((p) => p.startsWith('--upstream-token-file search'))).toEqual([]);
  });

  it("who is calling: the gateway runs with its own stack file (a ConfigMap: auth, rules, audit to stdout, metrics), the introspection secret from a Secret, no static token", () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-k8s-auth-'));
    try {
      const file = path.join(work, 'mcp-stack.yml');
      fs.writeFileSync(
        file,
        [
          'version: 1',
          'project: team',
          'servers:',
          '  everything: { image: "mcp/everything:1", transport: { type: http, port: 3001, path: /mcp } }',
          'gateway:',
          '  auth: { issuer: "https://sso.example.com/realms/team", audience: "https://mcp.team.example/mcp", introspection: { client_id: gw, client_secret: "${SECRET}" } }',
          '  rules: [{ name: eng, when: { groups: [eng] }, allow: { servers: [everything] } }]',
          '  audit: { file: audit.jsonl }',
          '  metrics: true',
          '',
        ].join('\n'),
      );
      const r = kubernetesManifests(load(file, { HOME: '/home/user', SECRET: 'introspection-secret-canary' }), OPTIONS);
      if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
      expect(kubernetesSchemaProblems(r.objects)).toEqual([]);
      const config = r.objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === 'mcp-orchestrator-gateway-stack') as { data: Record<string, string> } | undefined;
      const gatewayStack = config?.data['mcp-stack.yml'] ?? '';
      expect(gatewayStack).toContain('issuer: https://sso.example.com/realms/team');
      expect(gatewayStack).toContain('audit: stdout');
      const gw = deployment(r.objects, 'mcp-orchestrator-gateway').spec?.template.spec?.containers[0];
      expect(gw?.args).toEqual(expect.arrayContaining(['--stack', '/etc/mcp-orchestrator/gateway/mcp-stack.yml']));
      expect(gw?.env).toEqual([{ name: 'MCPO_GATEWAY_INTROSPECTION_SECRET', valueFrom: { secretKeyRef: { name: 'mcp-orchestrator-gateway-introspection', key: 'client-secret' } } }]);
      expect(gw?.volumeMounts).toEqual([{ name: 'mcp-orchestrator-gateway-stack', mountPath: '/etc/mcp-orchestrator/gateway', readOnly: true }]);
      expect(r.secrets.map((x) => x.name)).toEqual(expect.arrayContaining(['mcp-orchestrator-gateway-introspection']));
      expect(r.secrets.map((x) => x.name)).not.toContain('mcp-orchestrator-gateway-token');
      expect(JSON.stringify(r.objects)).not.toContain('introspection-secret-canary');
      // The gateway's stack loads as the gateway loads it, with the Secret's value in its variable.
      fs.mkdirSync(path.join(work, 'gw'));
      fs.writeFileSync(path.join(work, 'gw', 'mcp-stack.yml'), gatewayStack);
      const loaded = loadStack(path.join(work, 'gw', 'mcp-stack.yml'), { MCPO_GATEWAY_INTROSPECTION_SECRET: 'x' });
      expect(loaded.ok && loaded.spec.gateway.rules).toEqual([{ name: 'eng', when: { groups: ['eng'] }, allow: { servers: ['everything'] } }]);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('warns of what differs in a cluster, at the server', () => {
    expect(warnings).toEqual([`${path.join(dir, 'mcp-stack.yml')}:39:3: warning: server "tools_dev" is named "tools-dev" in Kubernetes (no "_" there): servers that reach it by name must use that name`]);
  });

  it('the same stack checked out elsewhere renders the same bytes', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-k8s-'));
    try {
      fs.cpSync(dir, copy, { recursive: true });
      expect(render(load(path.join(copy, 'mcp-stack.yml'))).text).toBe(text);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('render kubernetes: what a cluster cannot run is refused, located', () => {
  it('an image the orchestrator builds needs registry:', () => {
    const spec = load(path.join(FIXTURES, 'valid', 'packages.yml'));
    const r = kubernetesManifests(spec, OPTIONS);
    expect(r.ok ? [] : r.errors.map(formatDiagnostic)).toContain(
      `${path.join(FIXTURES, 'valid', 'packages.yml')}:7:3: server "everything" runs an image the orchestrator builds (npx:): a cluster pulls it from a registry, so the file needs registry: (where the image is pushed)`,
    );
  });

  it("a stdio server whose image's command is unknown; known from the image, the file's command replaces the image's", () => {
    const spec = load(path.join(FIXTURES, 'valid', 'minimal.yml'));
    const r = kubernetesManifests(spec, { ...OPTIONS, imageCommandProblems: new Map([['memory', 'not in the engine']]) });
    expect(r.ok ? [] : r.errors.map(formatDiagnostic)).toEqual([
      `${path.join(FIXTURES, 'valid', 'minimal.yml')}:3:3: server "memory" is a stdio server, which runs behind the bridge, so what it runs must be known: the file sets no entrypoint:, and what image mcp/memory:latest runs could not be read (not in the engine); set entrypoint: (and command:) in the file`,
    ]);
    const known = render(spec, { ...OPTIONS, imageCommands: new Map([['memory', { entrypoint: ['docker-entrypoint.sh'], cmd: ['node', 'dist/index.js'] }]]) });
    expect(bridged(deployment(known.objects, 'memory'))).toEqual(['docker-entrypoint.sh', 'node', 'dist/index.js']);
  });

  it('a namespace that is no Kubernetes name', () => {
    const r = kubernetesManifests(load(path.join(dir, 'mcp-stack.yml')), { ...OPTIONS, namespace: 'Team_A' });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['namespace "Team_A" is not a Kubernetes name (lowercase letters, digits and "-", starting with a letter, at most 63): pass --namespace']);
  });
});

describe('render kubernetes: a value that came from a variable is a Secret reference, never text', () => {
  const CANARY = 'pg-canary-5e1d';
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-k8s-vars-'));
    fs.writeFileSync(path.join(tmp, '.env'), `PGPASSWORD=${CANARY}\nTEAM=${CANARY}-team\n`);
    fs.writeFileSync(
      path.join(tmp, 'mcp-stack.yml'),
      [
        'version: 1',
        'project: vars',
        'servers:',
        '  db:',
        '    image: team/db-mcp:1',
        '    transport: { type: http, port: 8000 }',
        '    command: ["serve", "--dsn=postgres://app:${PGPASSWORD}@db/app"]',
        '    args: ["--literal=$$(NOT_EXPANDED)", "--password=${PGPASSWORD}", "${PGPASSWORD:-$$(touch pwned)}"]',
        '    env: { DSN: "user=app password=${PGPASSWORD}", PLAIN: "a$$(B)" }',
        '    labels: { team: "${TEAM}", tier: data }',
        '  words:',
        '    image: team/db-mcp:1',
        '    transport: { type: http, port: 8000 }',
        '    command: "serve ${PGPASSWORD}"',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('args, command and env from variables are $(VAR) from the server\'s Secret; the hint makes each from the same variables; labels that read one are left out', () => {
    const spec = load(path.join(tmp, 'mcp-stack.yml'), { HOME: '/home/user' });
    const r = kubernetesManifests({ ...spec, servers: spec.servers.filter((s) => s.name === 'db') }, OPTIONS);
    if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
    const text = kubernetesYaml(r, { project: 'vars', file: 'mcp-stack.yml', version: '0.0.0-test' });
    expect(text).not.toContain(CANARY);
    const c = deployment(r.objects, 'db').spec?.template.spec?.containers[0];
    expect(c?.args).toEqual(['serve', '$(MCPO_COMMAND_1)', '--literal=$$(NOT_EXPANDED)', '$(MCPO_ARGS_1)', '$(MCPO_ARGS_2)']);
    expect(c?.env).toEqual([
      { name: 'DSN', valueFrom: { secretKeyRef: { name: 'db-env', key: 'DSN' } } },
      { name: 'PLAIN', value: 'a$$(B)' },
      { name: 'MCPO_COMMAND_1', valueFrom: { secretKeyRef: { name: 'db-env', key: 'command-1' } } },
      { name: 'MCPO_ARGS_1', valueFrom: { secretKeyRef: { name: 'db-env', key: 'args-1' } } },
      { name: 'MCPO_ARGS_2', valueFrom: { secretKeyRef: { name: 'db-env', key: 'args-2' } } },
    ]);
    expect(deployment(r.objects, 'db').metadata?.annotations).toEqual({ tier: 'data' });
    expect(r.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringContaining('label team reads a variable (${TEAM})')]));
    const keys = r.secrets.find((x) => x.name === 'db-env')?.keys ?? {};
    expect(keys).toEqual({
      DSN: '--from-literal=DSN="user=app password=${PGPASSWORD}"',
      'command-1': '--from-literal=command-1="--dsn=postgres://app:${PGPASSWORD}@db/app"',
      'args-1': '--from-literal=args-1="--password=${PGPASSWORD}"',
      'args-2': '--from-literal=args-2="${PGPASSWORD:-\\$(touch pwned)}"',
    });
    // The hints, run by a real shell, make the values the file made, and run nothing.
    for (const [key, hint] of Object.entries(keys)) {
      const word = hint.slice(`--from-literal=${key}=`.length);
      const made = execFileSync('sh', ['-c', `printf %s ${word}`], { cwd: tmp, env: { PATH: process.env['PATH'] ?? '', PGPASSWORD: CANARY } }).toString();
      const expected = { DSN: `user=app password=${CANARY}`, 'command-1': `--dsn=postgres://app:${CANARY}@db/app`, 'args-1': `--password=${CANARY}`, 'args-2': CANARY }[key];
      expect(made).toBe(expected);
    }
    expect(fs.existsSync(path.join(tmp, 'pwned'))).toBe(false);
  });

  it('a command written as one string whose variable splits into words is refused: write it as a list', () => {
    const spec = load(path.join(tmp, 'mcp-stack.yml'), { HOME: '/home/user', PGPASSWORD: 'two words' });
    const r = kubernetesManifests({ ...spec, servers: spec.servers.filter((s) => s.name === 'words') }, OPTIONS);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([expect.stringContaining('server "words": command is one string whose variable\'s value splits into words')]);
    const one = load(path.join(tmp, 'mcp-stack.yml'), { HOME: '/home/user' });
    const ok = kubernetesManifests({ ...one, servers: one.servers.filter((s) => s.name === 'words') }, OPTIONS);
    expect(ok.ok && deployment(ok.objects, 'words').spec?.template.spec?.containers[0]?.args).toEqual(['serve', '$(MCPO_COMMAND_1)']);
  });
});

describe('registry locations of image references', () => {
  it.each([
    ['mcp/memory:1.0', { host: 'registry-1.docker.io', repository: 'mcp/memory', reference: '1.0' }],
    ['node', { host: 'registry-1.docker.io', repository: 'library/node', reference: 'latest' }],
    ['docker.io/library/node:22', { host: 'registry-1.docker.io', repository: 'library/node', reference: '22' }],
    ['127.0.0.1:5000/team/servers:1', { host: '127.0.0.1:5000', repository: 'team/servers', reference: '1' }],
    ['ghcr.io/o/r@sha256:abc', { host: 'ghcr.io', repository: 'o/r', reference: 'sha256:abc' }],
    ['localhost/x', { host: 'localhost', repository: 'x', reference: 'latest' }],
  ])('%s', (ref, expected) => {
    expect(registryLocation(ref)).toEqual(expected);
  });
});
