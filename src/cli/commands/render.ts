import * as path from 'node:path';
import { imageSourceFor } from '../../core/desired-state';
import { kubernetesManifests, type KubernetesOptions } from '../../render/kubernetes/manifests';
import { createSecretCommand, kubernetesYaml } from '../../render/kubernetes/yaml';
import type { Engine } from '../../docker/engine';
import { errorMessage, formatDiagnostic, OrchestratorError } from '../../errors';
import { buildForRegistry, pushBuilt } from '../../runtime/images/registry-push';
import { imageRunConfigFromRegistry, type ImageRunConfig } from '../../runtime/images/registry-image-config';
import { replaceFile } from '../../util/replace-file';
import type { StackSpec } from '../../stack-file/stack-spec';
import { engineFor, loadSpecOrThrow } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

export interface RenderOptions {
  readonly file: string;
  readonly host?: string;
  /** Where to write; standard output when absent or "-". */
  readonly output?: string;
  readonly namespace?: string;
  readonly orchestratorImage?: string;
  /** Build (where missing) and push the images the orchestrator builds, and run them by digest. */
  readonly push?: boolean;
  /** With push: build them again first, as `apply --build` does. */
  readonly build?: boolean;
  readonly version: string;
}

/**
 * `render kubernetes`: the stack as Kubernetes manifests (render/kubernetes/manifests), with the
 * Secrets they name listed for the user to create. The engine is asked only for what a stdio
 * server's image runs when the file does not say (or, without the image, its registry).
 */
export async function runRenderKubernetes(opts: RenderOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  if (opts.build === true && opts.push !== true) throw new OrchestratorError('USAGE', 'render: --build goes with --push (it builds the images that are pushed)');
  const spec = loadSpecOrThrow(opts.file, env, io);
  const orchestratorImage = opts.orchestratorImage ?? `${spec.registry !== undefined ? `${spec.registry}/` : ''}mcp-orchestrator:${opts.version}`;
  // Asked only when something is built or an image's command is read.
  let connected: Engine | undefined;
  const engine = (): Engine => (connected ??= engineFor({ ...(opts.host !== undefined && { host: opts.host }), backend: 'containers' }, env));
  // With --push, the images are built here first (what a stdio server's runs is read from them),
  // and pushed only once the manifests render without error: bad input leaves the registry alone.
  const built = opts.push === true ? await buildForRegistry(spec, engine(), opts.build === true) : undefined;
  const options: KubernetesOptions = {
    orchestratorImage,
    ...(await imageCommands(spec, engine, env)),
    ...(opts.namespace !== undefined && { namespace: opts.namespace }),
  };
  let rendered = kubernetesManifests(spec, options);
  if (rendered.ok && built !== undefined && built.size > 0) {
    const images = await pushBuilt(built, engine(), (server, ref) => io.err(`pushed ${ref} (server ${server})`));
    rendered = kubernetesManifests(spec, { ...options, images });
  }
  if (!rendered.ok) {
    for (const d of rendered.errors) io.err(formatDiagnostic(d));
    io.err(`render kubernetes: ${rendered.errors.length} error${rendered.errors.length === 1 ? '' : 's'}; nothing was written${built !== undefined ? ' or pushed' : ''}`);
    return ExitCode.INVALID_SPEC;
  }
  for (const w of rendered.warnings) io.err(formatDiagnostic(w));
  const { secrets } = rendered;
  const text = kubernetesYaml(rendered, { project: spec.project, file: path.basename(spec.file), version: opts.version });
  if (opts.output === undefined || opts.output === '-') io.out(text.trimEnd());
  else {
    replaceFile(opts.output, text);
    io.err(`wrote ${rendered.objects.length} objects to ${opts.output}`);
  }
  if (secrets.length > 0) {
    io.err('Create these Secrets before applying (their values never go into the manifests):');
    for (const x of secrets) io.err(`  ${createSecretCommand(rendered.namespace, x)}`);
  }
  return ExitCode.OK;
}

/**
 * What the images of stdio servers run, for those whose file says no entrypoint and whose image
 * is not one the orchestrator generates: from the engine when it has the image, else from the
 * image's registry (without pulling it).
 */
async function imageCommands(spec: StackSpec, engineOf: () => Engine, env: NodeJS.ProcessEnv): Promise<Pick<KubernetesOptions, 'imageCommands' | 'imageCommandProblems'>> {
  const wanted = spec.servers.filter((s) => s.transport.type === 'stdio' && s.entrypoint === undefined && (s.source.kind === 'image' || s.source.kind === 'build'));
  const found = new Map<string, ImageRunConfig>();
  const problems = new Map<string, string>();
  if (wanted.length === 0) return { imageCommands: found };
  const engine = engineOf();
  await Promise.all(
    wanted.map(async (s) => {
      const ref = (registry: string | undefined): string => {
        const source = imageSourceFor(spec, s, registry);
        return source.kind === 'pull' ? source.ref : source.tag;
      };
      // Here under its registry name (built by --push) or its local one (built by apply).
      for (const local of new Set([ref(spec.registry), ref(undefined)])) {
        const config = await engine.imageConfig(local).catch(() => undefined);
        if (config !== undefined) return void found.set(s.name, config);
      }
      try {
        found.set(s.name, await imageRunConfigFromRegistry(ref(spec.registry), env));
      } catch (err) {
        problems.set(s.name, `not in the engine; ${errorMessage(err)}`);
      }
    }),
  );
  return { imageCommands: found, imageCommandProblems: problems };
}
