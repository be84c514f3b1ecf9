import { executePlan, type BeforeStart, type ReadyCheck } from '../../apply/executor';
import { readinessCheck } from '../../runtime/readiness';
import { VERSION } from '../../version';
import { computeDownPlan } from '../../core/planner';
import type { Engine } from '../../docker/engine';
import type { SessionClaims } from '../../core/desired-state';
import { createLogger, type LogFormat, type Logger } from '../../logging/logger';
import type { Backend, StackSpec } from '../../stack-file/stack-spec';
import type { ParseResult } from '../../stack-file/parse-stack';
import { realTimers } from '../../util/clock';
import { Controller, type ReconcileSummary } from '../../runtime/controller/controller';
import { acquireProjectLock, defaultLockDir } from '../../runtime/project-lock';
import { detectHostPaths } from '../../runtime/host-paths';
import { loadStack } from '../../stack-file/load-stack';
import { engineFor, type CommonOptions } from '../context';
import { ExitCode, type ExitCodeValue } from '../exit-codes';

export interface WatchOptions extends CommonOptions {
  readonly debounce: number;
  readonly resync: number;
  readonly parallel: number;
  readonly prune: boolean;
  readonly downOnExit?: boolean;
  /** false (serve --no-apply): follow the stack and the engine, change nothing. */
  readonly apply?: boolean;
  readonly logFormat: LogFormat;
  readonly logLevel: string;
}

/** What `serve` adds to a watch: a gateway that follows each reconcile, and stops before the controller. */
export interface WatchExtension {
  readonly onReconciled: (spec: StackSpec, summary: ReconcileSummary) => void;
  readonly beforeStart?: BeforeStart;
  /** Readiness of a replacement, checked by the gateway on the session it will use. */
  readonly ready?: ReadyCheck;
  /** The per-client sessions the gateway holds: their containers are desired state. */
  readonly sessions?: () => SessionClaims;
  readonly stop: () => Promise<void>;
}

/** What the extension may ask of the reconcile loop, once it runs. */
export interface WatchLoop {
  /** Servers held back after a rollback. */
  heldBack(): ReadonlyMap<string, string>;
  /** A reconcile now (a per-client session needs its container, or ended). */
  reconcile(): void;
}

/** Runs until `stop` resolves (SIGINT/SIGTERM in the CLI), then leaves the servers running, or removes them with --down-on-exit. */
export async function runWatch(
  opts: WatchOptions,
  env: NodeJS.ProcessEnv,
  logStream: NodeJS.WritableStream,
  stop: Promise<void>,
  extend?: (logger: Logger, engine: Engine, loop: WatchLoop) => Promise<WatchExtension>,
): Promise<ExitCodeValue> {
  const logger = createLogger({ format: opts.logFormat, level: opts.logLevel, stream: logStream });
  // The backend is the file's as watch starts: a file that changes it later is refused, not followed.
  const first = loadStack(opts.file, env);
  const backend = opts.backend ?? (first.ok ? first.spec.backend : 'containers');
  const engine = engineFor({ ...opts, backend }, env);
  // The controller is made after the extension, which reads this only once serving.
  let controllerRef: Controller | undefined;
  const extension = await extend?.(logger, engine, { heldBack: () => controllerRef?.heldBack ?? new Map<string, string>(), reconcile: () => controllerRef?.requestSoon() });
  const lockDir = defaultLockDir(env);
  // The mapping does not change while the process runs; it is found once per stack directory.
  const hostPathCache = new Map<string, Promise<(p: string) => string | undefined>>();
  const controller = new Controller(
    {
      stackFile: opts.file,
      loadSpec: () => sameBackend(loadStack(opts.file, env), backend, opts.file),
      engine,
      logger,
      ...(extension && { onReconciled: extension.onReconciled }),
      ...(extension?.beforeStart && { beforeStart: extension.beforeStart }),
      ...(extension?.sessions && { sessions: extension.sessions }),
      ready: extension?.ready ?? readinessCheck(engine, VERSION),
      hostPaths: (dir) => {
        const found = hostPathCache.get(dir) ?? detectHostPaths(engine, dir, opts.hostProjectDir).then((h) => {
          logger.info('host paths', { how: h.how });
          return h.map;
        });
        hostPathCache.set(dir, found);
        found.catch(() => hostPathCache.delete(dir));
        return found;
      },
      lock: (project) =>
        acquireProjectLock(project, 'mcp-orchestrator watch', {
          dir: lockDir,
          waitMs: 10 * 60_000,
          onWait: (h) => logger.info('waiting for the project lock', { project, holder: h ? `${h.command} (pid ${h.pid} on ${h.host})` : 'unknown' }),
        }),
    },
    { debounceMs: opts.debounce, resyncMs: opts.resync * 1000, parallel: opts.parallel, prune: opts.prune, timers: realTimers, apply: opts.apply !== false },
  );
  controllerRef = controller;
  logger.info('watching', { file: opts.file, engine: engine.address, ...(opts.apply === false && { changes: 'none (--no-apply)' }) });
  await controller.start();
  await stop;
  logger.info('stopping: finishing the current step');
  await extension?.stop();
  await controller.stop();
  const project = controller.project;
  if (opts.downOnExit && project !== undefined) {
    const release = await acquireProjectLock(project, 'mcp-orchestrator watch --down-on-exit', { dir: lockDir, waitMs: 60_000 });
    try {
      const results = await executePlan(computeDownPlan(await engine.observe(project, [])), engine, { parallel: opts.parallel });
      logger.info('removed the project on exit', { project, actions: results.length, failed: results.filter((r) => r.status !== 'done').length });
    } finally {
      release();
    }
  } else {
    logger.info('stopped; servers left running', { project });
  }
  return ExitCode.OK;
}

/** A file whose backend: is no longer the one this run talks to is an error to fix (or a restart), never a switch. */
function sameBackend(result: ParseResult, backend: Backend, file: string): ParseResult {
  if (!result.ok || result.spec.backend === backend) return result;
  return {
    ok: false,
    diagnostics: [{ severity: 'error', message: `backend: ${result.spec.backend}, but this run manages the project on ${backend}: restart watch to move it (after down on ${backend})`, location: { file, line: 1, col: 1 } }],
  };
}
