import { serverNames } from '../stack-file/stack-spec';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { executePlan } from '../apply/executor';
import { serverRows, type PsRow } from '../runtime/server-status';
import { runServe } from '../cli/commands/serve';
import { runWatch } from '../cli/commands/watch';
import { actionJson, resultJson, type ActionJson, type ResultJson } from '../cli/render';
import { changes, formatPlan } from '../core/plan';
import { computeDownPlan } from '../core/planner';
import { connectBackend } from '../docker/backends';
import { buildBridgedImage } from '../runtime/bridge/bridged-build';
import type { Engine } from '../docker/engine';
import { OrchestratorError, SpecError, type Diagnostic } from '../errors';
import { detectHostPaths } from '../runtime/host-paths';
import { acquireProjectLock, defaultLockDir } from '../runtime/project-lock';
import { applyStack, type LockReport } from '../runtime/apply-stack';
import { reconcileOnce } from '../runtime/reconciler';
import type { WaitResult } from '../runtime/wait';
import { loadStack, loadStackText } from '../stack-file/load-stack';
import type { Backend, StackSpec } from '../stack-file/stack-spec';
import { VERSION } from '../version';

/**
 * Where a stack comes from: a stack file's path, or a stack written in code (the same keys as
 * mcp-stack.yml), checked by exactly the same pipeline; relative paths in it are relative to `dir`.
 * Without `dir` a stack from code has no project directory: every host path it names needs
 * allow: [host_paths] (a service's working directory, often `/`, is no project). A stack from code
 * is still a stack: every check and the `allow:` policy apply.
 */
export type StackSource = string | { readonly file: string } | { readonly stack: Record<string, unknown>; readonly dir?: string };

export interface EngineOptions {
  /** Variables for `${...}` and for the engine connection (DOCKER_HOST...). Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The engine to use, as the CLI's `-H`: unix:///var/run/docker.sock, tcp://host:2375. */
  readonly dockerHost?: string;
  /** Where the stack's directory is on the engine's host (the orchestrator in a container). */
  readonly hostProjectDir?: string;
  /** Overrides the stack's backend: (needed for down/ps by project name on a swarm). */
  readonly backend?: Backend;
}

/** A stack that cannot be used, with every located problem (`FILE:LINE:COL`); nothing was changed. */
export interface Invalid {
  readonly ok: false;
  readonly invalid: true;
  readonly diagnostics: readonly Diagnostic[];
}

/** What `validate --json` says of a valid stack: its project and servers, and warnings. No value of the stack's. */
export type Validated = { readonly ok: true; readonly project: string; readonly servers: readonly string[]; readonly warnings: readonly Diagnostic[] } | Invalid;

/** The stack as the orchestrator runs it, every variable and env_file resolved: it holds the stack's secrets. */
export type Resolved = { readonly ok: true; readonly spec: StackSpec; readonly warnings: readonly Diagnostic[] } | Invalid;

/** Checks a stack: schema, semantics, policy. Never throws for a bad stack; returns no value of the stack's (see resolve). */
export function validate(source: StackSource, options: { readonly env?: NodeJS.ProcessEnv } = {}): Validated {
  const resolved = resolve(source, options);
  return resolved.ok ? { ok: true, project: resolved.spec.project, servers: serverNames(resolved.spec), warnings: resolved.warnings } : resolved;
}

/**
 * Loads and checks a stack, and returns it resolved: every `${VAR}`, `.env` and env_file value in
 * it, secrets included. For code that must see what the orchestrator will run; never print or log
 * its result. Never throws for a bad stack.
 */
export function resolve(source: StackSource, options: { readonly env?: NodeJS.ProcessEnv } = {}): Resolved {
  const env = options.env ?? process.env;
  const result =
    typeof source === 'string'
      ? loadStack(source, env)
      : 'file' in source
        ? loadStack(source.file, env)
        : loadStackText(stringify(source.stack), path.join(path.resolve(source.dir ?? '.'), 'mcp-stack (from code).yml'), env, undefined, { noProjectDir: source.dir === undefined });
  return result.ok ? result : { ok: false, invalid: true, diagnostics: result.diagnostics };
}

export interface PlanResult {
  readonly ok: true;
  readonly project: string;
  /** Actions that change something. */
  readonly changes: number;
  readonly actions: readonly ActionJson[];
  /** The plan as `plan` prints it. */
  readonly text: string;
}

