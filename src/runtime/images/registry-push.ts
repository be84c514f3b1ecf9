import { imageSourceFor } from '../../core/desired-state';
import { repositoryOf } from '../../core/naming';
import type { Engine } from '../../docker/engine';
import { OrchestratorError } from '../../errors';
import type { StackSpec } from '../../stack-file/stack-spec';

/** Per server, the tag (in the stack's registry) of the image the orchestrator builds for it. */
export type BuiltImages = ReadonlyMap<string, string>;

/**
 * The images the orchestrator builds for a stack (build:, npx:, uvx:), named in its registry and
 * built here where missing (all of them with `rebuild`, as `apply --build`), not pushed yet: what
 * runs where is read from them before anything leaves this machine. Without registry: there is
 * nowhere to push, and the renderer says so, located, for each such server.
 */
export async function buildForRegistry(spec: StackSpec, engine: Engine, rebuild: boolean): Promise<BuiltImages> {
  const tags = new Map<string, string>();
  if (spec.registry === undefined) return tags;
  const built = new Set<string>();
  for (const s of spec.servers) {
    const source = imageSourceFor(spec, s, spec.registry);
    if (source.kind === 'pull') continue;
    tags.set(s.name, source.tag);
    if (built.has(source.tag)) continue;
    built.add(source.tag);
    if (rebuild || (await engine.imageId(source.tag)) === undefined) await engine.buildImage({ ...source, push: false });
  }
  return tags;
}

/**
 * Pushes each image and returns, per server, the reference by digest a cluster pulls, so every
 * node runs the same bits whatever the tag points at later (render kubernetes --push).
 */
export async function pushBuilt(images: BuiltImages, engine: Engine, onPushed: (server: string, ref: string) => void = () => undefined): Promise<Map<string, string>> {
  const byTag = new Map<string, string>();
  const pinned = new Map<string, string>();
  for (const [server, tag] of images) {
    let digest = byTag.get(tag);
    if (digest === undefined) {
      await engine.pushImage(tag);
      digest = (await engine.imageDetails([tag]))[tag]?.repoDigests.find((d) => d.startsWith(`${repositoryOf(tag)}@`));
      if (digest === undefined) throw new OrchestratorError('ENGINE_ERROR', `server ${server}: ${tag} was pushed, but the engine knows no digest of it in that registry`);
      byTag.set(tag, digest);
      onPushed(server, digest);
    }
    pinned.set(server, digest);
  }
  return pinned;
}
