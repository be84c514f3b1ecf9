import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { OrchestratorError } from '../errors';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where the engine is, as the user named it (flag, DOCKER_HOST, or the default socket). */
export interface EngineAddress {
  readonly kind: 'unix' | 'tcp' | 'ssh';
  /** For messages: unix:///var/run/docker.sock, tcp://127.0.0.1:2375 */
  readonly display: string;
  readonly options: Docker.DockerOptions;
}

/** Reads `--host`, else DOCKER_HOST (+ DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else the default socket. */
export function engineAddress(flag: string | undefined, env: NodeJS.ProcessEnv): EngineAddress {
  const raw = flag ?? env['DOCKER_HOST'] ?? `unix://${DEFAULT_SOCKET}`;
  if (raw.startsWith('unix://') || raw.startsWith('/')) {
    const socketPath = raw.startsWith('/') ? raw : raw.slice('unix://'.length);
    return { kind: 'unix', display: `unix://${socketPath}`, options: { socketPath } };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OrchestratorError('USAGE', `invalid Docker host "${raw}": expected unix:///path, tcp://host:port or ssh://user@host`);
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const tls = url.protocol === 'https:' || isTrue(env['DOCKER_TLS_VERIFY']);
    const certDir = env['DOCKER_CERT_PATH'];
    const options: Docker.DockerOptions = {
      host: url.hostname,
      port: url.port || (tls ? '2376' : '2375'),
      protocol: tls ? 'https' : 'http',
      ...(tls && certDir !== undefined && {
        ca: fs.readFileSync(path.join(certDir, 'ca.pem')),
        cert: fs.readFileSync(path.join(certDir, 'cert.pem')),
        key: fs.readFileSync(path.join(certDir, 'key.pem')),
      }),
    };
    return { kind: 'tcp', display: `tcp://${url.hostname}:${String(options.port)}${tls ? ' (TLS)' : ''}`, options };
  }
  if (url.protocol === 'ssh:') {
    return {
      kind: 'ssh',
      display: `ssh://${url.username ? `${url.username}@` : ''}${url.hostname}`,
      options: { protocol: 'ssh', host: url.hostname, port: url.port || '22', ...(url.username && { username: url.username }) },
    };
  }
  throw new OrchestratorError('USAGE', `unsupported Docker host "${raw}": use unix://, tcp:// or ssh://`);
}

/** The engine could not be reached: one paragraph naming what was tried and the usual causes. */
export class EngineUnreachableError extends OrchestratorError {
  constructor(address: EngineAddress, cause: unknown) {
    super('ENGINE_UNREACHABLE', unreachableMessage(address, cause), { cause });
  }
}

function unreachableMessage(address: EngineAddress, cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const lines = [`Cannot reach the Docker engine at ${address.display}: ${detail}`];
  if (address.kind === 'unix') {
    const socket = address.display.slice('unix://'.length);
    if (code === 'ENOENT') {
      lines.push(
        `No socket exists at ${socket}. Either the daemon is not running (start it: \`sudo systemctl start docker\`, or \`dockerd &\`),`,
        `or, inside a container, the host's socket is not mounted (add \`-v /var/run/docker.sock:/var/run/docker.sock\`),`,
        'or the engine listens elsewhere (set DOCKER_HOST, e.g. tcp://host.docker.internal:2375 for Docker Desktop/WSL2, or pass --host).',
      );
    } else if (code === 'EACCES' || code === 'EPERM') {
      lines.push(
        `Permission denied on ${socket}: this user may not use the engine. Add it to the socket's group`,
        '(`sudo usermod -aG docker $USER`, then log in again), or in a container run with `--group-add <gid of the socket>`.',
        'Do not chmod 666 the socket: that hands root on the host to every local user.',
      );
    } else {
      lines.push('Is the daemon running, and is this the socket it listens on? Set DOCKER_HOST or pass --host to use another.');
    }
  } else if (address.kind === 'tcp') {
    lines.push(
      'Is the daemon listening on that address (dockerd -H tcp://...; Docker Desktop: "Expose daemon on tcp://localhost:2375")?',
      'From WSL2 or a container, the host is usually host.docker.internal, not 127.0.0.1. With TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH.',
    );
  } else {
    lines.push('Check that ssh to that host works without a password prompt and that the remote user may use Docker.');
  }
  return lines.join('\n');
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
