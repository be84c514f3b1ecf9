import type { Client, ProtocolEra } from '@modelcontextprotocol/client';
import { toolLock } from '../core/lockfile';
import { errorMessage } from '../errors';
import { OutboundRefusedError } from '../outbound/guarded-fetch';
import { LoginRequiredError } from '../outbound/oauth/client-provider';
import { TokenStore } from '../outbound/oauth/token-store';
import { causes, connectRemote, remoteEndpoint, withAuthorization, type RemoteEndpoint } from '../outbound/remote-client';
import type { RemoteSpec } from '../stack-file/stack-spec';
import { pages } from './list-pages';
import type { SmokeResult } from './smoke-test';
import { repeatedName, repeatedNameError } from './tool-list';
import { UpstreamClient } from './upstream-client';

/** A tool to call after listing, as `test --url ... --call` asks. */
export interface ToolCall {
  readonly tool: string;
  readonly arguments: Record<string, unknown>;
}

export interface RemoteProbeResult extends SmokeResult {
  readonly era?: ProtocolEra;
  /** Reached with OAuth tokens (from the store): `auth status` says whose. */
  readonly oauth?: boolean;
  /** It wants a login this run could not do: `auth login` is the way. */
  readonly needsLogin?: boolean;
  /** The outbound rules refused something it led to (a redirect, its OAuth metadata): the file's doing, so located there. */
  readonly refused?: boolean;
  /** What the calls asked for said: whether each was a tool error, and its text content. */
  readonly called?: readonly { readonly tool: string; readonly isError: boolean; readonly text: string }[];
}

/**
 * A stack file's remote server (url:), as test, lock, ps and apply's check reach it: the same
 * client as the gateway's, tokens from the user's store, no login (a server that needs one says so).
 */
export async function smokeTestRemote(remote: RemoteSpec, clientVersion: string, caPem?: string, store: TokenStore = TokenStore.forUser(process.env)): Promise<RemoteProbeResult> {
  const r = await probeRemote(remote.name, remoteEndpoint(remote, { store, ...(caPem !== undefined && { caPem }) }), remote.timeoutSeconds * 1000, clientVersion);
  const at = remote.where;
  return r.refused === true && at !== undefined ? { ...r, error: `${at.file}:${at.line}:${at.col}: server "${remote.name}": ${r.error ?? ''}` } : r;
}

/**
 * The orchestrator's own client to a remote server, as the gateway meets it: the SDK v2 client
 * (2026-07-28 first, the 2025 era where the server has only that), through the outbound rules,
 * authorized from the token store (a login where the run is interactive, a step-up where the
 * server asks for wider scopes); then every list, and a tool call when one is asked for.
 */
