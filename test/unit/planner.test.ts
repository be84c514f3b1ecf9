import { computeDownPlan, computePlan, describeChanges } from '../../src/core/planner';
import { changes, formatPlan } from '../../src/core/plan';
import { desiredState } from '../../src/core/desired-state';
import { desiredFrom, emptyObserved, IMAGE_ID, observedAfterApply, specFrom } from '../support/stacks';

const STACK = `
version: 1
project: demo
servers:
  memory:
    image: mcp/memory:1.0
    env: { MEMORY_FILE_PATH: /data/memory.json, LOG: info }
    volumes: [memory-data:/data]
    networks: [private]
  fetch:
    image: mcp/fetch:2.0
    depends_on: [memory]
  tools:
    build: ./tools
networks:
  private: { internal: true }
volumes:
  memory-data:
`;

describe('computePlan: golden plans', () => {
  it('from nothing: networks, volumes and images first, then servers in dependency order', () => {
    const desired = desiredFrom(STACK);
    const plan = computePlan(desired, emptyObserved('demo'));
    expect(formatPlan(plan)).toBe(
      [
        '+ create-network network demo-default: not present',
        '+ create-network network demo-private: not present',
        '+ create-volume  volume demo-memory-data: not present',
        '↓ pull-image     image mcp/fetch:2.0: not present locally',
        '↓ pull-image     image mcp/memory:1.0: not present locally',
        '⚙ build-image    image demo-tools:latest: not built yet',
        '+ create         server fetch: no container',
        '+ create         server memory: no container',
        '+ create         server tools: no container',
        'Plan for project demo: 3 to create, 0 to recreate, 0 to start, 0 to remove, 0 unchanged.',
      ].join('\n'),
    );
    const byId = new Map(plan.actions.map((a) => [a.id, a]));
    expect(byId.get('server:memory')?.after).toEqual(['image:mcp/memory:1.0', 'network:demo-private', 'volume:demo-memory-data']);
    expect(byId.get('server:fetch')?.after).toEqual(['image:mcp/fetch:2.0', 'network:demo-default', 'server:memory']);
  });

  it('nothing changed: no changes, every server a noop', () => {
    const desired = desiredFrom(STACK);
    const plan = computePlan(desired, observedAfterApply(desired));
    expect(changes(plan)).toEqual([]);
    expect(formatPlan(plan, { showNoop: true })).toBe(
      [
        '= noop           server fetch: up to date',
        '= noop           server memory: up to date',
        '= noop           server tools: up to date',
        'No changes: project demo matches the stack file (3 servers up to date).',
      ].join('\n'),
    );
  });

  it('one env value changed: only that server is recreated, and the reason names the variable', () => {
    const before = desiredFrom(STACK);
    const after = desiredFrom(STACK.replace('LOG: info', 'LOG: debug'));
    const plan = computePlan(after, observedAfterApply(before));
    expect(formatPlan(plan)).toBe(
      [
        '~ recreate       server memory: env LOG changed',
        'Plan for project demo: 0 to create, 1 to recreate, 0 to start, 0 to remove, 2 unchanged.',
      ].join('\n'),
    );
    const recreate = plan.actions.find((a) => a.kind === 'recreate');
    expect(recreate?.kind === 'recreate' && recreate.tempName).toMatch(/^demo-memory\.next-[0-9a-f]{12}$/);
    expect(recreate?.after).toEqual([]);
  });

  it('a server removed from the file is an orphan to remove; its network goes after it', () => {
    const before = desiredFrom(STACK);
    const after = desiredFrom(STACK.replace(/  memory:\n[\s\S]*?networks: \[private\]\n/, '').replace('    depends_on: [memory]\n', '').replace(/networks:\n  private: \{ internal: true \}\n/, '').replace(/volumes:\n  memory-data:\n/, ''));
    const plan = computePlan(after, observedAfterApply(before));
    expect(formatPlan(plan)).toBe(
      [
        '- remove         server memory (demo-memory): not in stack file',
        '- remove-network network demo-private: not in stack file',
        'Plan for project demo: 0 to create, 0 to recreate, 0 to start, 1 to remove, 2 unchanged.',
      ].join('\n'),
    );
    expect(plan.actions.find((a) => a.kind === 'remove-network')?.after).toEqual(['remove:demo-memory']);
  });

  it('--no-prune keeps orphans', () => {
    const before = desiredFrom(STACK);
    const after = desiredFrom('version: 1\nproject: demo\nservers: {}\n');
    expect(changes(computePlan(after, observedAfterApply(before), { prune: false }))).toEqual([]);
  });

  it('a stopped container is started; a dead one recreated', () => {
    const desired = desiredFrom(STACK);
    const observed = observedAfterApply(desired, {
      fetch: { state: 'exited', status: 'Exited (137) 5 seconds ago' },
      memory: { state: 'dead', status: 'Dead' },
    });
    expect(formatPlan(computePlan(desired, observed))).toBe(
      [
        '> start          server fetch: stopped (Exited (137) 5 seconds ago)',
        '~ recreate       server memory: container is dead',
        'Plan for project demo: 0 to create, 1 to recreate, 1 to start, 0 to remove, 1 unchanged.',
      ].join('\n'),
    );
  });

  it('an image that now resolves to another ID recreates its servers; a rebuilt one says so', () => {
    const desired = desiredFrom(STACK);
    const observed = observedAfterApply(desired);
    const newId = `sha256:${'2'.repeat(64)}`;
    const plan = computePlan(desired, { ...observed, images: { ...observed.images, 'mcp/fetch:2.0': newId, 'demo-tools:latest': newId } });
    expect(formatPlan(plan)).toBe(
      [
        '~ recreate       server fetch: image mcp/fetch:2.0 updated (111111111111 -> 222222222222)',
        '~ recreate       server tools: image demo-tools:latest rebuilt (111111111111 -> 222222222222)',
        'Plan for project demo: 0 to create, 2 to recreate, 0 to start, 0 to remove, 1 unchanged.',
      ].join('\n'),
    );
  });

  it('leftovers of an interrupted recreate and duplicates are removed; the canonical container is kept', () => {
    const desired = desiredFrom(STACK);
    const observed = observedAfterApply(desired);
    const memory = observed.containers.find((c) => c.server === 'memory');
    if (!memory) throw new Error('fixture');
    const plan = computePlan(desired, {
      ...observed,
      containers: [
        ...observed.containers,
        { ...memory, id: 'id-next', name: 'demo-memory.next-0123456789ab' },
        { ...memory, id: 'id-dup', name: 'demo-memory-copy' },
      ],
    });
    expect(formatPlan(plan)).toBe(
      [
        '- remove         server memory (demo-memory.next-0123456789ab): leftover of an interrupted recreate',
        '- remove         server memory (demo-memory-copy): duplicate container for this server',
        'Plan for project demo: 0 to create, 0 to recreate, 0 to start, 2 to remove, 3 unchanged.',
      ].join('\n'),
    );
  });

  it('a container of the project without a server label is an orphan', () => {
    const desired = desiredFrom(STACK);
    const observed = observedAfterApply(desired);
    const stray = { ...observed.containers[0]!, id: 'id-stray', name: 'demo-stray', server: undefined };
    const plan = computePlan(desired, { ...observed, containers: [...observed.containers, stray] });
    expect(changes(plan).map((a) => a.id)).toEqual(['remove:demo-stray']);
  });

  it("a probe of `test` is no server: a live one's run is left alone, a leftover goes even with --no-prune", () => {
    const desired = desiredFrom(STACK);
    const observed = observedAfterApply(desired);
    const probe = (name: string, live: boolean | undefined): (typeof observed.containers)[number] => ({
      ...observed.containers[0]!,
      id: `id-${name}`,
      name,
      server: undefined,
      probe: { owner: 'host/1', ...(live !== undefined && { live }) },
    });
    const containers = [...observed.containers, probe('demo-a.probe-1', true), probe('demo-a.probe-2', false), probe('demo-a.probe-3', undefined)];
    const plan = computePlan(desired, { ...observed, containers }, { prune: false });
    expect(formatPlan({ ...plan, actions: changes(plan) })).toBe(
      [
        '- remove         container demo-a.probe-2: leftover probe of an interrupted `test`',
        '- remove         container demo-a.probe-3: leftover probe of an interrupted `test`',
        'Plan for project demo: 0 to create, 0 to recreate, 0 to start, 2 to remove, 0 unchanged.',
      ].join('\n'),
    );
  });

  it("per-client sessions' containers: the owner's made for each session it holds and removed when it ends (or made again when stopped); another live serve's left alone; a gone serve's removed, prune or not", () => {
    const stack = `${STACK}gateway:\n  servers:\n    memory: { sessions: per_client, max_sessions: 5 }\n`;
    const spec = specFrom(stack);
    const claims = [1, 2, 4].map((n) => ({ server: 'memory', n }));
    const desired = desiredState(spec, { sessions: { owner: 'host/100', claims: [...claims, { server: 'fetch', n: 9 }] } });
    // fetch is not per-client: its claim makes nothing.
    expect(desired.sessions?.containers.map((c) => [c.name, c.spec.alias, c.labels['io.mcp-orchestrator.session']])).toEqual([
      ['demo-memory.session-1', 'demo-memory.session-1', 'host/100/1'],
      ['demo-memory.session-2', 'demo-memory.session-2', 'host/100/2'],
      ['demo-memory.session-4', 'demo-memory.session-4', 'host/100/4'],
    ]);
    const observed = observedAfterApply(desiredState(spec));
    const memory = observed.containers.find((c) => c.server === 'memory')!;
    const session = (n: number, owner: string, live: boolean, state: 'running' | 'exited' = 'running'): (typeof observed.containers)[number] => ({
      ...memory,
      id: `id-${owner}-${n}`,
      name: `demo-memory.session-${n}`,
      state,
      session: { owner, n, live },
    });
    const containers = [...observed.containers, session(1, 'host/100', true), session(2, 'host/100', true, 'exited'), session(3, 'host/100', true), session(7, 'host/200', true), session(8, 'host/300', false)];
    const plan = computePlan(desired, { ...observed, containers }, { prune: false });
    expect(formatPlan({ ...plan, actions: changes(plan) })).toBe(
      [
        "- remove         server memory (demo-memory.session-2): its client session's container is exited",
        '- remove         server memory (demo-memory.session-3): its client session ended',
        '- remove         server memory (demo-memory.session-8): left by a serve that is gone (its client session with it)',
        '+ create         server memory (demo-memory.session-2): a client session needs it',
        '+ create         server memory (demo-memory.session-4): a client session needs it',
        'Plan for project demo: 2 to create, 0 to recreate, 0 to start, 3 to remove, 0 unchanged.',
      ].join('\n'),
    );
    expect(plan.actions.find((a) => a.id === 'session:demo-memory.session-2')?.after).toEqual(['remove:demo-memory.session-2']);
    // apply holds no sessions: a live serve's are left alone, a gone one's removed; the servers' own are untouched.
    const byApply = computePlan(desiredState(spec), { ...observed, containers });
    expect(changes(byApply).map((a) => a.id)).toEqual(['remove:demo-memory.session-8']);
    // down removes them all.
    expect(computeDownPlan({ ...observed, containers }).actions.filter((a) => a.kind === 'remove')).toHaveLength(containers.length);
  });

  it("an object with one of this project's names but not its label is a conflict, never adopted", () => {
    const desired = desiredFrom('version: 1\nproject: a\nvolumes: { b-c: {} }\nservers:\n  s: { image: "x:1", volumes: ["b-c:/data"] }\n  t: { image: "x:1" }\n');
    const plan = computePlan(desired, { ...emptyObserved('a'), images: { 'docker.io/library/x:1': IMAGE_ID }, foreign: [{ kind: 'volume', name: 'a-b-c', project: 'a-b' }] });
    expect(formatPlan(plan)).toBe(
      [
        '+ create-network network a-default: not present',
        '↓ pull-image     image x:1: not present locally',
        '! fail           server s: volume a-b-c already exists and belongs to project a-b, not a: the names collide, and it is never adopted; rename the project or the volume, or remove that volume',
        '+ create         server t: no container',
        'Plan for project a: 1 to create, 0 to recreate, 0 to start, 0 to remove, 0 unchanged, 1 cannot be made.',
      ].join('\n'),
    );
  });

  it('a container of another project holding the name is a conflict too', () => {
    const desired = desiredFrom('version: 1\nproject: a\nservers:\n  b-c: { image: "x:1" }\n');
    const plan = computePlan(desired, { ...emptyObserved('a'), images: { 'docker.io/library/x:1': IMAGE_ID }, foreign: [{ kind: 'container', name: 'a-b-c' }] });
    expect(plan.actions.find((a) => a.kind === 'fail')?.reason).toBe(
      'container a-b-c already exists and belongs to no project of mcp-orchestrator, not a: the names collide, and it is never adopted; rename the project or the server, or remove that container',
    );
  });

  it('a container under an older hash scheme is recreated with that reason', () => {
    const desired = desiredFrom(STACK);
    const plan = computePlan(desired, observedAfterApply(desired, { fetch: { hashVersion: '0' } }));
    expect(changes(plan).map((a) => `${a.kind} ${a.reason}`)).toEqual(['recreate created under hash scheme 0, now 1']);
  });

  it('an npx server: its runtime image is pulled, then its package image built, then it is created', () => {
    const desired = desiredFrom('version: 1\nproject: p\nruntimes: { node: { image: "my/node:22" } }\nservers:\n  a: { npx: "@scope/pkg@1.0.0", args: [/data] }\n');
    const plan = computePlan(desired, emptyObserved('p'));
    const a = desired.containers[0];
    if (a?.imageSource.kind !== 'generated') throw new Error('expected a generated image');
    expect(a.imageSource.tag).toMatch(/^mcp-orchestrator\/npx-scope-pkg:[0-9a-f]{16}$/);
    expect(a.spec.command).toEqual(['/data']);
    expect(formatPlan(plan)).toBe(
      [
        '+ create-network network p-default: not present',
        '↓ pull-image     image my/node:22: runtime of a, not present locally',
        `⚙ build-image    image ${a.imageSource.tag}: package image not built yet`,
        '+ create         server a: no container',
        'Plan for project p: 1 to create, 0 to recreate, 0 to start, 0 to remove, 0 unchanged.',
      ].join('\n'),
    );
    expect(plan.actions.find((x) => x.kind === 'build-image')?.after).toEqual(['image:my/node:22']);
    expect(plan.actions.find((x) => x.id === 'server:a')?.after).toEqual([`image:${a.imageSource.tag}`, 'network:p-default']);
  });

  it('is deterministic: the same inputs give the same plan', () => {
    const desired = desiredFrom(STACK);
    expect(computePlan(desired, emptyObserved('demo'))).toEqual(computePlan(desiredFrom(STACK), emptyObserved('demo')));
  });
});

