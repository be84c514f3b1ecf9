import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { BuildSource, ContainerSpec, DesiredNetwork, DesiredVolume } from '../core/desired-state';
import { Label } from '../core/labels';
import { normaliseImageRef, repositoryOf } from '../core/naming';
import { RESOLVED_LABEL, RESOLVED_MARKER } from '../recipes/package-image';
import type { ForeignObject, ObservedContainer, ObservedState } from '../core/observed-state';
import { OrchestratorError } from '../errors';
import { EngineUnreachableError, engineAddress, type EngineAddress } from './connection';
import { createOptions } from './create-options';
import { dockerClient } from './dockerode';
import type { AttachedContainer, ContainerStatus, Engine, EngineInfo, ImageDetails, LogOptions } from './engine';
import { imageIndex, observedContainer, observedNetwork, observedVolume } from './observe';
import { STDIO_LABEL, StdioHosting } from './stdio-hosting';

const CONNECTION_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

/** The engine answered with an error: carries its HTTP status and its own message. */
export class EngineError extends OrchestratorError {
  constructor(
    readonly statusCode: number | undefined,
    message: string,
    cause?: unknown,
  ) {
    super('ENGINE_ERROR', message, { cause });
  }
}

/** How long an image listing is reused (within one command's run). */
const IMAGE_LISTING_MS = 10_000;
/** Up to this many distinct images, each is inspected rather than the images listed. */
const INSPECT_AT_MOST = 24;

export class DockerodeEngine implements Engine {
  readonly address: string;
  /** Control calls (lists, inspect, create, start, rename, remove): an engine that stops answering one fails it in 30 s. */
  protected readonly docker: Docker;
  /** Calls that may rightly take long: pulls, builds, a stop waiting out stop_timeout, streams (logs, events, attach). */
  protected readonly long: Docker;
  private readonly stdio: StdioHosting;

  constructor(private readonly where: EngineAddress) {
    this.address = where.display;
    const DockerClient = dockerClient();
    this.docker = new DockerClient({ ...where.options, timeout: 30_000 });
    this.long = new DockerClient({ ...where.options });
    this.stdio = new StdioHosting(this.docker, this.long, (fn) => this.call(fn), (ref) => this.imageConfig(ref));
  }

  async info(): Promise<EngineInfo> {
    const v = await this.call(() => this.docker.version());
    return { serverVersion: v.Version, apiVersion: v.ApiVersion, os: v.Os };
  }

  async observe(project: string, imageRefs: readonly string[]): Promise<ObservedState> {
    // By name, not by label: every name this project uses starts with "<project>-", and an object
    // with such a name but without this project's label is a conflict to report, never to adopt.
    const filters = { name: [`${project}-`] };
    const [workloads, networks, volumes, images] = await Promise.all([
      this.observeWorkloads(project),
      this.call(() => this.docker.listNetworks({ filters })),
      this.call(() => this.docker.listVolumes({ filters })),
      imageRefs.length === 0 ? Promise.resolve([]) : this.listImages(imageRefs),
    ]);
    const mine = (labels: Record<string, string> | null | undefined): boolean => labels?.[Label.project] === project;
    const volumeList = volumes.Volumes ?? [];
    return {
      project,
      containers: workloads.containers,
      networks: networks.filter((n) => mine(n.Labels)).map(observedNetwork),
      volumes: volumeList.filter((v) => mine(v.Labels)).map(observedVolume),
      images: imageIndex(images),
      foreign: [
        ...workloads.foreign,
        ...networks.filter((n) => !mine(n.Labels)).map((n) => foreignObject('network', n.Name, n.Labels)),
        ...volumeList.filter((v) => !mine(v.Labels)).map((v) => foreignObject('volume', v.Name, v.Labels)),
      ],
    };
  }