/** What `apply` would do, read from the engine; changes nothing. */
export async function plan(source: StackSource, options: EngineOptions & { readonly prune?: boolean } = {}): Promise<PlanResult | Invalid> {
  const loaded = resolve(source, options);
  if (!loaded.ok) return loaded;
  const engine = engineOf(options, loaded.spec);
  const outcome = await reconcileOnce(loaded.spec, engine, { hostPath: await hostPath(engine, loaded.spec, options), prune: options.prune ?? true, parallel: 1, dryRun: true });
  return { ok: true, project: outcome.plan.project, changes: changes(outcome.plan).length, actions: outcome.plan.actions.map(actionJson), text: formatPlan(outcome.plan) };
}

export interface ApplyOptions extends EngineOptions {
  /** Engine operations at once. Default 4. */
  readonly parallel?: number;
  /** Remove containers of servers no longer in the stack. Default true. */
  readonly prune?: boolean;
  /** Rebuild build: images first. */
  readonly build?: boolean;
  /** Wait this long for another apply or watch to finish with the project. Default 300. */
  readonly lockTimeoutSeconds?: number;
  /** Wait until every server answers the MCP handshake, at most waitTimeoutSeconds (default 60). */
  readonly wait?: boolean;
  readonly waitTimeoutSeconds?: number;
  /** Roll out nothing that differs from the stack file's lockfile, and leave it as it is (`apply --locked`). */
  readonly locked?: boolean;
}

export interface ApplyResult {
  /** Every action done (and, with wait, every server up). */
  readonly ok: boolean;
  readonly project: string;
  readonly changes: number;
  readonly results: readonly ResultJson[];
  readonly wait?: readonly WaitResult[];
  /** The lockfile beside a stack file: whether it was written, how it changed, what --locked refused. */
  readonly lock?: LockReport;
}

const fromFile = (source: StackSource): boolean => typeof source === 'string' || 'file' in source;

/** Makes the engine match the stack, as `apply`: under the project's lock, the same plan, the same results. */
export async function apply(source: StackSource, options: ApplyOptions = {}): Promise<ApplyResult | Invalid> {
  const loaded = resolve(source, options);
  if (!loaded.ok) return loaded;
  const spec = loaded.spec;
  const env = options.env ?? process.env;
  const release = await acquireProjectLock(spec.project, 'mcp-orchestrator (library) apply', { dir: defaultLockDir(env), waitMs: (options.lockTimeoutSeconds ?? 300) * 1000 });
  try {
    const engine = engineOf(options, spec);
    const { outcome, waited, ok, lock } = await applyStack(spec, engine, {
      hostPath: await hostPath(engine, spec, options),
      prune: options.prune ?? true,
      parallel: options.parallel ?? 4,
      dryRun: false,
      ...(options.build && { rebuild: 'all' as const }),
      ...(options.wait && { waitTimeoutMs: (options.waitTimeoutSeconds ?? 60) * 1000 }),
      clientVersion: VERSION,
      lockfile: fromFile(source),
      ...(options.locked && { locked: true }),
    });
    return {
      ok,
      project: spec.project,
      changes: changes(outcome.plan).length,
      results: outcome.results.map(resultJson),
      ...(options.wait && { wait: waited }),
      ...(lock && { lock }),
    };
  } finally {
    release();
  }
}

/** Removes the project's containers and networks (and volumes with `volumes: true`), as `down`. */
export async function down(
  source: StackSource | { readonly project: string },
  options: EngineOptions & { readonly volumes?: boolean; readonly parallel?: number; readonly lockTimeoutSeconds?: number } = {},
): Promise<{ readonly ok: boolean; readonly project: string; readonly results: readonly ResultJson[] } | Invalid> {
  const target = projectOf(source, options);
  if ('invalid' in target) return target;
  const { project, spec } = target;
  const env = options.env ?? process.env;
  const release = await acquireProjectLock(project, 'mcp-orchestrator (library) down', { dir: defaultLockDir(env), waitMs: (options.lockTimeoutSeconds ?? 300) * 1000 });
  try {
    const engine = engineOf(options, spec);
    const results = await executePlan(computeDownPlan(await engine.observe(project, []), { volumes: options.volumes ?? false }), engine, { parallel: options.parallel ?? 4 });
    return { ok: results.every((r) => r.status === 'done'), project, results: results.map(resultJson) };
  } finally {
    release();
  }
}

