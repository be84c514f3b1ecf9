/** Who may call whom: the gateway's callers (auth, rules) and the orchestrator as a client of remote servers. */

/** One of gateway.rules: callers whose claims match `when` may use what `allow` names. */
export interface CallerRule {
  readonly name: string;
  /** Claim (subject, groups, roles, client_id, scopes) -> globs; every key must match. */
  readonly when: Readonly<Record<string, readonly string[]>>;
  readonly allow: { readonly servers?: readonly string[]; readonly tools?: readonly string[]; readonly prompts?: readonly string[]; readonly resources?: readonly string[] };
}

/** The gateway as an OAuth protected resource: whose tokens it takes, for what. */
export interface GatewayAuth {
  readonly issuer: string;
  /** The gateway's canonical /mcp URL: the audience of its tokens, the resource of its metadata. */
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly scopes: readonly string[];
  readonly clockSkewSeconds: number;
  /** For opaque tokens: the gateway's client at the issuer's introspection endpoint (the secret from a variable: never print it). */
  readonly introspection?: { readonly clientId: string; readonly clientSecret: string };
  /** `allow: [private_urls]`: the issuer may be at a private address. */
  readonly allowPrivate: boolean;
}

/** How the orchestrator identifies itself to a remote server's authorization server. */
export interface RemoteAuth {
  readonly grant: 'authorization_code' | 'client_credentials';
  /** The authorization server a pre-registered client belongs to: its credentials go to no other. */
  readonly issuer?: string;
  readonly clientId?: string;
  /** From a variable (may be a secret: never print it). */
  readonly clientSecret?: string;
  /** private_key_jwt: the key, read from the file at load (a secret: never print it), and its algorithm. */
  readonly privateKeyPem?: string;
  readonly signingAlgorithm?: string;
  readonly clientMetadataUrl?: string;
  readonly scopes?: readonly string[];
}