export async function probeRemote(name: string, given: RemoteEndpoint, timeoutMs: number, clientVersion: string, calls: readonly ToolCall[] = []): Promise<RemoteProbeResult> {
  const started = performance.now();
  // What the outbound rules refused on the way (the SDK may go on past a refused metadata URL): the reason a failure gives.
  const refusals: string[] = [];
  const endpoint: RemoteEndpoint = {
    ...given,
    fetch: (url, init) =>
      given.fetch(url, init).catch((err: unknown) => {
        if (err instanceof OutboundRefusedError) refusals.push(err.message);
        throw err;
      }),
  };
  let client: Client | undefined;
  try {
    const connected = await connectRemote(
      () => {
        const c = new UpstreamClient({ name: 'mcp-orchestrator', version: clientVersion }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: 'auto', probe: { timeoutMs } } });
        // A test has no user to ask: a form it could submit as it stands (its defaults) is accepted
        // so; anything else a server asks of a user is declined, and the tool goes on knowing it.
        c.setRequestHandler('elicitation/create', (request) => asUnattended(request.params as { mode?: string; requestedSchema?: FormSchema }));
        return c;
      },
      endpoint,
      timeoutMs,
    );
    client = connected.client;
    const c = connected.client;
    const handshakeMs = Math.round(performance.now() - started);
    const authorized = <T>(op: () => Promise<T>): Promise<T> => withAuthorization(endpoint, connected.transport, op);
    const caps = c.getServerCapabilities() ?? {};
    const options = { timeout: timeoutMs };
    const listed = caps.tools ? await authorized(() => pages((cursor) => c.listTools(cursor ? { cursor } : {}, options).then((r) => ({ items: r.tools, next: r.nextCursor })))) : [];
    const repeated = repeatedName(listed);
    if (repeated !== undefined) return failed(name, repeatedNameError('tool', repeated));
    const warnings: string[] = [];
    const optional = (method: string, list: () => Promise<string[]>): Promise<string[]> =>
      authorized(list).catch((err: unknown) => {
        warnings.push(`${method} failed: ${errorMessage(err)}`);
        return [];
      });
    const prompts = caps.prompts ? await optional('prompts/list', () => pages((cursor) => c.listPrompts(cursor ? { cursor } : {}, options).then((r) => ({ items: r.prompts.map((p) => p.name), next: r.nextCursor })))) : [];
    const resources = caps.resources ? await optional('resources/list', () => pages((cursor) => c.listResources(cursor ? { cursor } : {}, options).then((r) => ({ items: r.resources.map((x) => x.uri), next: r.nextCursor })))) : [];
    const called: { tool: string; isError: boolean; text: string }[] = [];
    for (const call of calls) {
      const result = await authorized(() => c.callTool({ name: call.tool, arguments: call.arguments }, options));
      const content = Array.isArray(result['content']) ? (result['content'] as { type?: string; text?: string }[]) : [];
      called.push({ tool: call.tool, isError: result['isError'] === true, text: content.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('\n') });
    }
    const failedCalls = called.filter((x) => x.isError).map((x) => x.tool);
    const version = c.getNegotiatedProtocolVersion();
    const info = c.getServerVersion();
    const era = c.getProtocolEra();
    return {
      server: name,
      transport: 'http',
      ok: failedCalls.length === 0,
      ...(version !== undefined && { protocolVersion: version }),
      ...(era !== undefined && { era }),
      ...(info && { serverName: info.name, serverVersion: info.version }),
      tools: listed.map((t) => t.name),
      toolLocks: Object.fromEntries(listed.map((t) => [t.name, toolLock(t)])),
      prompts,
      resources,
      handshakeMs,
      ...(warnings.length > 0 && { warnings }),
      ...(calls.length > 0 && { called }),
      ...(endpoint.oauth?.tokens() !== undefined && { oauth: true }),
      ...(failedCalls.length > 0 && { error: `${failedCalls.join(', ')} answered with an error` }),
    };
  } catch (err) {
    const result = failed(name, `${endpoint.url.origin}: ${errorMessage(err)}`);
    // A refusal first: something the server named points where the rules forbid, whatever came of it after.
    if (refusals.length > 0) return { ...result, refused: true, error: `${endpoint.url.origin}: refused by the outbound rules: ${refusals[0] ?? ''}` };
    return causes(err).some((e) => e instanceof LoginRequiredError) ? { ...result, needsLogin: true } : result;
  } finally {
    await client?.close().catch(() => undefined);
  }
}

type FieldValue = string | number | boolean | string[];
interface FormSchema {
  readonly properties?: Readonly<Record<string, { readonly default?: FieldValue }>>;
  readonly required?: readonly string[];
}

/** The answer of nobody at the keyboard: a form's defaults where every required field has one (SEP-1034), else decline. */
export function asUnattended(params: { mode?: string; requestedSchema?: FormSchema }): { action: 'accept'; content: Record<string, FieldValue> } | { action: 'decline' } {
  const schema = params.requestedSchema;
  if ((params.mode !== undefined && params.mode !== 'form') || schema === undefined) return { action: 'decline' };
  const properties = schema.properties ?? {};
  if (!(schema.required ?? []).every((field) => properties[field]?.default !== undefined)) return { action: 'decline' };
  const content: Record<string, FieldValue> = Object.fromEntries(Object.entries(properties).flatMap(([field, p]) => (p.default === undefined ? [] : [[field, p.default]])));
  return { action: 'accept', content };
}

function failed(server: string, error: string): RemoteProbeResult {
  return { server, transport: 'http', ok: false, tools: [], prompts: [], resources: [], error };
}
