import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Docker from 'dockerode';
import { CLI, CliProcess, waitFor } from '../support/cli-process';
import { runServerScenarios } from '../support/conformance';
import { describeDocker, TEST_SERVERS_IMAGE } from '../support/docker';
import { removeProject } from '../support/engine-cleanup';
import { freePort } from '../support/free-port';
import { useWorkspace } from '../support/workspace';

const docker = new Docker();


type Era = 'legacy' | 'modern';
const client = async (url: URL, era: Era): Promise<Client> => {
  const c = new Client({ name: `test-${era}`, version: '1' }, era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
  await c.connect(new StreamableHTTPClientTransport(url));
  return c;
};
const text = (r: unknown): string => JSON.stringify((r as { content?: unknown }).content);

/** A POST with a Host header of our choosing (fetch may not set Host). */
function postWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/**
 * `serve` in front of real MCP servers from npm in containers, through its real HTTP endpoint with
 * the SDK's clients of both protocol eras.
 */
describeDocker('the gateway: every server behind one endpoint, any number of clients', () => {
  const ws = useWorkspace('gateway');
  let serve: CliProcess | undefined;
  let base: string;
  let file: string;

  const stack = (memoryTag: string): string =>
    [
      'version: 1',
      `project: ${ws.project}`,
      'servers:',
      '  everything:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-everything]',
      '  memory:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-memory]',
      `    env: { MEMORY_FILE_PATH: /tmp/memory.json, TAG: "${memoryTag}" }`,
      '  filesystem:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-filesystem, /data]',
      '    volumes: [./data:/data:ro]',
      '  web:',
      `    image: ${TEST_SERVERS_IMAGE}`,
      '    command: [mcp-server-everything, streamableHttp]',
      '    env: { PORT: "3001" }',
      '    transport: { type: http, port: 3001, path: /mcp }',
      'gateway:',
      '  servers:',
      '    everything: { tools: { deny: [get-env] } }',
      '',
    ].join('\n');

  const health = async (): Promise<{ servers: Record<string, { state: string; tools?: number; inFlight?: number }> }> => (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).json() as Promise<{ servers: Record<string, { state: string; tools?: number; inFlight?: number }> }>;
  const allUp = async (): Promise<true | undefined> => {
    const h = await health().catch(() => undefined);
    return h && Object.keys(h.servers).length === 4 && Object.values(h.servers).every((s) => s.state === 'up') ? true : undefined;
  };

  beforeAll(async () => {
    fs.mkdirSync(path.join(ws.dir, 'data'));
    fs.writeFileSync(path.join(ws.dir, 'data', 'hello.txt'), 'hello through the gateway\n');
    file = path.join(ws.dir, 'mcp-stack.yml');
    fs.writeFileSync(file, stack('one'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    serve = new CliProcess(['serve', '-f', file, '--listen', `127.0.0.1:${port}`, '--log-format', 'json', '--log-level', 'debug', '--debounce', '100'], { MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') });
    await waitFor('every server up behind the gateway', allUp, 90_000, 250);
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    // Whichever of the after-hooks runs first, nothing is left: a serve still running could have
    // recreated a server after the workspace's own cleanup.
    await removeProject(ws.project);
  }, 60_000);

  it('/healthz: each server up, with its tool count', async () => {
    const h = await health();
    expect(h.servers['everything']).toMatchObject({ state: 'up' });
    expect(h.servers['memory']?.tools).toBeGreaterThanOrEqual(9);
    expect(h.servers['web']?.tools).toBeGreaterThanOrEqual(10);
  });

  it.each<Era>(['legacy', 'modern'])('/mcp, %s era: every server under <server>__<name>; calls reach the right server; filtered tools are gone', async (era) => {
    const c = await client(new URL(`${base}/mcp`), era);
    try {
      expect(c.getNegotiatedProtocolVersion()).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
      const names = (await c.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['everything__echo', 'memory__create_entities', 'filesystem__read_text_file', 'web__echo', 'web__get-env']));
      expect(names).not.toContain('everything__get-env');
      expect(names.every((n) => /^(everything|memory|filesystem|web)__/.test(n))).toBe(true);
      expect(text(await c.callTool({ name: 'everything__echo', arguments: { message: `hi ${era}` } }))).toContain(`Echo: hi ${era}`);
      expect(text(await c.callTool({ name: 'filesystem__read_text_file', arguments: { path: '/data/hello.txt' } }))).toContain('hello through the gateway');
      expect(text(await c.callTool({ name: 'web__echo', arguments: { message: 'over http' } }))).toContain('Echo: over http');
      await expect(c.callTool({ name: 'everything__get-env', arguments: {} })).rejects.toThrow(/not exposed/);
    } finally {
      await c.close();
    }
  }, 60_000);

  it.each<Era>(['legacy', 'modern'])('/servers/memory/mcp, %s era: one server, its own names', async (era) => {
    const c = await client(new URL(`${base}/servers/memory/mcp`), era);
    try {
      const names = (await c.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['create_entities', 'read_graph']));
      await c.callTool({ name: 'create_entities', arguments: { entities: [{ name: `e-${era}`, entityType: 't', observations: [] }] } });
      expect(text(await c.callTool({ name: 'read_graph', arguments: {} }))).toContain(`e-${era}`);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a 2025-era client of the other SDK major (v1) is served too', async () => {
    const c = new ClientV1({ name: 'v1', version: '1' });
    await c.connect(new TransportV1(new URL(`${base}/mcp`)));
    try {
      expect(text(await c.callTool({ name: 'everything__echo', arguments: { message: 'from v1' } }))).toContain('Echo: from v1');
    } finally {
      await c.close();
    }
  }, 30_000);

  it('ten clients at once, hundreds of interleaved calls with colliding ids: every answer reaches its own caller; progress only its caller', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => client(new URL(`${base}/mcp`), i % 2 === 0 ? 'legacy' : 'modern')));
    try {
      // Each client numbers its requests from the same start: their JSON-RPC ids collide by construction.
      const wrong: string[] = [];
      await Promise.all(
        clients.map(async (c, i) => {
          for (let batch = 0; batch < 10; batch++) {
            await Promise.all(
              Array.from({ length: 10 }, async (_, j) => {
                const message = `client ${i} call ${batch * 10 + j}`;
                const got = text(await c.callTool({ name: 'everything__echo', arguments: { message } }));
                if (!got.includes(`Echo: ${message}"`)) wrong.push(`${message} got ${got}`);
              }),
            );
          }
        }),
      );
      expect(wrong).toEqual([]);
      const progress = await Promise.all(
        clients.slice(0, 4).map(async (c, i) => {
          const seen: number[] = [];
          await c.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 1 + i, steps: 2 + i } }, { onprogress: (p) => seen.push(p.progress) });
          return seen;
        }),
      );
      // Each caller sees its own steps (2, 3, 4, 5 of them), all of them, in order, and nobody else's.
      progress.forEach((seen, i) => expect(seen).toEqual(Array.from({ length: 2 + i }, (_, k) => k + 1)));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }, 120_000);

  it('two stdio clients through `attach` at once: each is a gateway session of its own and gets its own answers', async () => {
    const stdioClient = async (name: string): Promise<ClientV1> => {
      const c = new ClientV1({ name, version: '1' });
      const env = { ...process.env, MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks') } as Record<string, string>;
      await c.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'attach', 'everything', '-f', file], env, stderr: 'pipe' }));
      return c;
    };
    const [a, b] = await Promise.all([stdioClient('a'), stdioClient('b')]);
    try {
      const wrong: string[] = [];
      await Promise.all(
        [a, b].map(async (c, i) => {
          await Promise.all(
            Array.from({ length: 30 }, async (_, j) => {
              const message = `stdio ${i} call ${j}`;
              const got = text(await c.callTool({ name: 'echo', arguments: { message } }));
              if (!got.includes(`Echo: ${message}"`)) wrong.push(got);
            }),
          );
        }),
      );
      expect(wrong).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('the official conformance suite (2025-11-25 requirements) against server-everything: every server scenario that passes directly passes through the gateway [needs the npm registry or its cache]', async () => {
    const web = await docker.getContainer(`${ws.project}-web`).inspect();
    const address = Object.values(web.NetworkSettings.Networks)[0]?.IPAddress ?? '';
    const direct = await runServerScenarios(`http://${address}:3001/mcp`, '2025-11-25');
    expect(direct.passed.length).toBeGreaterThan(5);
    const [viaHttp, viaStdio] = await Promise.all([runServerScenarios(`${base}/servers/web/mcp`, '2025-11-25'), runServerScenarios(`${base}/servers/everything/mcp`, '2025-11-25')]);
    expect(direct.passed.filter((s) => !viaHttp.passed.includes(s))).toEqual([]);
    expect(direct.passed.filter((s) => !viaStdio.passed.includes(s))).toEqual([]);
  }, 300_000);

  it.each<Era>(['legacy', 'modern'])("%s era: a server's sampling request reaches the client whose call is in flight; with another call in flight on that server it is refused", async (era) => {
    const sampler = new Client({ name: 'sampler', version: '1' }, { capabilities: { sampling: {} }, ...(era === 'modern' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
    let asked = 0;
    sampler.setRequestHandler('sampling/createMessage', async () => {
      asked++;
      return { role: 'assistant', content: { type: 'text', text: 'sampled-by-the-right-client' }, model: 'test-model', stopReason: 'endTurn' };
    });
    await sampler.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    const other = await client(new URL(`${base}/mcp`), 'legacy');
    try {
      const alone = await sampler.callTool({ name: 'everything__trigger-sampling-request', arguments: { prompt: 'hi' } });
      expect(text(alone)).toContain('sampled-by-the-right-client');
      expect(asked).toBe(1);
      // Another client's call in flight on the same server: which client the request is for cannot be known.
      const long = other.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 3, steps: 3 } });
      await new Promise((r) => setTimeout(r, 500));
      const crowded = await sampler.callTool({ name: 'everything__trigger-sampling-request', arguments: { prompt: 'hi' } }).catch((err: Error) => ({ content: err.message, isError: true }));
      expect(text(crowded)).toMatch(/cannot tell which client this sampling\/createMessage is for/);
      expect(asked).toBe(1);
      await long;
    } finally {
      await Promise.all([sampler.close(), other.close()]);
    }
  }, 60_000);

  it("modern era: an elicitation takes a round trip of its own (input_required), the answer reaches the server", async () => {
    const asker = new Client({ name: 'elicited', version: '1' }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    asker.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { name: 'Ada Lovelace', check: true, integer: 7 } }));
    await asker.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    try {
      const answer = await asker.callTool({ name: 'everything__trigger-elicitation-request', arguments: {} });
      expect(text(answer)).toContain('Ada Lovelace');
    } finally {
      await asker.close();
    }
  }, 60_000);

  it('a call cancelled by its client is cancelled upstream; the server\'s log messages reach only the client whose call is in flight', async () => {
    const [a, b] = await Promise.all([client(new URL(`${base}/servers/everything/mcp`), 'legacy'), client(new URL(`${base}/servers/everything/mcp`), 'legacy')]);
    const logsOf = (c: Client): string[] => {
      const seen: string[] = [];
      c.setNotificationHandler('notifications/message', (n) => void seen.push(String(n.params.level)));
      return seen;
    };
    const [logsA, logsB] = [logsOf(a), logsOf(b)];
    try {
      await a.callTool({ name: 'toggle-simulated-logging', arguments: {} });
      // The server logs every 5 s; a's 12 s call is the only one in flight there.
      await a.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 12, steps: 4 } }, { timeout: 60_000 });
      await a.callTool({ name: 'toggle-simulated-logging', arguments: {} });
      expect(logsA.length).toBeGreaterThanOrEqual(1);
      expect(logsB).toEqual([]);
      // b cancels a 30 s call after 1 s: the gateway stops waiting, and the upstream request ends too.
      const ac = new AbortController();
      const cancelled = b.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 30, steps: 30 } }, { signal: ac.signal });
      await new Promise((r) => setTimeout(r, 1000));
      ac.abort();
      await expect(cancelled).rejects.toThrow();
      const inFlight = await waitFor('no request of everything in flight', async () => ((await health()).servers['everything']?.inFlight === 0 ? 0 : undefined), 5000, 100);
      expect(inFlight).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 90_000);

  it.each<Era>(['legacy', 'modern'])("a call its client cancelled may still run in the server: the next %s client's call there is not taken for the only one, so a request of the server is never sent to it", async (era) => {
    const a = await client(new URL(`${base}/servers/everything/mcp`), 'legacy');
    const b = new Client({ name: 'next', version: '1' }, { capabilities: { sampling: {} }, ...(era === 'modern' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
    let asked = 0;
    b.setRequestHandler('sampling/createMessage', async () => {
      asked++;
      return { role: 'assistant', content: { type: 'text', text: 'b answered' }, model: 'm', stopReason: 'endTurn' };
    });
    await b.connect(new StreamableHTTPClientTransport(new URL(`${base}/servers/everything/mcp`)));
    try {
      const ac = new AbortController();
      const cancelled = a.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 20, steps: 20 } }, { signal: ac.signal });
      await new Promise((r) => setTimeout(r, 500));
      ac.abort();
      await expect(cancelled).rejects.toThrow();
      const r = await b.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hi' } }).catch((err: Error) => ({ content: err.message }));
      expect(text(r)).toMatch(/cannot tell which client this sampling\/createMessage is for/);
      expect(asked).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('resource updates reach the clients that follow the resource (2025: resources/subscribe, 2026-07-28: subscriptions/listen) and no one else', async () => {
    const own = new URL(`${base}/servers/everything/mcp`);
    const [legacy, modern, bystander] = await Promise.all([client(own, 'legacy'), client(own, 'modern'), client(new URL(`${base}/mcp`), 'legacy')]);
    const updates = (c: Client): string[] => {
      const seen: string[] = [];
      c.setNotificationHandler('notifications/resources/updated', (n) => void seen.push(n.params.uri));
      return seen;
    };
    const [toLegacy, toModern, toBystander] = [updates(legacy), updates(modern), updates(bystander)];
    try {
      const uri = (await legacy.listResources()).resources.find((r) => r.uri.startsWith('demo://resource/static/'))?.uri ?? '';
      expect(uri).not.toBe('');
      // web is server-everything too: on /mcp its URIs are everything's, and which one is meant cannot be known.
      await bystander.listResources();
      await expect(bystander.readResource({ uri })).rejects.toThrow(/servers everything and web both list the resource/);
      await legacy.subscribeResource({ uri });
      const listening = await modern.listen({ resourceSubscriptions: [uri] });
      await bystander.callTool({ name: 'everything__toggle-subscriber-updates', arguments: {} });
      try {
        await waitFor('updates at both followers', () => (toLegacy.length > 0 && toModern.length > 0 ? true : undefined), 15_000, 100);
      } finally {
        await bystander.callTool({ name: 'everything__toggle-subscriber-updates', arguments: {} });
        await listening.close();
      }
      expect(new Set([...toLegacy, ...toModern])).toEqual(new Set([uri]));
      expect(toBystander).toEqual([]);
    } finally {
      await Promise.all([legacy.close(), modern.close(), bystander.close()]);
    }
  }, 60_000);

  it('a request that names another host is refused (DNS rebinding), as is an unknown endpoint', async () => {
    expect(await postWithHost(`${base}/mcp`, 'evil.example')).toBe(403);
    expect(await postWithHost(`${base}/mcp`, `evil.example:${new URL(base).port}`)).toBe(403);
    expect((await fetch(`${base}/servers/nobody/mcp`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('a hot reload under serve: an open session\'s next call works without reconnecting, and sees the new container', async () => {
    const c = await client(new URL(`${base}/mcp`), 'legacy');
    let listChanged = 0;
    c.setNotificationHandler('notifications/tools/list_changed', () => {
      listChanged++;
    });
    try {
      expect(text(await c.callTool({ name: 'memory__read_graph', arguments: {} }))).toBeDefined();
      const before = (await docker.getContainer(`${ws.project}-memory`).inspect()).Id;
      fs.writeFileSync(file, stack('two'));
      await waitFor('memory recreated', async () => ((await docker.getContainer(`${ws.project}-memory`).inspect()).Id !== before ? true : undefined), 60_000, 200);
      const answer = await waitFor(
        'a call through the same session',
        async () => {
          try {
            return text(await c.callTool({ name: 'memory__read_graph', arguments: {} }));
          } catch {
            return undefined;
          }
        },
        30_000,
        200,
      );
      expect(answer).toContain('entities');
      await waitFor('list_changed on the open session', () => (listChanged > 0 ? true : undefined), 10_000);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('a call in flight when its server is recreated fails with an error that says so; the next one works', async () => {
    const c = await client(new URL(`${base}/mcp`), 'modern');
    try {
      const long = c.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 20, steps: 20 } }, { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 1500));
      fs.writeFileSync(file, stack('two').replace('command: [mcp-server-everything]\n', 'command: [mcp-server-everything]\n    env: { TAG: three }\n'));
      await expect(long).rejects.toThrow(/server everything restarted while this request ran; call it again/);
      const again = await waitFor('a call to the new container', async () => {
        try {
          return text(await c.callTool({ name: 'everything__echo', arguments: { message: 'after' } }));
        } catch {
          return undefined;
        }
      }, 60_000, 250);
      expect(again).toContain('Echo: after');
    } finally {
      await c.close();
    }
  }, 120_000);

  it('no log line holds a message\'s contents; SIGTERM exits 0 and leaves the servers running', async () => {
    const c = await client(new URL(`${base}/mcp`), 'legacy');
    await c.callTool({ name: 'everything__echo', arguments: { message: 'log-canary-5e1f' } });
    await c.close();
    serve?.kill('SIGTERM');
    expect(await serve?.exitedWithin(30_000)).toBe(0);
    expect(serve?.lines.some((l) => l.includes('log-canary-5e1f'))).toBe(false);
    expect(serve?.json().some((l) => l['message'] === 'forwarded' && l['method'] === 'tools/call' && l['server'] === 'everything')).toBe(true);
    // Each stdio server's streams were attached before its container started (first apply, and the recreates).
    for (const server of ['everything', 'memory', 'filesystem']) expect(serve?.json().some((l) => l['message'] === 'attached before start' && l['server'] === server)).toBe(true);
    expect(serve?.json().some((l) => l['message'] === 'attached before start' && l['server'] === 'web')).toBe(false);
    const running = await docker.listContainers({ filters: { label: [`io.mcp-orchestrator.project=${ws.project}`] } });
    expect(running.length).toBe(4);
  }, 60_000);
});
