import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CliProcess, waitFor } from '../support/cli-process';
import { describeDocker } from '../support/docker';
import { freePort } from '../support/free-port';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { useWorkspace } from '../support/workspace';

const BACKEND = path.join(__dirname, '..', 'fixtures', 'gateway-server', 'server.mjs');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
  status?: { code?: number };
}

/** What an OTLP/HTTP collector receives: each request's headers and JSON body. */
interface Collector {
  readonly url: string;
  readonly bodies: string[];
  readonly headers: http.IncomingHttpHeaders[];
  spans(): (OtlpSpan & { attrs: Record<string, string | number | undefined>; service?: string })[];
  close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
  const bodies: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      headers.push(req.headers);
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    bodies,
    headers,
    spans: () =>
      bodies.flatMap((b) =>
        (JSON.parse(b) as { resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) =>
          r.scopeSpans.flatMap((s) =>
            s.spans.map((span) => ({
              ...span,
              service: r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
              attrs: Object.fromEntries(span.attributes.map((a) => [a.key, a.value.stringValue ?? (a.value.intValue !== undefined ? Number(a.value.intValue) : undefined)])),
            })),
          ),
        ),
      ),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * gateway.traces through the real endpoint: a span per MCP request, in the client's trace (its
 * `_meta` or its headers), with the rules' decision and outcome; a span per forwarded request,
 * whose context the server receives in `_meta` and in its HTTP headers; exported over OTLP/HTTP
 * with the collector's credential from a variable; never an argument, a result or a token.
 */
