import { timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { readBounded, type Fetch } from '../outbound/guarded-fetch';
import type { GatewayAuth } from '../stack-file/stack-spec';
import type { Endpoint } from './endpoint-server';

/** Who is calling, as their token says: what rules, audit and lists go by. */
export interface Caller {
  readonly subject: string;
  readonly clientId?: string;
  readonly scopes: readonly string[];
  readonly claims: Readonly<Record<string, unknown>>;
}

export type Authentication =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string; readonly error: string };

/** The issuer's keys are fetched again at most this often when a token names one not known (rotation). */
const JWKS_REFETCH_MS = 5_000;
/** Keys are fetched again after this long even when no token asks. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** A metadata or key document bigger than this is not one. */
const MAX_DOCUMENT_BYTES = 512 * 1024;
/** A JWT verified once is taken again without verifying for this long (never past its exp): a client sends the same token on every call. */
const VERIFIED_TTL_MS = 60_000;
/** Verified tokens remembered at most (the oldest forgotten first). */
const VERIFIED_MAX = 1000;

interface IssuerMetadata {
  readonly issuer: string;
  readonly jwks_uri?: string;
  readonly introspection_endpoint?: string;
}

/**
 * The gateway as an OAuth protected resource (MCP authorization, 2025-06-18 and 2026-07-28): a
 * caller's bearer token is validated here (a JWT by the issuer's keys: signature, `iss`, `aud`,
 * `exp`, `nbf`, the accepted algorithms only; an opaque token by the issuer's introspection), and
 * what a client needs to find the authorization server by itself is served: the protected
 * resource metadata (RFC 9728) and a 401 that points at it. The token is never passed on: the
 * gateway's upstreams use their own credentials.
 */
