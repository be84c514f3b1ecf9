import type { Engine } from '../../docker/engine';
import type { Transport } from '../../stack-file/stack-spec';

/** What a client of a bridged stdio server sends (its bridge wants the project's token); nothing for the rest. */
export async function bridgeHeaders(engine: Engine, project: string, transport: Transport): Promise<Record<string, string>> {
  if (transport.type !== 'stdio' || engine.bridgeToken === undefined) return {};
  return { Authorization: `Bearer ${await engine.bridgeToken(project)}` };
}
