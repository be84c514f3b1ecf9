import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { BRIDGE_HOME, serverCommand } from '../recipes/bridged-image';
import type { ContainerSpec } from '../core/desired-state';
import { STDIO_SOCKET_DIR, stdioConnectCommand, stdioHostEntrypoint } from '../recipes/stdio-host';
import { OrchestratorError } from '../errors';
import { processAlive } from '../util/process-alive';
import { bridgeRuntime, type BridgeRuntime } from './runtime-files';
import { heldUntil } from './held-stdin';

/** On a container whose stdio server runs behind the stdio host: clients reach it by exec, not attach. */
export const STDIO_LABEL = 'io.mcp-orchestrator.stdio';
/** On the runtime volume: the runtime's digest. */
const RUNTIME_LABEL = 'io.mcp-orchestrator.runtime';
/** On the short-lived container through which a runtime volume is filled: `<host>/<pid>` of its owner. */
const HELPER_LABEL = 'io.mcp-orchestrator.runtime-fill';
/** A fill takes seconds: a helper this old whose owner cannot be asked was left behind. */
const HELPER_STALE_S = 600;
/** How long an attach made before the container runs (serve's, between create and start) waits for it to run. */
const START_WAIT_MS = 60_000;

export interface Streams {
  readonly stdin: NodeJS.WritableStream;
  readonly stdout: NodeJS.ReadableStream;
  detach(): void;
}

/**
 * The engine's side of recipes/stdio-host.ts: the runtime as a volume (one per runtime digest, shared
 * by every project: it holds no project's data), the create call with the host in front of what the
 * server runs, and a connection to the server by `docker exec` (an exec's streams are not logged).
 */
export class StdioHosting {
  private readonly volumes = new Map<string, Promise<string>>();

  constructor(
    private readonly docker: Docker,
    private readonly long: Docker,
    private readonly call: <T>(fn: () => Promise<T>) => Promise<T>,
    private readonly imageCommand: (ref: string) => Promise<{ entrypoint: readonly string[]; cmd: readonly string[] } | undefined>,
    private readonly runtime: () => BridgeRuntime = bridgeRuntime,
  ) {}

  /** The spec as the engine is to create it: the host first, the server's command after it, the runtime and the socket's tmpfs mounted. */
  async hosted(spec: ContainerSpec): Promise<{ spec: ContainerSpec; tmpfs: Record<string, string>; label: Record<string, string> }> {
    const image = await this.imageCommand(spec.image);
    if (image === undefined) throw new OrchestratorError('NOT_FOUND', `image ${spec.image} is not present: it is pulled or built first`);
    const original = serverCommand({ ...(spec.entrypoint !== undefined && { entrypoint: spec.entrypoint }), ...(spec.command !== undefined && { command: spec.command }) }, image);
    if (original === undefined) throw new OrchestratorError('USAGE', `neither the file nor image ${spec.image} says what the server runs`);
    const volume = await this.runtimeVolume(spec.image);
    return {
      spec: { ...spec, entrypoint: stdioHostEntrypoint(), command: original, binds: [...spec.binds, `${volume}:${BRIDGE_HOME}:ro`] },
      // Its own tmpfs: writable under read_only, gone with the container, and shared with no one.
      tmpfs: { [STDIO_SOCKET_DIR]: 'mode=1777,size=64k' },
      label: { [STDIO_LABEL]: 'socket' },
    };
  }

