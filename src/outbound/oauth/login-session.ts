import type { Fetch } from '../guarded-fetch';
import { headlessAuthorizer, LoopbackReceiver, terminalAuthorizer } from './authorizers';
import { StoredOAuthProvider, type OAuthClientSettings } from './client-provider';
import type { StoreKey, TokenStore } from './token-store';

export interface LoginSessionOptions {
  readonly store: TokenStore;
  /** The server's URL. */
  readonly resource: string;
  readonly name: string;
  readonly settings: OAuthClientSettings;
  /** The outbound rules, for the headless authorizer's requests. */
  readonly fetch: Fetch;
  /** Where the URL to open and the hints go (stderr). */
  readonly say: (line: string) => void;
  /** Where a pasted redirect address is read (a terminal's stdin). */
  readonly input?: NodeJS.ReadableStream;
  readonly headless?: boolean;
  /** `allow: [private_urls]`: the authorization URL may be at a loopback or private address. */
  readonly allowPrivate: boolean;
}

/**
 * A provider that may log in: the loopback receiver listening (on the port a stored registration
 * names, since the redirect URL is part of it; else any free one) and the user's terminal or the
 * headless authorizer to bring the code back. `close` stops the receiver.
 */
export async function loginSession(o: LoginSessionOptions): Promise<{ provider: StoredOAuthProvider; close(): void }> {
  const receiver = new LoopbackReceiver();
  const redirectUrl = await receiver.start(registeredPort(o.store, { server: o.name, resource: o.resource }) ?? 0).catch(() => receiver.start(0));
  const authorize = o.headless === true ? headlessAuthorizer(o.fetch) : terminalAuthorizer(receiver, o.say, o.input, o.allowPrivate);
  const provider = new StoredOAuthProvider(o.store, o.resource, o.name, o.settings, { redirectUrl, authorize });
  return { provider, close: () => receiver.close() };
}

/** The loopback port of a registration stored for the server, so the registered redirect URL still matches. */
function registeredPort(store: TokenStore, key: StoreKey): number | undefined {
  for (const entry of Object.values(store.read(key)?.issuers ?? {})) {
    for (const uri of (entry.client as { redirect_uris?: string[] } | undefined)?.redirect_uris ?? []) {
      const url = URL.canParse(uri) ? new URL(uri) : undefined;
      if (url?.hostname === '127.0.0.1' && url.port !== '') return Number(url.port);
    }
  }
  return undefined;
}
