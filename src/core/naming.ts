/** Deterministic names: the same stack file gives the same names on every machine and run. */

export function containerName(project: string, server: string): string {
  return `${project}-${server}`;
}

/** The name a replacement is created under while the old container still holds the real name. */
export function replacementName(project: string, server: string, configHash: string): string {
  return `${project}-${server}.next-${configHash.slice(0, 12)}`;
}

export function networkName(project: string, network: string): string {
  return `${project}-${network}`;
}

export function volumeName(project: string, volume: string): string {
  return `${project}-${volume}`;
}

/** A Swarm secret's name carries a digest of its content: a changed file is a new secret, the old one goes once unused. */
/**
 * A per-client session's container of a server: after the server's own name, with a dot no server
 * name has, so it never meets another server's (`web` and `web-1` are both servers).
 */
export function sessionContainerName(project: string, server: string, n: number): string {
  return `${containerName(project, server)}.session-${n}`;
}

export function secretName(project: string, secret: string, digest: string): string {
  return `${project}-${secret}-${digest.slice(0, 12)}`;
}

/** The Swarm config holding the token a project's bridged servers want from their clients. */
export function bridgeTokenName(project: string): string {
  return `${project}-bridge-token`;
}

export function buildTag(project: string, server: string): string {
  return `${project}-${server}:latest`;
}

/** The repository of an image reference: without its tag or digest (`reg:5000/team/x:1` -> `reg:5000/team/x`). */
export function repositoryOf(ref: string): string {
  const name = ref.replace(/@.*$/, '');
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/**
 * The form the engine lists an image reference under: `node` is `node:latest`,
 * `docker.io/library/node:20` is `node:20`. A digest reference is kept as it is.
 */
export function normaliseImageRef(ref: string): string {
  let r = ref.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  r = r.replace(/^library\//, '');
  if (r.includes('@')) return r;
  const lastSlash = r.lastIndexOf('/');
  return r.slice(lastSlash + 1).includes(':') ? r : `${r}:latest`;
}