describeDocker('the gateway traces requests over OTLP (gateway.traces)', () => {
  const ws = useWorkspace('gwtrace');
  let issuer: TestIssuer;
  let collector: Collector;
  let backend: ChildProcess;
  let serve: CliProcess;
  let base: string;
  let audience: string;
  const collectorToken = `otlp-${hex(8)}`;

  const clientInfo = (said: unknown): { trace: { meta?: string; header?: string } } => JSON.parse((said as { content: { text: string }[] }).content[0]?.text ?? '{}') as { trace: { meta?: string; header?: string } };
  const modern = async (token: string): Promise<Client> => {
    const client = new Client({ name: 'modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    return client;
  };
  const spansOf = (traceId: string, count: number): Promise<ReturnType<Collector['spans']>> =>
    waitFor(`${count} spans of trace ${traceId}`, () => {
      const found = collector.spans().filter((s) => s.traceId === traceId);
      return found.length >= count ? found : undefined;
    }, 20_000, 200);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    collector = await startCollector();
    const backendPort = await freePort();
    backend = spawn(process.execPath, [BACKEND, '--http', String(backendPort)], { stdio: 'ignore' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    audience = `${base}/mcp`;
    fs.writeFileSync(
      path.join(ws.dir, 'mcp-stack.yml'),
      [
        'version: 1',
        `project: ${ws.project}`,
        'allow: [private_urls]   # the issuer and the server of this test are on loopback',
        'servers:',
        '  notes:',
        `    url: http://127.0.0.1:${backendPort}/mcp`,
        'gateway:',
        `  listen: 127.0.0.1:${port}`,
        '  auth:',
        `    issuer: ${issuer.url}`,
        `    audience: ${audience}`,
        '  rules:',
        '    - name: engineering',
        '      when: { groups: [eng] }',
        '      allow: { tools: ["notes__client_info", "notes__echo"] }',
        '  traces:',
        `    endpoint: ${collector.url}`,
        '    service_name: team-gateway',
        '    headers: { x-collector-token: "${COLLECTOR_TOKEN}" }',
        '',
      ].join('\n'),
    );
    await waitFor('the backend', async () => ((await fetch(`http://127.0.0.1:${backendPort}/mcp`).catch(() => undefined)) !== undefined ? true : undefined), 20_000, 100);
    serve = new CliProcess(['serve', '--no-apply', '--log-level', 'debug'], { COLLECTOR_TOKEN: collectorToken, MCP_ORCHESTRATOR_LOCK_DIR: path.join(ws.dir, 'locks'), MCP_ORCHESTRATOR_AUTH_DIR: path.join(ws.dir, 'auth') }, ws.dir);
    await waitFor('the gateway ready', async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 200);
  }, 120_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serve?.exited;
    backend?.kill();
    await issuer?.close();
    await collector?.close();
  });

  it("a call in the client's trace (its _meta): the gateway's span and its forwarded request's, whose context the server receives in _meta and in the HTTP header", async () => {
    const token = await issuer.sign({ sub: 'alice', aud: audience, groups: ['eng'] });
    const traceId = hex(16);
    const clientSpan = hex(8);
    const client = await modern(token);
    let seen: { trace: { meta?: string; header?: string } };
    try {
      seen = clientInfo(await client.callTool({ name: 'notes__client_info', arguments: {}, _meta: { traceparent: `00-${traceId}-${clientSpan}-01` } }));
    } finally {
      await client.close();
    }
    const spans = await spansOf(traceId, 2);
    const server = spans.find((s) => s.kind === 2);
    const forwarded = spans.find((s) => s.kind === 3);
    expect(server).toMatchObject({ name: 'tools/call notes__client_info', parentSpanId: clientSpan, service: 'team-gateway' });
    expect(server?.attrs).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'notes__client_info',
      'mcp.protocol.version': '2026-07-28',
      'mcp_orchestrator.server': 'notes',
      'mcp_orchestrator.decision': 'allow',
      'mcp_orchestrator.rule': 'engineering',
      'mcp_orchestrator.outcome': 'ok',
      'http.response.status_code': 200,
    });
    expect(forwarded).toMatchObject({ name: 'tools/call client_info', parentSpanId: server?.spanId });
    // The server's spans would be children of the forwarded request's: its context, in both places.
    expect(seen.trace.meta).toBe(`00-${traceId}-${forwarded?.spanId ?? ''}-01`);
    expect(seen.trace.header).toBe(seen.trace.meta);
  });

  it("a 2025-era client's trace from its HTTP headers; a client's unsampled trace is followed (no spans) and still carried on", async () => {
    const token = await issuer.sign({ sub: 'alice', aud: audience, groups: ['eng'] });
    const traceId = hex(16);
    const legacy = new ClientV1({ name: 'legacy', version: '1' });
    await legacy.connect(new TransportV1(new URL(audience), { requestInit: { headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${hex(8)}-01` } } }));
    try {
      await legacy.callTool({ name: 'notes__echo', arguments: { message: 'hi' } });
    } finally {
      await legacy.close();
    }
    const spans = await spansOf(traceId, 3);
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['initialize', 'tools/call notes__echo', 'tools/call echo']));
    expect(spans.find((s) => s.name === 'tools/call notes__echo')?.attrs['mcp.session.id']).toEqual(expect.any(String));

    const unsampled = hex(16);
    const client = await modern(token);
    try {
      const seen = clientInfo(await client.callTool({ name: 'notes__client_info', arguments: {}, _meta: { traceparent: `00-${unsampled}-${hex(8)}-00` } }));
      expect(seen.trace.meta).toMatch(new RegExp(`^00-${unsampled}-[0-9a-f]{16}-00$`));
    } finally {
      await client.close();
    }
    // Spans of the sampled trace above have come by now; the unsampled one has none.
    await new Promise((r) => setTimeout(r, 2500));
    expect(collector.spans().filter((s) => s.traceId === unsampled)).toEqual([]);
  });

  it('a refused call is a span with the decision; no argument, result or token is in any span; the collector gets its credential, which no log line shows', async () => {
    const token = await issuer.sign({ sub: 'alice', aud: audience, groups: ['eng'] });
    const canary = `canary-${hex(8)}`;
    const traceId = hex(16);
    const client = await modern(token);
    try {
      const said = (await client.callTool({ name: 'notes__echo', arguments: { message: canary } })) as { content: { text: string }[] };
      expect(said.content[0]?.text).toContain(canary);
      await expect(client.callTool({ name: 'notes__big', arguments: { bytes: 10 }, _meta: { traceparent: `00-${traceId}-${hex(8)}-01` } })).rejects.toThrow(/403|not allowed/);
    } finally {
      await client.close();
    }
    const [refused] = await spansOf(traceId, 1);
    expect(refused?.attrs).toMatchObject({ 'gen_ai.tool.name': 'notes__big', 'mcp_orchestrator.decision': 'deny', 'mcp_orchestrator.outcome': 'denied', 'http.response.status_code': 403 });
    await waitFor('the echo exported', () => (collector.bodies.some((b) => b.includes('tools/call notes__echo')) ? true : undefined), 10_000, 200);
    const exported = collector.bodies.join('\n');
    expect(exported).not.toContain(canary);
    expect(exported).not.toContain(token);
    expect(collector.headers.every((h) => h['x-collector-token'] === collectorToken)).toBe(true);
    expect(serve.lines.join('\n')).not.toContain(collectorToken);
  });
});
