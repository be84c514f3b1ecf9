import * as path from 'node:path';
import { imageSourceFor } from '../../core/desired-state';
import { kubernetesManifests, type KubernetesOptions } from '../../core/kubernetes-manifests';
import { createSecretCommand, kubernetesYaml } from '../../core/kubernetes-yaml';
import { errorMessage, formatDiagnostic } from '../../errors';
import { imageRunConfigFromRegistry, type ImageRunConfig } from '../../runtime/registry-image-config';
import { replaceFile } from '../../runtime/replace-file';
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
  readonly version: string;
}

/**
 * `render kubernetes`: the stack as Kubernetes manifests (core/kubernetes-manifests), with the
 * Secrets they name listed for the user to create. The engine is asked only for what a stdio
 * server's image runs when the file does not say (or, without the image, its registry).
 */
export async function runRenderKubernetes(opts: RenderOptions, env: NodeJS.ProcessEnv, io: Output): Promise<ExitCodeValue> {
  const spec = loadSpecOrThrow(opts.file, env, io);
  const orchestratorImage = opts.orchestratorImage ?? `${spec.registry !== undefined ? `${spec.registry}/` : ''}mcp-orchestrator:${opts.version}`;
  const rendered = kubernetesManifests(spec, {
    orchestratorImage,
    ...(await imageCommands(spec, opts, env)),
    ...(opts.namespace !== undefined && { namespace: opts.namespace }),
  });
  if (!rendered.ok) {
    for (const d of rendered.errors) io.err(formatDiagnostic(d));
    io.err(`render kubernetes: ${rendered.errors.length} error${rendered.errors.length === 1 ? '' : 's'}; nothing was written`);
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
async function imageCommands(spec: StackSpec, opts: RenderOptions, env: NodeJS.ProcessEnv): Promise<Pick<KubernetesOptions, 'imageCommands' | 'imageCommandProblems'>> {
  const wanted = spec.servers.filter((s) => s.transport.type === 'stdio' && s.entrypoint === undefined && (s.source.kind === 'image' || s.source.kind === 'build'));
  const found = new Map<string, ImageRunConfig>();
  const problems = new Map<string, string>();
  if (wanted.length === 0) return { imageCommands: found };
  const engine = engineFor({ ...(opts.host !== undefined && { host: opts.host }), backend: 'containers' }, env);
  await Promise.all(
    wanted.map(async (s) => {
      const source = imageSourceFor(spec, s, spec.registry);
      const local = imageSourceFor(spec, s, undefined);
      const config = await engine.imageConfig(local.kind === 'pull' ? local.ref : local.tag).catch(() => undefined);
      if (config !== undefined) return void found.set(s.name, config);
      try {
        found.set(s.name, await imageRunConfigFromRegistry(source.kind === 'pull' ? source.ref : source.tag, env));
      } catch (err) {
        problems.set(s.name, `not in the engine; ${errorMessage(err)}`);
      }
    }),
  );
  return { imageCommands: found, imageCommandProblems: problems };
}