/** The project's servers, their containers, and whether each matches the stack, as `ps --json`. */
export async function ps(source: StackSource | { readonly project: string }, options: EngineOptions = {}): Promise<{ readonly ok: true; readonly project: string; readonly servers: readonly PsRow[] } | Invalid> {
  const loaded = typeof source === 'object' && 'project' in source ? undefined : resolve(source, options);
  if (loaded !== undefined && !loaded.ok) return loaded;
  const engine = engineOf(options, loaded?.spec);
  const spec = loaded?.spec;
  const project = spec?.project ?? (source as { project: string }).project;
  const servers = await serverRows(engine, project, spec, spec === undefined ? undefined : await hostPath(engine, spec, options));
  return { ok: true, project, servers };
}

/** A running `watch` or `serve`: `stop()` ends it as SIGTERM does (servers left running); `done` settles when it has ended. */
export interface Running {
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

export interface WatchOptions extends EngineOptions {
  readonly parallel?: number;
  readonly prune?: boolean;
  /** Quiet time that coalesces a burst of changes, ms. Default 150. */
  readonly debounceMs?: number;
  /** Periodic full resync, seconds. Default 30. */
  readonly resyncSeconds?: number;
  /** Where log lines go (JSON lines, no message contents). Default: nowhere. */
  readonly logs?: NodeJS.WritableStream;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/** Keeps the engine converged to the stack file as `watch` does, until `stop()`. A file, since a watch follows its edits. */
export async function watch(file: string, options: WatchOptions = {}): Promise<Running> {
  return running(file, options, (opts, env, logs, stop) => runWatch(opts, env, logs, stop));
}

/** `watch` plus the gateway, as `serve`; `url` is the aggregate endpoint. */
export async function serve(file: string, options: WatchOptions & { readonly listen?: string } = {}): Promise<Running & { readonly url: string }> {
  let listening: (url: string) => void = () => undefined;
  let failed: (err: unknown) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    listening = resolve;
    failed = reject;
  });
  const handle = await running(file, options, (opts, env, logs, stop) =>
    runServe({ ...opts, ...(options.listen !== undefined && { listen: options.listen }), version: VERSION, onListening: (u: string) => listening(u) }, env, silentOutput, logs, stop),
  );
  handle.done.catch((err: unknown) => failed(err));
  return { ...handle, url: await url };
}


/** Library calls print nothing: what the CLI prints comes back as values. */
const silentOutput = { out: (): void => undefined, err: (): void => undefined };

type Runner = (opts: Parameters<typeof runWatch>[0], env: NodeJS.ProcessEnv, logs: NodeJS.WritableStream, stop: Promise<void>) => Promise<number>;

async function running(file: string, options: WatchOptions, run: Runner): Promise<Running> {
  const loaded = resolve(file, options);
  if (!loaded.ok) throw new SpecError(loaded.diagnostics);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const logs = options.logs ?? new PassThrough().resume();
  const done = run(
    {
      file,
      ...(options.dockerHost !== undefined && { host: options.dockerHost }),
      ...(options.hostProjectDir !== undefined && { hostProjectDir: options.hostProjectDir }),
      ...(options.backend !== undefined && { backend: options.backend }),
      debounce: options.debounceMs ?? 150,
      resync: options.resyncSeconds ?? 30,
      parallel: options.parallel ?? 4,
      prune: options.prune ?? true,
      logFormat: 'json',
      logLevel: options.logLevel ?? 'info',
    },
    options.env ?? process.env,
    logs,
    stopped,
  ).then((code) => {
    if (code !== 0) throw new OrchestratorError('ENGINE_ERROR', `stopped with exit code ${code}`);
  });
  return {
    stop: async () => {
      stop();
      await done;
    },
    done,
  };
}

function engineOf(options: EngineOptions, spec?: StackSpec): Engine {
  return connectBackend(options.backend ?? spec?.backend ?? 'containers', options.dockerHost, options.env ?? process.env, buildBridgedImage);
}

async function hostPath(engine: Engine, spec: StackSpec, options: EngineOptions): Promise<(p: string) => string | undefined> {
  return (await detectHostPaths(engine, spec.dir, options.hostProjectDir)).map;
}

function projectOf(source: StackSource | { readonly project: string }, options: EngineOptions): { project: string; spec?: StackSpec } | Invalid {
  if (typeof source === 'object' && 'project' in source && typeof source.project === 'string') return { project: source.project };
  const loaded = resolve(source as StackSource, options);
  return loaded.ok ? { project: loaded.spec.project, spec: loaded.spec } : loaded;
}