  /** What runs the project's servers (here its containers), and objects with its names that are not its own. */
  protected async observeWorkloads(project: string): Promise<{ containers: ObservedContainer[]; foreign: ForeignObject[] }> {
    const containers = await this.call(() => this.docker.listContainers({ all: true, filters: { name: [`${project}-`] } }));
    const mine = (c: Docker.ContainerInfo): boolean => c.Labels?.[Label.project] === project;
    return {
      containers: containers.filter(mine).map(observedContainer),
      foreign: containers.filter((c) => !mine(c)).map((c) => foreignObject('container', (c.Names[0] ?? c.Id).replace(/^\//, ''), c.Labels)),
    };
  }

  async pullImage(ref: string): Promise<void> {
    await this.changingImages(async () => {
      const stream = await this.call(() => this.long.pull(ref) as Promise<NodeJS.ReadableStream>);
      await this.follow(stream, `pull ${ref}`);
    });
  }

  /** Runs what changes the local images: no listing from before or during it is reused after. */
  protected async changingImages<T>(fn: () => Promise<T>): Promise<T> {
    this.imageGeneration++;
    try {
      return await fn();
    } finally {
      this.imageGeneration++;
      this.imageListing = undefined;
    }
  }

  private imageGeneration = 0;

  async buildImage(source: BuildSource): Promise<void> {
    await this.changingImages(() => this.build(source));
    if (source.push) await this.pushImage(source.tag);
  }

  private async build(source: BuildSource): Promise<void> {
    // A generated context (a package image) is written to a temporary directory for the build.
    const before = source.kind === 'generated' ? await this.inspectImage(source.tag) : undefined;
    const context = source.kind === 'build' ? source.context : fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-build-'));
    try {
      if (source.kind === 'generated') {
        for (const [name, content] of Object.entries(source.files)) fs.writeFileSync(path.join(context, name), content);
      }
      const stream = await this.call(() =>
        this.long.buildImage(
          { context, src: fs.readdirSync(context) },
          {
            t: source.tag,
            dockerfile: source.kind === 'build' ? source.dockerfile : 'Dockerfile',
            buildargs: { ...source.args },
            ...(source.kind === 'build' && source.target !== undefined && { target: source.target }),
            labels: { ...source.labels },
            rm: true,
            forcerm: true,
            // A package image is built to resolve its spec again: a cached install step would not.
            ...(source.kind === 'generated' && { nocache: true }),
          },
        ),
      );
      // Build arguments of build: servers may carry secrets: they never reach the tail shown.
      const output = await this.follow(stream, `build ${source.tag}`, source.kind === 'build' ? Object.values(source.args) : []);
      if (source.kind === 'generated') await this.labelResolved(source.tag, output, before);
    } finally {
      if (source.kind === 'generated') fs.rmSync(context, { recursive: true, force: true });
    }
  }

  /** Pushes a tag to the registry its name holds, with the engine's own credentials for it (docker login). */
  async pushImage(ref: string): Promise<void> {
    const repo = repositoryOf(ref);
    const tag = ref.length > repo.length ? ref.slice(repo.length + 1) : 'latest';
    // The engine wants the X-Registry-Auth header even when it has nothing to add: an empty one.
    await this.changingImages(async () => {
      const stream = await this.call(() => this.long.getImage(repo).push({ tag, authconfig: {} }) as unknown as Promise<NodeJS.ReadableStream>);
      await this.follow(stream, `push ${ref}`);
    });
  }

  /**
   * The version a package image's build printed becomes a label of the image (a RUN step cannot
   * write one). A rebuild that resolved to the version the image had keeps the image it replaced:
   * its servers are not recreated for the same package.
   */
  private async labelResolved(tag: string, output: string, before: ImageDetails | undefined): Promise<void> {
    const lines = output.split('\n').filter((l) => l.startsWith(RESOLVED_MARKER));
    const version = lines[lines.length - 1]?.slice(RESOLVED_MARKER.length).trim() ?? '';
    // npm and PEP 440 versions; anything else is not written into a Dockerfile.
    if (!/^[A-Za-z0-9][A-Za-z0-9.+!_-]{0,127}$/.test(version)) return;
    if (before !== undefined && before.labels[RESOLVED_LABEL] === version) {
      const rebuilt = await this.inspectImage(tag);
      const at = tag.lastIndexOf(':');
      await this.call(() => this.docker.getImage(before.id).tag({ repo: tag.slice(0, at), tag: tag.slice(at + 1) }));
      if (rebuilt !== undefined && rebuilt.id !== before.id) await this.ignoring404(() => this.docker.getImage(rebuilt.id).remove());
      return;
    }
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpo-label-'));
    try {
      fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${tag}\nLABEL ${RESOLVED_LABEL}=${version}\n`);
      const stream = await this.call(() => this.long.buildImage({ context, src: ['Dockerfile'] }, { t: tag, rm: true, forcerm: true }));
      await this.follow(stream, `label ${tag}`);
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
    }
  }

  /**
   * The images of these references (and their repositories: filtered by a tag alone, the engine
   * (20.10) leaves RepoDigests out, and the registry digest is what the lockfile records). The
   * listing is kept a few seconds and reused for references it covered, until an image changes
   * here: a no-change apply lists images once, for its plan and its lockfile.
   */
  private async listImages(refs: readonly string[]): Promise<Docker.ImageInfo[]> {
    const wanted = [...new Set([...refs, ...refs.map(repositoryOf)])];
    const kept = this.imageListing;
    if (kept !== undefined && kept.generation === this.imageGeneration && performance.now() - kept.at < IMAGE_LISTING_MS && wanted.every((r) => kept.refs.has(r))) return kept.images;
    const generation = this.imageGeneration;
    const distinct = [...new Set(refs)];
    // The engine lists images slowly (about 45 ms with forty images here, filtered or not) and
    // inspects one in a few: a stack's few images are inspected, all at once.
    const images =
      distinct.length <= INSPECT_AT_MOST
        ? (await Promise.all(distinct.map((ref) => this.inspectListed(ref)))).filter((i): i is Docker.ImageInfo => i !== undefined)
        : await this.call(() => this.docker.listImages({ filters: { reference: wanted } }));
    // A listing made while an image changed is not kept.
    if (generation === this.imageGeneration) this.imageListing = { at: performance.now(), generation, refs: new Set(wanted), images };
    return images;
  }

  /** One image as the listing gives it (its ID, tags, digests, labels), or undefined when there is none of that reference. */
  private async inspectListed(ref: string): Promise<Docker.ImageInfo | undefined> {
    try {
      const image = await this.call(() => this.docker.getImage(ref).inspect());
      return { Id: image.Id, RepoTags: image.RepoTags ?? [], RepoDigests: image.RepoDigests ?? [], Labels: image.Config?.Labels ?? {} } as unknown as Docker.ImageInfo;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  private imageListing: { readonly at: number; readonly generation: number; readonly refs: ReadonlySet<string>; readonly images: Docker.ImageInfo[] } | undefined;

  async imageDetails(refs: readonly string[]): Promise<Record<string, ImageDetails>> {
    if (refs.length === 0) return {};
    const images = await this.listImages(refs);
    const out: Record<string, ImageDetails> = {};
    for (const img of images) {
      const details = { id: img.Id, repoDigests: img.RepoDigests ?? [], labels: { ...(img.Labels ?? {}) } };
      for (const ref of [...(img.RepoTags ?? []), ...(img.RepoDigests ?? [])]) if (!ref.startsWith('<none>')) out[normaliseImageRef(ref)] = details;
    }
    return out;
  }

  async imageConfig(ref: string): Promise<{ id: string; entrypoint: string[]; cmd: string[] } | undefined> {
    try {
      const image = await this.call(() => this.docker.getImage(ref).inspect());
      const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? ['/bin/sh', '-c', v] : []);
      return { id: image.Id, entrypoint: list(image.Config?.Entrypoint), cmd: list(image.Config?.Cmd) };
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  protected async inspectImage(ref: string): Promise<ImageDetails | undefined> {
    try {
      const image = await this.call(() => this.docker.getImage(ref).inspect());
      return { id: image.Id, repoDigests: image.RepoDigests ?? [], labels: { ...(image.Config?.Labels ?? {}) } };
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  async imageId(ref: string): Promise<string | undefined> {
    try {
      return (await this.call(() => this.docker.getImage(ref).inspect())).Id;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  async createNetwork(n: DesiredNetwork): Promise<void> {
    await this.call(() =>
      this.docker.createNetwork({ Name: n.name, Driver: n.driver, Internal: n.internal, ...(n.attachable && { Attachable: true }), Labels: { ...n.labels }, CheckDuplicate: true }),
    );
  }

  /**
   * How long a network that still has endpoints is tried again: a container just removed may hold
   * its endpoint for a moment, and a gateway joined to the network leaves it once it sees the
   * network's servers gone (serve --no-apply beside a down run elsewhere).
   */
  protected readonly endpointsGoneWithinMs: number = 10_000;

  async removeNetwork(name: string): Promise<void> {
    const deadline = Date.now() + this.endpointsGoneWithinMs;
    for (;;) {
      try {
        return await this.ignoring404(() => this.docker.getNetwork(name).remove());
      } catch (err) {
        // A container's endpoint ("active endpoints"), or on a swarm a task still shutting down ("in use by task").
        if (!(err instanceof EngineError && /active endpoints|in use by task/i.test(err.message)) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async joinNetwork(containerId: string, network: string): Promise<void> {
    try {
      await this.call(() => this.docker.getNetwork(network).connect({ Container: containerId }));
    } catch (err) {
      // Already a member: the engine answers 403 "endpoint ... already exists".
      if (!(err instanceof EngineError && (err.statusCode === 403 || err.statusCode === 409) && /already exists/i.test(err.message))) throw err;
    }
  }

  async leaveNetwork(containerId: string, network: string): Promise<void> {
    try {
      await this.call(() => this.docker.getNetwork(network).disconnect({ Container: containerId, Force: true }));
    } catch (err) {
      if (!(err instanceof EngineError && (err.statusCode === 404 || err.statusCode === 403))) throw err;
    }
  }

  async createVolume(v: DesiredVolume): Promise<void> {
    await this.call(() => this.docker.createVolume({ Name: v.name, Driver: v.driver, Labels: { ...v.labels } }));
  }

  async removeVolume(name: string): Promise<void> {
    await this.ignoring404(() => this.docker.getVolume(name).remove());
  }

  async createContainer(name: string, wanted: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<string> {
    const hosted = wanted.stdioHost === true ? await this.stdio.hosted(wanted) : undefined;
    const spec = hosted?.spec ?? wanted;
    const container = await this.call(() => this.docker.createContainer(inBody(createOptions(name, spec, { ...labels, ...hosted?.label }, hosted?.tmpfs))));
    // Engines before API 1.44 take one network at create; the others are connected before start.
    try {
      for (const network of spec.networks.slice(1)) {
        await this.call(() => this.docker.getNetwork(network).connect({ Container: container.id, EndpointConfig: { Aliases: [spec.alias] } }));
      }
    } catch (err) {
      await this.removeContainer(container.id).catch(() => undefined);
      throw err;
    }
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.call(() => notModifiedIsDone(this.docker.getContainer(id).start()));
  }

  async stopContainer(id: string): Promise<void> {
    await this.ignoring404(() => notModifiedIsDone(this.long.getContainer(id).stop()));
  }

  async removeContainer(id: string): Promise<void> {
    await this.ignoring404(() => this.docker.getContainer(id).remove({ force: true, v: false }));
  }

  async runAttached(name: string, spec: ContainerSpec, labels: Readonly<Record<string, string>>): Promise<AttachedContainer> {
    // A throwaway, attached before start: its stderr is read from the attach, and its stdout (MCP
    // traffic for a stdio server) is kept by no log driver.
    const { stdioHost: _hosted, ...plain } = spec;
    const options = createOptions(name, { ...plain, restart: 'no', networks: spec.networks.slice(0, 1), logConfig: { type: 'none', config: {} } }, labels);
    const container = await this.call(() =>
      this.docker.createContainer(inBody({ ...options, AttachStdin: true, AttachStdout: true, AttachStderr: true, OpenStdin: true, StdinOnce: true })),
    );
    const remove = (): Promise<void> => this.removeContainer(container.id);
    try {
      // Attached before start, so not a byte of the server's output is missed.
      const stream = (await this.call(() =>
        this.long.getContainer(container.id).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }),
      )) as NodeJS.ReadWriteStream;
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      // The first lines say why a server failed (stack frames follow): its head is kept with its tail.
      let head = '';
      let tail = '';
      let total = 0;
      stderr.on('data', (c: Buffer) => {
        const text = c.toString('utf8');
        if (head.length < 2048) head += text.slice(0, 2048 - head.length);
        tail = (tail + text).slice(-4096);
        total += text.length;
      });
      this.docker.modem.demuxStream(stream, stdout, stderr);
      stream.on('end', () => {
        stdout.end();
        stderr.end();
      });
      await this.call(() => container.start());
      return { id: container.id, stdin: stream, stdout, stderrTail: () => (total <= tail.length ? tail : `${head}\n…\n${tail}`), remove };
    } catch (err) {
      await remove().catch(() => undefined);
      throw err;
    }
  }

  async attachStdio(id: string): Promise<{ stdin: NodeJS.WritableStream; stdout: NodeJS.ReadableStream; detach(): void }> {
    const info = await this.call(() => this.docker.getContainer(id).inspect());
    if (info.Config.Labels?.[STDIO_LABEL] === 'socket') return this.stdio.connect(id, info.State.Running);
    const stream = (await this.call(() =>
      this.long.getContainer(id).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }),
    )) as NodeJS.ReadWriteStream & { destroy(): void };
    const stdout = new PassThrough();
    // The server's stderr is its log, not protocol: it stays out of the MCP stream.
    this.docker.modem.demuxStream(stream, stdout, new PassThrough().resume());
    stream.on('end', () => stdout.end());
    return { stdin: stream, stdout, detach: () => stream.destroy() };
  }

  async inspectContainer(id: string): Promise<ContainerStatus> {
    const info = await this.call(() => this.docker.getContainer(id).inspect());
    const networks = info.NetworkSettings?.Networks ?? {};
    return {
      running: info.State.Running,
      restarting: info.State.Restarting,
      restartCount: info.RestartCount ?? 0,
      exitCode: info.State.ExitCode,
      startedAt: info.State.StartedAt,
      addresses: Object.fromEntries(Object.entries(networks).map(([name, n]) => [name, n.IPAddress])),
      mounts: (info.Mounts ?? []).map((m) => ({ source: m.Source, destination: m.Destination })),
    };
  }

  async restartContainer(id: string): Promise<void> {
    await this.call(() => this.long.getContainer(id).restart());
  }

  async watchEvents(project: string, onEvent: () => void, onEnd: (err?: Error) => void): Promise<() => void> {
    const stream = (await this.call(() =>
      this.long.getEvents({ filters: { type: ['container'], label: [`${Label.project}=${project}`] } }),
    )) as NodeJS.ReadableStream & { destroy?: () => void };
    let closed = false;
    stream.on('data', () => onEvent());
    stream.on('end', () => closed || onEnd());
    stream.on('error', (err: Error) => closed || onEnd(err));
    return () => {
      closed = true;
      stream.destroy?.();
    };
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).rename({ name }));
  }

  async containerLogs(id: string, options: LogOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<void> {
    const container = this.long.getContainer(id);
    const common = { stdout: true, stderr: true, timestamps: options.timestamps ?? false, ...(options.tail !== undefined && { tail: options.tail }) };
    if (!options.follow) {
      const buffer = await this.call(() => container.logs({ ...common, follow: false }));
      demuxBuffer(buffer, stdout, stderr);
      return;
    }
    const stream = await this.call(() => container.logs({ ...common, follow: true }));
    this.docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('error', reject);
    });
  }

  /**
   * Follows a pull or build progress stream; an error item in it fails the call, with the last
   * lines of the build's own output (npm's or uv's error is there, not in the engine's message).
   */
  /** Follows a pull or build to its end; returns what it printed, fails with the tail of that. */
  protected async follow(stream: NodeJS.ReadableStream, what: string, redact: readonly string[] = []): Promise<string> {
    const items = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, out: Record<string, unknown>[]) => (err ? reject(err) : resolve(out)));
    });
    const printed = items.map((i) => (typeof i['stream'] === 'string' ? i['stream'] : '')).join('');
    const failed = items.find((i) => i['error'] !== undefined || i['errorDetail'] !== undefined);
    if (!failed) return printed;
    const output = outputTail(printed, redact);
    const engineSays = String(failed['error'] ?? JSON.stringify(failed['errorDetail']));
    // The legacy builder quotes the whole RUN line; the output below says what failed.
    const step = /^The command '[\s\S]*' returned a non-zero code: (\d+)$/.exec(engineSays.trim());
    const message = `${what}: ${step ? `a RUN step exited with code ${step[1] ?? '?'}` : engineSays}`.trim();
    throw new EngineError(undefined, output ? `${message}\n  last lines of the build output:\n${output}` : message);
  }

  protected async ignoring404(fn: () => Promise<unknown>): Promise<void> {
    try {
      await this.call(fn);
    } catch (err) {
      if (!(err instanceof EngineError && err.statusCode === 404)) throw err;
    }
  }

  /** Connection failures become EngineUnreachableError; the engine's own errors become EngineError. */
  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof OrchestratorError) throw err;
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      if (code !== undefined && CONNECTION_CODES.has(code)) throw new EngineUnreachableError(this.where, err);
      const status = statusOf(err);
      if (status !== undefined) throw new EngineError(status, engineMessage(err), err);
      throw err;
    }
  }
}

/**
 * docker-modem also copies a create call's options into the URL's query string, so env values
 * (secrets) would travel in request URLs, which the daemon's debug log and proxies record.
 * Its _query/_body split keeps only the name in the URL.
 */
function inBody(options: Docker.ContainerCreateOptions): Docker.ContainerCreateOptions {
  const { name, ...body } = options;
  return { _query: { name }, _body: body } as unknown as Docker.ContainerCreateOptions;
}

export function foreignObject(kind: ForeignObject['kind'], name: string, labels: Record<string, string> | null | undefined): ForeignObject {
  const owner = labels?.[Label.project];
  return { kind, name, ...(owner !== undefined && { project: owner }) };
}

/** 304: the container already was in the state asked for. */
async function notModifiedIsDone(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** The engine's own words ("port is already allocated"), without dockerode's "(HTTP code 500) server error -" prefix. */
function engineMessage(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | undefined)?.json;
  if (json && typeof json.message === 'string') return json.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/^\(HTTP code \d+\)\s*[a-z ]+-\s*/i, '');
}

/** A non-TTY log buffer is framed: 8-byte headers saying stdout (1) or stderr (2) and the length. */
export function demuxBuffer(buffer: Buffer, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const chunk = buffer.subarray(offset + 8, offset + 8 + length);
    (type === 2 ? stderr : stdout).write(chunk);
    offset += 8 + length;
  }
}

export function connectEngine(hostFlag: string | undefined, env: NodeJS.ProcessEnv): DockerodeEngine {
  return new DockerodeEngine(engineAddress(hostFlag, env));
}

/** The last lines of a build's output, indented, with the values in `redact` masked. */
export function outputTail(text: string, redact: readonly string[], lines = 15): string {
  const kept = text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    // The builder's own bookkeeping and npm's upgrade notices say nothing about the failure.
    .filter((l) => l.trim() !== '' && !/^\s*(---> |Removing intermediate container|Step \d+\/\d+ :|npm notice)/.test(l))
    .slice(-lines);
  if (kept.length === 0) return '';
  let tail = kept.join('\n');
  for (const value of redact) if (value.length >= 4) tail = tail.split(value).join('***');
  return tail.split('\n').map((l) => `    ${l.slice(0, 300)}`).join('\n');
}