const BASE = `
version: 1
project: p
servers:
  s:
    image: mcp/s:1
    command: [node, server.js]
    env: { A: "1", B: two }
    volumes: [./data:/data]
    ports: ["8080:80"]
    restart: always
    labels: { team: x }
  other:
    image: mcp/other:1
x-note: hello
`;

describe('which edits recreate a server', () => {
  const recreated = (edited: string, env: Record<string, string> = {}): string[] => {
    const plan = computePlan(desiredFrom(edited, env), observedAfterApply(desiredFrom(BASE)));
    return changes(plan)
      .filter((a) => a.kind === 'create' || a.kind === 'recreate' || a.kind === 'remove')
      .map((a) => `${a.kind} ${a.id}: ${a.reason}`);
  };

  it.each([
    ['an env value', BASE.replace('A: "1"', 'A: "2"'), 'env A changed'],
    ['an env variable added', BASE.replace('B: two', 'B: two, C: three'), 'env C added'],
    ['an env variable removed', BASE.replace(', B: two', ''), 'env B removed'],
    ['the image tag', BASE.replace('mcp/s:1', 'mcp/s:2'), 'image changed'],
    ['the command', BASE.replace('server.js]', 'server.js, --debug]'), 'command/args changed'],
    ['a volume', BASE.replace('./data:/data', './data:/data:ro'), 'volumes changed'],
    ['a port', BASE.replace('8080:80', '8081:80'), 'ports changed'],
    ['the restart policy', BASE.replace('restart: always', 'restart: on-failure'), 'restart changed'],
    ['a label', BASE.replace('team: x', 'team: y'), 'label team changed'],
    ['the memory limit', BASE.replace('restart: always', 'restart: always\n    resources: { memory: 1g }'), 'resources.memory changed'],
    ['read_only', BASE.replace('restart: always', 'restart: always\n    read_only: true'), 'read_only changed'],
    ['the transport', BASE.replace('restart: always', 'restart: always\n    transport: { type: http, port: 80 }'), 'logging changed, transport changed'],
    ['a capability', BASE.replace('restart: always', 'restart: always\n    cap_add: [NET_BIND_SERVICE]'), 'cap_add changed'],
    ['init', BASE.replace('restart: always', 'restart: always\n    init: false'), 'init changed'],
    ['the user', BASE.replace('restart: always', 'restart: always\n    user: "1000"'), 'user changed'],
    ['an interpolated value', BASE.replace('B: two', 'B: "${B_VALUE}"'), 'env B changed'],
  ])('%s: recreates that server alone', (_name, edited, reason) => {
    expect(recreated(edited, { B_VALUE: 'changed' })).toEqual([`recreate server:s: ${reason}`]);
  });

  it.each([
    ['env keys reordered', BASE.replace('{ A: "1", B: two }', '{ B: two, A: "1" }')],
    ['server keys reordered', BASE.replace('    restart: always\n', '').replace('    image: mcp/s:1\n', '    restart: always\n    image: mcp/s:1\n')],
    ['comments added', BASE.replace('servers:', '# the servers\nservers:  # all of them')],
    ['an x- extension changed', BASE.replace('x-note: hello', 'x-note: goodbye')],
    ['quoting style of the same value', BASE.replace('A: "1"', 'A: 1')],
    ['an interpolated value equal to the literal', BASE.replace('B: two', 'B: "${B_VALUE}"')],
    ['a default the server overrides', BASE.replace('servers:', 'defaults:\n  restart: "no"\nservers:').replace('  other:\n    image: mcp/other:1', '  other:\n    image: mcp/other:1\n    restart: unless-stopped')],
    ['depends_on added (order only)', BASE.replace('restart: always', 'restart: always\n    depends_on: [other]')],
    ['the same values through an anchor', BASE.replace('servers:', 'x-env: &e { A: "1", B: two }\nservers:').replace('env: { A: "1", B: two }', 'env: *e')],
  ])('%s: recreates nothing', (_name, edited) => {
    expect(recreated(edited, { B_VALUE: 'two' })).toEqual([]);
  });
});

