import type { ClientCapabilities, ProtocolEra } from '@modelcontextprotocol/client';
import type { StoredOAuthProvider } from '../outbound/oauth/client-provider';

/** What the gateway's upstreams are told and tell: targets, states, health and the callers of a request. */

/** How the gateway reaches one server: its container's stdio, or an http endpoint on the project network. */
export type UpstreamTarget =
  | { readonly kind: 'stdio'; readonly containerId: string; readonly attach: () => Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }> }
  | {
      readonly kind: 'http';
      /** What runs there: a container's ID, or for a remote server its endpoint and settings (a change opens a new session). */
      readonly containerId: string;
      readonly url: URL;
      readonly headers?: Readonly<Record<string, string>>;
      /** A remote server's: every request through the outbound rules. */
      readonly fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>;
      /** A remote server that speaks the legacy HTTP+SSE transport. */
      readonly sse?: boolean;
      /** A remote server's OAuth: tokens from the user's store (refreshed, stepped up; a login is `auth login`'s). */
      readonly oauth?: StoredOAuthProvider;
    };

export interface UpstreamHealth {
  readonly state: UpstreamState['state'];
  readonly reason?: string;
  /** The protocol era the gateway speaks with the server: 2025-era sessions, or 2026-07-28 requests. */
  readonly era?: ProtocolEra;
  readonly tools?: number;
  readonly inFlight: number;
}

/**
 * `degraded`: the session is open but the server missed a deadline (a ping, a list); it is left out
 * of the aggregate lists until it answers again.
 */
export type UpstreamState =
  | { readonly state: 'starting' }
  | { readonly state: 'up' }
  | { readonly state: 'degraded'; readonly reason: string }
  | { readonly state: 'down'; readonly reason: string };

export interface UpstreamEvents {
  /** The server's tools, prompts or resources changed (its own list_changed, or a new container). */
  listChanged(server: string, what: 'tools' | 'prompts' | 'resources'): void;
  stateChanged(server: string): void;
  /** A subscribed resource of the server changed. */
  resourceUpdated(server: string, uri: string): void;
}

/** A client request in flight on this server: the server's requests and log messages during it go to that client. */
export interface Caller {
  /** What the client declared it can do: a server's request it did not declare is refused, never sent to it. */
  readonly capabilities?: ClientCapabilities;
  /** Who the client said it is (a per-client session's server is told the same). */
  readonly info?: { readonly name: string; readonly version: string };
  ask(request: { method: string; params?: Record<string, unknown> }): Promise<unknown>;
  log(params: { level: string; data?: unknown; logger?: string }): void;
}
