import * as fs from 'node:fs';
import { containerIdFromMountinfo, hostPathMapper, type PathMapping } from '../core/host-paths';
import type { Engine } from '../docker/engine';
import { EngineError } from '../docker/dockerode-engine';

export interface HostPaths {
  /** In-container path -> host path; undefined when the host engine cannot see it. */
  readonly map: (p: string) => string | undefined;
  /** How the mapping was found, for logs. */
  readonly how: string;
}

/**
 * Where the engine's host sees this process's paths. Outside a container they are the same. In a
 * container (the socket-mount scenario), a bind like ./data:/data is resolved by the host engine on
 * the HOST: the orchestrator inspects its own container through the engine and maps through its
 * mounts. --host-project-dir says where the stack file's directory is on the host, when detection
 * cannot (or should not) be used.
 */
export async function detectHostPaths(engine: Engine, stackDir: string, hostProjectDir: string | undefined): Promise<HostPaths> {
  const explicit: PathMapping[] = hostProjectDir !== undefined ? [{ inContainer: stackDir, onHost: hostProjectDir }] : [];
  const id = ownContainerId();
  if (id === undefined) {
    const mapper = hostPathMapper(explicit);
    return { map: (p) => mapper(p) ?? p, how: hostProjectDir !== undefined ? `--host-project-dir ${hostProjectDir}` : 'not in a container' };
  }
  try {
    const status = await engine.inspectContainer(id);
    // Paths reach the mapper resolved (policy judges them with links followed: /var/run/docker.sock
    // is /run/docker.sock here), so each mount is known by its resolved destination as well.
    const mounts = status.mounts.flatMap((m) => {
      const real = realDestination(m.destination);
      return [{ inContainer: m.destination, onHost: m.source }, ...(real !== m.destination ? [{ inContainer: real, onHost: m.source }] : [])];
    });
    return { map: hostPathMapper([...explicit, ...mounts]), how: `mounts of container ${id.slice(0, 12)}` };
  } catch (err) {
    // This container runs on another engine than the one managed (DOCKER_HOST elsewhere): its paths mean nothing there.
    if (!(err instanceof EngineError && err.statusCode === 404)) throw err;
    const mapper = hostPathMapper(explicit);
    return { map: (p) => mapper(p) ?? p, how: 'in a container the managed engine does not run' };
  }
}

function realDestination(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** This process's container, when it runs in one (from /proc/self/mountinfo). */
export function ownContainerId(): string | undefined {
  try {
    return containerIdFromMountinfo(fs.readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch {
    return undefined;
  }
}