describe('describeChanges names settings, never values', () => {
  it('lists at most four, then a count', () => {
    const before = { a: '1', b: '1', c: '1', d: '1', e: '1', 'env.SECRET': 'x' };
    const after = { a: '2', b: '2', c: '2', d: '2', e: '2', 'env.SECRET': 'y' };
    expect(describeChanges(before, after)).toBe('a changed, b changed, c changed, d changed and 2 more');
  });

  it('says "configuration changed" when the digests do not tell', () => {
    expect(describeChanges({}, {})).toBe('configuration changed');
  });
});

it('observedAfterApply fixture uses one image id', () => {
  expect(IMAGE_ID).toMatch(/^sha256:/);
});

describe('computeDownPlan', () => {
  it('removes containers, then networks; volumes only when asked', () => {
    const observed = observedAfterApply(desiredFrom(STACK));
    const plain = computeDownPlan(observed);
    expect(formatPlan(plain)).toBe(
      [
        '- remove         server fetch (demo-fetch): down',
        '- remove         server memory (demo-memory): down',
        '- remove         server tools (demo-tools): down',
        '- remove-network network demo-default: down',
        '- remove-network network demo-private: down',
        'Plan for project demo: 0 to create, 0 to recreate, 0 to start, 3 to remove, 0 unchanged.',
      ].join('\n'),
    );
    expect(plain.actions.find((a) => a.kind === 'remove-network')?.after).toEqual(['remove:demo-fetch', 'remove:demo-memory', 'remove:demo-tools']);
    const withVolumes = computeDownPlan(observed, { volumes: true });
    expect(withVolumes.actions.filter((a) => a.kind === 'remove-volume').map((a) => `${a.id}: ${a.reason}`)).toEqual(['remove-volume:demo-memory-data: down --volumes']);
  });
});
