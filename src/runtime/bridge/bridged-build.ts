import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bridgeArgs, bridgedImage, serverCommand } from '../../recipes/bridged-image';
import { singleFlight } from '../../util/single-flight';
import type { Engine } from '../../docker/engine';
import { OrchestratorError } from '../../errors';
import { bridgeRuntime } from '../../docker/runtime-files';

/**
 * Builds (once per base image: the tag names everything it is made of) the bridged image of a
 * stdio server's image, and returns it with the arguments that run this server behind the bridge:
 * the server's own entrypoint and command where the stack file sets them, else the image's.
 */
export async function buildBridgedImage(
  engine: Engine,
  server: { readonly project: string; readonly name: string; readonly image: string; readonly entrypoint?: readonly string[]; readonly command?: readonly string[] },
  labels: Readonly<Record<string, string>>,
): Promise<{ readonly tag: string; readonly args: readonly string[] }> {
  const base = await engine.imageConfig(server.image);
  if (base === undefined) throw new OrchestratorError('NOT_FOUND', `server ${server.name}: image ${server.image} is not present: it is pulled or built first`);
  const original = serverCommand(server, base);
  if (original === undefined) throw new OrchestratorError('USAGE', `server ${server.name}: neither the file nor image ${server.image} says what to run`);
  const runtime = bridgeRuntime();
  const image = bridgedImage(server.project, base.id, [...base.entrypoint, ...base.cmd], runtime.digest);
  const built = { tag: image.tag, args: bridgeArgs(server.name, original) };
  await singleFlight(building, image.tag, () => buildOnce(engine, image, runtime, labels));
  return built;
}

const building = new Map<string, Promise<void>>();

async function buildOnce(engine: Engine, image: ReturnType<typeof bridgedImage>, runtime: ReturnType<typeof bridgeRuntime>, labels: Readonly<Record<string, string>>): Promise<void> {
  if ((await engine.imageId(image.tag)) !== undefined) return;
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-bridged-'));
  try {
    runtime.writeTo(context);
    fs.writeFileSync(path.join(context, 'Dockerfile'), image.dockerfile);
    await engine.buildImage({ kind: 'build', tag: image.tag, context, dockerfile: 'Dockerfile', args: {}, labels });
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}