  /**
   * The server's stdio, by exec of the host's `connect`. Before the container runs (an attach made
   * between create and start), the streams are handed out at once and connected once it runs: the
   * host keeps what the server wrote before the first connection for it.
   */
  async connect(id: string, running: boolean): Promise<Streams> {
    if (running) return this.exec(id);
    let started: (live: Streams) => void = () => undefined;
    const stdin = heldUntil(new Promise<Streams>((resolve) => (started = resolve)));
    const stdout = new PassThrough();
    let live: Streams | undefined;
    let detached = false;
    void (async () => {
      const deadline = Date.now() + START_WAIT_MS;
      while (!detached && Date.now() < deadline) {
        const now = await this.call(() => this.docker.getContainer(id).inspect()).catch(() => undefined);
        if (now === undefined) break;
        if (now.State.Running) {
          live = await this.exec(id);
          if (detached) return live.detach();
          started(live);
          live.stdout.pipe(stdout);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      stdout.end();
    })().catch(() => stdout.end());
    return {
      stdin,
      stdout,
      detach: () => {
        detached = true;
        live?.detach();
        stdin.destroy();
        stdout.end();
      },
    };
  }

  private async exec(id: string): Promise<Streams> {
    const exec = await this.call(() =>
      this.docker.getContainer(id).exec({ Cmd: stdioConnectCommand(), AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false }),
    );
    const stream = (await this.call(() => exec.start({ hijack: true, stdin: true }))) as NodeJS.ReadWriteStream & { destroy(): void };
    const stdout = new PassThrough();
    // The connector's own complaints (no socket) are no protocol.
    this.long.modem.demuxStream(stream, stdout, new PassThrough().resume());
    stream.on('end', () => stdout.end());
    stream.on('error', () => stdout.end());
    return { stdin: stream, stdout, detach: () => stream.destroy() };
  }

  /** The runtime's volume, filled once per engine and digest (a volume left unfinished is filled again). */
  private runtimeVolume(image: string): Promise<string> {
    const runtime = this.runtime();
    const name = `mcp-orchestrator-stdio-${runtime.digest}`;
    let pending = this.volumes.get(name);
    if (pending === undefined) {
      pending = this.fill(name, runtime, image);
      this.volumes.set(name, pending);
      pending.catch(() => this.volumes.delete(name));
    }
    return pending;
  }

  private async fill(name: string, runtime: BridgeRuntime, image: string): Promise<string> {
    // A second, empty volume says the first is whole: one inspect per process, no container, once filled.
    const complete = `${name}-complete`;
    await this.removeOrphanedHelpers();
    if (await this.volumeExists(complete)) return name;
    await this.call(() => this.docker.createVolume({ Name: name, Labels: { [RUNTIME_LABEL]: runtime.digest } }));
    // A container that never starts, only for the engine's archive calls into the volume; labelled
    // with its owner, so that one a killed process left is removed by the next (as test's probes are).
    const helper = await this.call(() =>
      this.docker.createContainer({
        Image: image,
        Entrypoint: ['/nonexistent'],
        Cmd: [],
        NetworkDisabled: true,
        Labels: { [HELPER_LABEL]: `${os.hostname()}/${process.pid}` },
        HostConfig: { Binds: [`${name}:${BRIDGE_HOME}`], NetworkMode: 'none' },
      }),
    );
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-stdio-runtime-'));
      try {
        runtime.writeTo(dir);
        await this.call(() => helper.putArchive(tarOf(path.join(dir, 'mcp-orchestrator')), { path: BRIDGE_HOME }));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
    await this.call(() => this.docker.createVolume({ Name: complete, Labels: { [RUNTIME_LABEL]: runtime.digest } }));
    return name;
  }

  private async volumeExists(name: string): Promise<boolean> {
    try {
      await this.call(() => this.docker.getVolume(name).inspect());
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      throw err;
    }
  }

  /**
   * Helpers a killed process left: its owner on this host is gone, or (an owner elsewhere, such as
   * an orchestrator in another container) it is far older than any fill takes.
   */
  private async removeOrphanedHelpers(): Promise<void> {
    const helpers = await this.call(() => this.docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } }));
    for (const h of helpers) {
      const [host, pid] = (h.Labels[HELPER_LABEL] ?? '').split('/');
      const orphaned = host === os.hostname() ? !processAlive(Number(pid)) : Date.now() / 1000 - h.Created > HELPER_STALE_S;
      if (orphaned) await this.docker.getContainer(h.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

/** A directory as a tar stream (tar-fs, which dockerode brings for build contexts). Owned by root, readable by all. */
function tarOf(dir: string): NodeJS.ReadableStream {
  const dockerodeDir = require.resolve('dockerode/package.json').replace(/package\.json$/, '');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tar = require(require.resolve('tar-fs', { paths: [dockerodeDir] })) as { pack(dir: string, opts: object): NodeJS.ReadableStream };
  return tar.pack(dir, { map: (h: { uid: number; gid: number; uname?: string; gname?: string }) => ({ ...h, uid: 0, gid: 0, uname: 'root', gname: 'root' }) });
}
