import { OrchestratorError, SpecError } from '../errors';
import { containerName } from '../core/naming';
import type { ObservedContainer } from '../core/observed-state';
import { connectBackend } from '../docker/backends';
import { buildBridgedImage } from '../runtime/bridge/bridged-build';
import type { Engine } from '../docker/engine';
import { loadStack } from '../stack-file/load-stack';
import type { Backend, StackSpec } from '../stack-file/stack-spec';
import { formatDiagnostic } from '../errors';
import type { Output } from './output';
import { acquireProjectLock, defaultLockDir } from '../runtime/project-lock';
import { detectHostPaths } from '../runtime/host-paths';

/** What every engine-facing command gets from the command line. */
export interface CommonOptions {
  readonly file: string;
  readonly host?: string;
  /** Where the stack file's directory is on the engine's host (the orchestrator in a container). */
  readonly hostProjectDir?: string;
  /** --backend: overrides the file's backend: (needed with -p, where no file is read). */
  readonly backend?: Backend;
}

/** Loads the stack file or throws SpecError (exit 3); warnings go to stderr. */
export function loadSpecOrThrow(file: string, env: NodeJS.ProcessEnv, io: Output): StackSpec {
  const result = loadStack(file, env);
  if (!result.ok) throw new SpecError(result.diagnostics);
  for (const w of result.warnings) io.err(formatDiagnostic(w));
  return result.spec;
}

/** The engine adapter of the backend: --backend, else the file's backend:, else plain containers. */
export function engineFor(opts: { host?: string; backend?: Backend }, env: NodeJS.ProcessEnv, spec?: StackSpec): Engine {
  return connectBackend(opts.backend ?? spec?.backend ?? 'containers', opts.host, env, buildBridgedImage);
}

/** -p PROJECT names the project directly; otherwise the stack file says it. */
export function projectOf(opts: CommonOptions & { project?: string }, env: NodeJS.ProcessEnv, io: Output): { project: string; spec?: StackSpec } {
  if (opts.project !== undefined) return { project: opts.project };
  const spec = loadSpecOrThrow(opts.file, env, io);
  return { project: spec.project, spec };
}

/** Takes the project's lock, telling the user once who holds it while waiting. */
export function lockProject(project: string, command: string, timeoutSeconds: number, env: NodeJS.ProcessEnv, io: Output): Promise<() => void> {
  return acquireProjectLock(project, command, {
    dir: defaultLockDir(env),
    waitMs: timeoutSeconds * 1000,
    onWait: (h) => io.err(`waiting for project ${project}: locked by ${h ? `\`${h.command}\` (pid ${h.pid} on ${h.host}, since ${h.since})` : 'another process'}`),
  });
}

/** How this process's paths map to the engine host's (see runtime/host-paths). */
export async function hostPathsFor(engine: Engine, spec: StackSpec, opts: CommonOptions): Promise<(p: string) => string | undefined> {
  return (await detectHostPaths(engine, spec.dir, opts.hostProjectDir)).map;
}

/** The container of one server of a project, or a NOT_FOUND error naming the servers that have one. */
export async function serverContainer(engine: Engine, project: string, server: string, mustRun: boolean): Promise<ObservedContainer> {
  const observed = await engine.observe(project, []);
  const container = observed.containers.find((c) => c.name === containerName(project, server) && (!mustRun || c.state === 'running'));
  if (container) return container;
  const known = [...new Set(observed.containers.map((c) => c.server).filter((s) => s !== undefined))].sort();
  throw new OrchestratorError(
    'NOT_FOUND',
    `server "${server}" ${mustRun ? 'is not running' : 'has no container'} in project ${project}${known.length ? ` (servers with containers: ${known.join(', ')})` : ''}`,
  );
}
