/**
 * The label contract: other tools rely on these names, so they never change.
 * Every object the orchestrator creates carries the project label; containers carry the rest.
 */
export const LABEL_PREFIX = 'io.mcp-orchestrator.';

export const Label = {
  project: 'io.mcp-orchestrator.project',
  server: 'io.mcp-orchestrator.server',
  configHash: 'io.mcp-orchestrator.config-hash',
  hashVersion: 'io.mcp-orchestrator.hash-version',
  /** Per-field digests of the config, so a plan can say which setting changed without storing values. */
  configFields: 'io.mcp-orchestrator.config-fields',
  network: 'io.mcp-orchestrator.network',
  volume: 'io.mcp-orchestrator.volume',
  /** On the throwaway containers of `test`: who runs it, `<host>/<pid>`, so a killed run's leftovers are known. */
  probe: 'io.mcp-orchestrator.probe',
  /**
   * On a per-client session's container (gateway.servers.<s>.sessions: per_client): the serve that
   * owns it and the session's number, `<host>/<pid>/<n>`, so a killed serve's leftovers are known.
   */
  session: 'io.mcp-orchestrator.session',
  /** On a Swarm service: the ID of the local image it was created from (a service keeps only the reference). */
  imageId: 'io.mcp-orchestrator.image-id',
  /** On a Swarm service: its task count when running, so a service scaled to 0 by hand can be started again. */
  replicas: 'io.mcp-orchestrator.replicas',
  /**
   * On a package image (npx:/uvx:): what it holds, `npx:<spec>`. Such an image is shared by every
   * project that runs the same package on the same runtime, so it names no project.
   */
  package: 'io.mcp-orchestrator.package',
  /** On a Swarm secret: the secret's name in the stack file. */
  secret: 'io.mcp-orchestrator.secret',
} as const;

/** Bumped only when the hash scheme changes; containers labelled with an older one are compared under their own scheme. */
export const HASH_VERSION = '1';
