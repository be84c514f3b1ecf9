import { Label } from '../core/labels';
import { toolLock, type ToolLock } from '../core/lockfile';
import { probeOwner } from './probes';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { DesiredContainer } from '../core/desired-state';
import type { Engine } from '../docker/engine';
import { errorMessage } from '../errors';
import { pages } from './list-pages';
import { repeatedName, repeatedNameError } from './tool-list';
import { StreamTransport } from './stream-transport';

/** What speaking MCP to one server found. */
export interface SmokeResult {
  readonly server: string;
  readonly transport: 'stdio' | 'http';
  readonly ok: boolean;
  readonly protocolVersion?: string;
  readonly serverName?: string;
  readonly serverVersion?: string;
  readonly tools: readonly string[];
  /** The tools as the lockfile records them (when tools/list was answered). */
  readonly toolLocks?: Readonly<Record<string, ToolLock>>;
  readonly prompts: readonly string[];
  readonly resources: readonly string[];
  /** From connecting to the end of the initialize handshake. */
  readonly handshakeMs?: number;
  readonly error?: string;
  /** Optional lists the server offers but failed to give (prompts, resources): it is judged by its tools. */
  readonly warnings?: readonly string[];
}


let probes = 0;

/**
 * A stdio server is tested in a throwaway container of exactly its spec (image, env, volumes, user),
 * so the live container's session is left alone.
 */
export async function smokeTestStdio(engine: Engine, project: string, c: DesiredContainer, timeoutMs: number, clientVersion: string): Promise<SmokeResult> {
  const name = `${c.name}.probe-${process.pid}-${++probes}`;
  let attached: Awaited<ReturnType<Engine['runAttached']>> | undefined;
  try {
    // The project's label, so down removes it; the probe label, so a killed run's leftover is
    // known as one (and no plan takes it for a server); never the server label.
    attached = await engine.runAttached(name, c.spec, { [Label.project]: project, [Label.probe]: probeOwner() });
    const running = attached;
    const transport = new StreamTransport(running.stdout, running.stdin);
    const result = await speak(c.server, 'stdio', transport, () => transport.protocolVersion, timeoutMs, clientVersion);
    return result.ok ? result : { ...result, error: withStderr(result.error ?? 'failed', running.stderrTail()) };
  } catch (err) {
    return failed(c.server, 'stdio', withStderr(errorMessage(err), attached?.stderrTail() ?? ''));
  } finally {
    await attached?.remove().catch(() => undefined);
  }
}

/** A live stdio container, on streams attached to it: the readiness check of a replacement. */
export async function smokeTestAttached(server: string, attached: { stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream }, timeoutMs: number, clientVersion: string): Promise<SmokeResult> {
  const transport = new StreamTransport(attached.stdout, attached.stdin);
  return speak(server, 'stdio', transport, () => transport.protocolVersion, timeoutMs, clientVersion);
}

/** An http server is tested at its live endpoint. */
export async function smokeTestHttp(server: string, url: URL, timeoutMs: number, clientVersion: string, headers: Readonly<Record<string, string>> = {}): Promise<SmokeResult> {
  try {
    const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { ...headers } } });
    return await speak(server, 'http', transport, () => transport.protocolVersion, timeoutMs, clientVersion);
  } catch (err) {
    return failed(server, 'http', `${url.href}: ${errorMessage(err)}`);
  }
}

/** initialize, then tools/list, and prompts/list and resources/list where the server advertises them. */
async function speak(
  server: string,
  kind: 'stdio' | 'http',
  transport: Transport,
  protocolVersion: () => string | undefined,
  timeoutMs: number,
  clientVersion: string,
): Promise<SmokeResult> {
  const client = new Client({ name: 'mcp-orchestrator', version: clientVersion }, { capabilities: {} });
  const started = performance.now();
  try {
    await withTimeout(client.connect(transport, { timeout: timeoutMs }), timeoutMs, `no answer to initialize within ${timeoutMs / 1000}s`);
    const handshakeMs = Math.round(performance.now() - started);
    const caps = client.getServerCapabilities() ?? {};
    const info = client.getServerVersion();
    const options = { timeout: timeoutMs };
    const listed = caps.tools ? await pages((cursor) => client.listTools(cursor ? { cursor } : {}, options).then((r) => ({ items: r.tools, next: r.nextCursor }))) : [];
    const repeated = repeatedName(listed);
    if (repeated !== undefined) return failed(server, kind, repeatedNameError('tool', repeated));
    const tools = listed.map((t) => t.name);
    const toolLocks = Object.fromEntries(listed.map((t) => [t.name, toolLock(t)]));
    // Tools are what a server is judged by; a prompt or resource list it offers but fails to give is a warning.
    const warnings: string[] = [];
    const optional = async (method: string, list: () => Promise<string[]>): Promise<string[]> =>
      list().catch((err: unknown) => {
        warnings.push(`${method} failed: ${errorMessage(err)}`);
        return [];
      });
    const prompts = caps.prompts ? await optional('prompts/list', () => pages((cursor) => client.listPrompts(cursor ? { cursor } : {}, options).then((r) => ({ items: r.prompts.map((p) => p.name), next: r.nextCursor })))) : [];
    const resources = caps.resources
      ? await optional('resources/list', () => pages((cursor) => client.listResources(cursor ? { cursor } : {}, options).then((r) => ({ items: r.resources.map((x) => x.uri), next: r.nextCursor }))))
      : [];
    const version = protocolVersion();
    return {
      server,
      transport: kind,
      ok: true,
      ...(version !== undefined && { protocolVersion: version }),
      ...(info && { serverName: info.name, serverVersion: info.version }),
      tools,
      toolLocks,
      prompts,
      resources,
      handshakeMs,
      ...(warnings.length > 0 && { warnings }),
    };
  } catch (err) {
    return failed(server, kind, errorMessage(err));
  } finally {
    await client.close().catch(() => undefined);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/** What a failed server wrote that says why: its first lines that read as errors (not stack frames), then its last lines; bounded. */
function withStderr(message: string, stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '…');
  const why = lines.filter((l) => !/^at /.test(l) && /error|cannot|can't|couldn't|could not|failed|not found|denied|invalid|missing|required|no such/i.test(l)).slice(0, 3);
  const shown = [...new Set([...why, ...lines.slice(-5)])].join(' | ').slice(0, 1500);
  return shown ? `${message}; stderr: ${shown}` : message;
}

function failed(server: string, transport: 'stdio' | 'http', error: string): SmokeResult {
  return { server, transport, ok: false, tools: [], prompts: [], resources: [], error };
}