export class CallerAuth {
  private metadata: Promise<IssuerMetadata> | undefined;
  private keys: { set: ReturnType<typeof createLocalJWKSet>; at: number } | undefined;
  private keysFetching: Promise<void> | undefined;
  /** Verified JWTs by the token and resource, until `until`. */
  private readonly verified = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly settings: GatewayAuth,
    /** Through the outbound rules. */
    private readonly fetch: Fetch,
  ) {}

  /** The resource a path is: /mcp is the audience; /servers/<s>/mcp its own URL beside it. */
  resourceOf(endpoint: Endpoint): string {
    return endpoint.kind === 'server' ? new URL(`/servers/${encodeURIComponent(endpoint.server)}/mcp`, this.settings.audience).href : this.settings.audience;
  }

  /** Where a resource's metadata is (RFC 9728 §3.1: the well-known path before the resource's path). */
  metadataUrlOf(resource: string): string {
    const u = new URL(resource);
    return new URL(`/.well-known/oauth-protected-resource${u.pathname}`, u).href;
  }

  /** The protected resource metadata served at `path` (under /.well-known/oauth-protected-resource), or undefined. */
  protectedResourceMetadata(path: string, servers: ReadonlySet<string>): Record<string, unknown> | undefined {
    const rest = path.slice('/.well-known/oauth-protected-resource'.length);
    const server = /^\/servers\/([^/]+)\/mcp$/.exec(rest)?.[1];
    const resource =
      rest === '' || rest === new URL(this.settings.audience).pathname ? this.settings.audience : server !== undefined && servers.has(decodeURIComponent(server)) ? this.resourceOf({ kind: 'server', server: decodeURIComponent(server) }) : undefined;
    if (resource === undefined) return undefined;
    return {
      resource,
      authorization_servers: [this.settings.issuer],
      bearer_methods_supported: ['header'],
      ...(this.settings.scopes.length > 0 && { scopes_supported: [...this.settings.scopes] }),
      resource_name: 'mcp-orchestrator gateway',
    };
  }

  /** The caller of a request to `endpoint`, or the answer that says what is missing. */
  async authenticate(authorization: string | undefined, endpoint: Endpoint): Promise<Authentication> {
    const resource = this.resourceOf(endpoint);
    const challenge = (extra = ''): string => `Bearer resource_metadata="${this.metadataUrlOf(resource)}"${this.settings.scopes.length > 0 ? `, scope="${this.settings.scopes.join(' ')}"` : ''}${extra}`;
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return { ok: false, status: 401, wwwAuthenticate: challenge(), error: 'a bearer token from the authorization server is required' };
    // An aggregate token serves every server; a server's own, that server only.
    const audiences = endpoint.kind === 'server' ? [resource, this.settings.audience] : [resource];
    let caller: Caller | undefined;
    try {
      caller = token.split('.').length === 3 ? await this.verifyJwt(token, audiences) : await this.introspect(token, audiences);
    } catch (err) {
      return { ok: false, status: 401, wwwAuthenticate: challenge(', error="invalid_token"'), error: `the token was refused: ${reasonOf(err)}` };
    }
    if (caller === undefined) return { ok: false, status: 401, wwwAuthenticate: challenge(', error="invalid_token"'), error: 'the token was refused: not active' };
    const missing = this.settings.scopes.filter((s) => !caller.scopes.includes(s));
    if (missing.length > 0) {
      return { ok: false, status: 403, wwwAuthenticate: challenge(', error="insufficient_scope"'), error: `the token lacks the scope ${missing.join(' ')}` };
    }
    return { ok: true, caller };
  }

  private async verifyJwt(token: string, audiences: string[]): Promise<Caller> {
    const key = `${audiences[0] ?? ''}\0${token}`;
    const known = this.verified.get(key);
    if (known !== undefined && known.until > Date.now()) return known.caller;
    this.verified.delete(key);
    const caller = await this.verifyJwtNow(token, audiences);
    const exp = typeof caller.claims['exp'] === 'number' ? (caller.claims['exp'] + this.settings.clockSkewSeconds) * 1000 : 0;
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, { caller, until: Math.min(Date.now() + VERIFIED_TTL_MS, exp) });
    return caller;
  }

  private async verifyJwtNow(token: string, audiences: string[]): Promise<Caller> {
    const options = { issuer: this.settings.issuer, audience: audiences, algorithms: [...this.settings.algorithms], clockTolerance: this.settings.clockSkewSeconds, requiredClaims: ['exp'] };
    const keys = await this.keySet(false);
    try {
      return callerOf((await jwtVerify(token, keys, options)).payload);
    } catch (err) {
      // A key the set has not got yet: the issuer may have rotated; its keys are fetched again (not too often).
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
      return callerOf((await jwtVerify(token, await this.keySet(true), options)).payload);
    }
  }

  /** RFC 7662: the issuer says whether an opaque token is active, for whom, and for what. */
  private async introspect(token: string, audiences: string[]): Promise<Caller | undefined> {
    const client = this.settings.introspection;
    const endpoint = (await this.issuerMetadata()).introspection_endpoint;
    if (client === undefined || endpoint === undefined) throw new Error('not a JWT, and no introspection is configured');
    const response = await this.fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`introspection answered ${response.status}`);
    const answer = JSON.parse(await readBounded(response, MAX_DOCUMENT_BYTES, 'a document of the issuer')) as JWTPayload & { active?: boolean; scope?: string; client_id?: string };
    if (answer.active !== true) return undefined;
    if (answer.iss !== undefined && answer.iss !== this.settings.issuer) throw new Error('another issuer');
    const aud = [answer.aud ?? []].flat();
    if (!aud.some((a) => audiences.includes(a))) throw new Error('another audience');
    if (typeof answer.exp === 'number' && answer.exp + this.settings.clockSkewSeconds < Date.now() / 1000) throw new Error('expired');
    return callerOf(answer);
  }

  private issuerMetadata(): Promise<IssuerMetadata> {
    this.metadata ??= this.discover().catch((err: unknown) => {
      this.metadata = undefined;
      throw err;
    });
    return this.metadata;
  }

  /** OpenID discovery, then RFC 8414 (the well-known path before the issuer's path); its `issuer` must be the one configured. */
  private async discover(): Promise<IssuerMetadata> {
    const issuer = new URL(this.settings.issuer);
    const path = issuer.pathname.replace(/\/$/, '');
    const candidates = [`${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, new URL(`/.well-known/oauth-authorization-server${path}`, issuer).href];
    for (const url of candidates) {
      const response = await this.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      if (response === undefined || !response.ok) {
        await response?.body?.cancel().catch(() => undefined);
        continue;
      }
      const metadata = JSON.parse(await readBounded(response, MAX_DOCUMENT_BYTES, 'a document of the issuer')) as IssuerMetadata;
      if (metadata.issuer !== this.settings.issuer) throw new Error(`the issuer's metadata names another issuer (${String(metadata.issuer)})`);
      return metadata;
    }
    throw new Error(`no authorization server metadata at ${this.settings.issuer}`);
  }

  private async keySet(refresh: boolean): Promise<ReturnType<typeof createLocalJWKSet>> {
    const now = Date.now();
    const stale = this.keys === undefined || now - this.keys.at > JWKS_MAX_AGE_MS || (refresh && now - this.keys.at > JWKS_REFETCH_MS);
    if (stale) {
      this.keysFetching ??= this.fetchKeys().finally(() => (this.keysFetching = undefined));
      await this.keysFetching;
    }
    if (this.keys === undefined) throw new Error('no keys of the issuer');
    return this.keys.set;
  }

  private async fetchKeys(): Promise<void> {
    const uri = (await this.issuerMetadata()).jwks_uri;
    if (uri === undefined) throw new Error('the issuer publishes no keys (jwks_uri)');
    const response = await this.fetch(uri, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the issuer's keys answered ${response.status}`);
    this.keys = { set: createLocalJWKSet(JSON.parse(await readBounded(response, MAX_DOCUMENT_BYTES, 'a document of the issuer')) as JSONWebKeySet), at: Date.now() };
  }
}

export function callerOf(claims: JWTPayload & { scope?: unknown; scp?: unknown; client_id?: unknown; azp?: unknown }): Caller {
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : Array.isArray(claims.scp) ? claims.scp.filter((s): s is string => typeof s === 'string') : [];
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : typeof claims.azp === 'string' ? claims.azp : undefined;
  return { subject: typeof claims.sub === 'string' ? claims.sub : (clientId ?? 'unknown'), ...(clientId !== undefined && { clientId }), scopes, claims };
}

/** Why a token was refused, in words that hold nothing of it. */
function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `its ${err.claim} claim is not what this gateway takes`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer signed it';
  if (err instanceof errors.JOSEError) return err.code;
  return err instanceof Error ? err.message.slice(0, 200) : 'refused';
}

/** The one static token (gateway.token_env, for one user on one machine): none set lets every request in. */
export function staticTokenMatches(token: string | undefined, authorization: string | undefined): boolean {
  if (token === undefined) return true;
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
