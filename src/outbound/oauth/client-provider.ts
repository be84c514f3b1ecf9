import { randomBytes } from 'node:crypto';
import {
  createPrivateKeyJwtAuth,
  type AddClientAuthentication,
  type OAuthClientInformationContext,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { OrchestratorError } from '../../errors';
import type { StoreKey, TokenStore } from './token-store';

/** How this client identifies itself to a remote server's authorization server. */
export interface OAuthClientSettings {
  /** `authorization_code` (a user logs in once, `auth login`), or `client_credentials` (machine to machine). */
  readonly grant: 'authorization_code' | 'client_credentials';
  /** A pre-registered client; without one the client is a Client ID Metadata Document URL, or registers itself (RFC 7591). */
  readonly clientId?: string;
  /** The authorization server the pre-registered client belongs to: the SDK sends its credentials to no other (SEP-2352). */
  readonly issuer?: string;
  readonly clientSecret?: string;
  /** For `private_key_jwt` client authentication (RFC 7523): a PEM key and its algorithm. */
  readonly privateKeyPem?: string;
  readonly signingAlgorithm?: string;
  /** An https URL this client's metadata document is served at (the client ID where the server supports them). */
  readonly clientMetadataUrl?: string;
  /** Scopes asked for; by default what the server's challenge or metadata says. */
  readonly scope?: string;
}

/** A login is needed and this run cannot do one (the gateway, apply, test without --login). */
export class LoginRequiredError extends OrchestratorError {
  constructor(server: string) {
    super('USAGE', `${server} needs a login: run mcp-orchestrator auth login ${server}`);
  }
}

/** What the user's browser (or its stand-in) brings back from the authorization endpoint. */
export type AuthorizationCallback = URLSearchParams;

/** Opens the authorization URL for the user and resolves with the callback's query (its state already checked). */
export type Authorizer = (authorizationUrl: URL, redirectUrl: URL, state: string) => Promise<AuthorizationCallback>;

/**
 * The SDK's OAuth client (discovery, registration, PKCE, the resource parameter, issuer checks,
 * refresh, step-up) over the per-user token store: what it registers and the tokens it gets are
 * kept by server URL and issuer, and never anywhere else. An interactive run gives an Authorizer:
 * the code the user's browser brings back is kept here until the flow is finished
 * (`takeCallback`); a run without one fails with "log in first".
 */
export class StoredOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private pendingState: string | undefined;
  private callback: AuthorizationCallback | undefined;
  private readonly key: StoreKey;
  readonly addClientAuthentication?: AddClientAuthentication;

  constructor(
    private readonly store: TokenStore,
    /** The server's URL: the resource its tokens are for. */
    private readonly resource: string,
    /** The server's name, for messages and `auth status`. */
    private readonly serverName: string,
    private readonly settings: OAuthClientSettings,
    private readonly interactive?: { readonly redirectUrl: URL; readonly authorize: Authorizer },
  ) {
    this.key = { server: serverName, resource };
    // A run that cannot log in (the gateway, apply, ps) registers no client: the SDK registers one
    // only with somewhere to save it, and a registration whose login never comes is litter at the
    // authorization server. It goes on to the login, which says to run `auth login`.
    // A pre-registered client is never saved (its secret comes from a variable each time), and with
    // nowhere to save, the SDK refuses to send it to an authorization server it does not belong to.
    if (interactive !== undefined && settings.clientId === undefined) this.saveClientInformation = (client, ctx) => this.storeClient(client, ctx);
    const key = settings.privateKeyPem;
    if (key !== undefined && settings.clientId !== undefined) {
      const clientId = settings.clientId;
      const alg = settings.signingAlgorithm ?? 'RS256';
      // The assertion's audience is the token endpoint it goes to (RFC 7523 §3), known only then.
      this.addClientAuthentication = (headers, params, url, metadata) =>
        createPrivateKeyJwtAuth({ issuer: clientId, subject: clientId, privateKey: key, alg, audience: metadata?.issuer ?? String(url) })(headers, params, url, metadata);
    }
  }

  get redirectUrl(): string | undefined {
    return this.settings.grant === 'authorization_code' ? this.interactive?.redirectUrl.href ?? 'http://127.0.0.1/callback' : undefined;
  }

  get clientMetadataUrl(): string | undefined {
    return this.settings.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    const machine = this.settings.grant === 'client_credentials';
    return {
      client_name: 'mcp-orchestrator',
      redirect_uris: machine ? [] : [this.redirectUrl as string],
      grant_types: machine ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
      response_types: machine ? [] : ['code'],
      token_endpoint_auth_method: this.settings.privateKeyPem !== undefined ? 'private_key_jwt' : this.settings.clientSecret !== undefined ? 'client_secret_basic' : 'none',
      ...(this.settings.scope !== undefined && { scope: this.settings.scope }),
      // A command-line program on the user's machine: a native client (SEP-837).
      ...({ application_type: 'native' } as object),
    };
  }

  state(): string {
    this.pendingState = randomBytes(24).toString('base64url');
    return this.pendingState;
  }

  clientInformation(ctx?: OAuthClientInformationContext): StoredOAuthClientInformation | undefined {
    if (this.settings.clientId !== undefined) {
      // Stamped with the issuer it belongs to, where the file says; else with the one found now.
      const issuer = this.settings.issuer ?? ctx?.issuer;
      return { client_id: this.settings.clientId, ...(this.settings.clientSecret !== undefined && { client_secret: this.settings.clientSecret }), ...(issuer !== undefined && { issuer }) };
    }
    const record = this.store.read(this.key);
    const issuer = ctx?.issuer ?? record?.current;
    const client = issuer === undefined ? undefined : record?.issuers[issuer]?.client;
    // Without a client, and no way to register one here, only a login can go on.
    if (client === undefined && this.saveClientInformation === undefined && this.settings.clientMetadataUrl === undefined) throw new LoginRequiredError(this.serverName);
    return client;
  }

  /** How a client is saved: set only where a login may follow (see the constructor). */
  readonly saveClientInformation?: (client: StoredOAuthClientInformation, ctx?: OAuthClientInformationContext) => void;

  private storeClient(client: StoredOAuthClientInformation, ctx?: OAuthClientInformationContext): void {
    const issuer = ctx?.issuer ?? client.issuer ?? 'unknown';
    this.store.update(this.key, (r) => ({ ...r, issuers: { ...r.issuers, [issuer]: { ...r.issuers[issuer], client } } }));
  }

  tokens(ctx?: OAuthClientInformationContext): StoredOAuthTokens | undefined {
    const record = this.store.read(this.key);
    const issuer = ctx?.issuer ?? record?.current;
    return issuer === undefined ? undefined : record?.issuers[issuer]?.tokens;
  }

  saveTokens(tokens: StoredOAuthTokens, ctx?: OAuthClientInformationContext): void {
    // What discovery found serves one authorization (it must survive the redirect): the next 401
    // discovers again, so a server that moved to another authorization server is followed there.
    this.discovery = undefined;
    const issuer = ctx?.issuer ?? tokens.issuer ?? 'unknown';
    this.store.update(this.key, (r) => ({
      ...r,
      issuers: { ...r.issuers, [issuer]: { ...r.issuers[issuer], tokens, savedAt: Date.now() } },
      current: issuer,
    }));
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (this.interactive === undefined || this.settings.grant !== 'authorization_code') throw new LoginRequiredError(this.serverName);
    const state = this.pendingState ?? authorizationUrl.searchParams.get('state') ?? '';
    this.callback = await this.interactive.authorize(authorizationUrl, this.interactive.redirectUrl, state);
  }

  /**
   * Forgets a dynamically registered client the authorization server refused wider scopes for,
   * so the next authorization registers again with them. Whether there was one to forget.
   */
  reregister(): boolean {
    if (this.saveClientInformation === undefined || this.settings.clientMetadataUrl !== undefined) return false;
    this.invalidateCredentials('client');
    return true;
  }

  /** The callback of the authorization just made, once: the caller finishes the flow with it. */
  takeCallback(): AuthorizationCallback | undefined {
    const callback = this.callback;
    this.callback = undefined;
    return callback;
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new OrchestratorError('USAGE', 'no authorization is under way (no PKCE verifier)');
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'verifier' || scope === 'all') this.verifier = undefined;
    if (scope === 'discovery' || scope === 'all') this.discovery = undefined;
    if (scope === 'verifier' || scope === 'discovery') return;
    this.store.update(this.key, (r) => ({
      ...r,
      issuers: Object.fromEntries(
        Object.entries(r.issuers)
          .map(([issuer, entry]) => [issuer, scope === 'tokens' ? { client: entry.client } : scope === 'client' ? { tokens: entry.tokens, savedAt: entry.savedAt } : {}] as const)
          .filter(([, entry]) => entry.client !== undefined || ('tokens' in entry && entry.tokens !== undefined)),
      ),
    }));
  }

  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.settings.grant !== 'client_credentials') return undefined;
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    const asked = scope ?? this.settings.scope;
    if (asked !== undefined && asked !== '') params.set('scope', asked);
    return params;
  }
}
