import Docker from 'dockerode';
import { EngineUnreachableError, engineAddress, type EngineAddress } from './connection';
import type { Engine, EngineInfo } from './engine';

const CONNECTION_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

export class DockerodeEngine implements Engine {
  readonly address: string;
  private readonly docker: Docker;

  constructor(private readonly where: EngineAddress) {
    this.address = where.display;
    this.docker = new Docker({ ...where.options, timeout: 60_000 });
  }

  async info(): Promise<EngineInfo> {
    const v = await this.call(() => this.docker.version());
    return { serverVersion: v.Version, apiVersion: v.ApiVersion, os: v.Os };
  }

  /** Connection failures become EngineUnreachableError; engine answers pass through. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      if (code !== undefined && CONNECTION_CODES.has(code)) throw new EngineUnreachableError(this.where, err);
      throw err;
    }
  }
}

export function connectEngine(hostFlag: string | undefined, env: NodeJS.ProcessEnv): DockerodeEngine {
  return new DockerodeEngine(engineAddress(hostFlag, env));
}
