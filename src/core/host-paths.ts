import * as path from 'node:path';

/** A directory as the orchestrator sees it, and where it is on the engine's host. */
export interface PathMapping {
  readonly inContainer: string;
  readonly onHost: string;
}

/**
 * In-container path -> host path, by the deepest mapping that contains it; undefined when none
 * does (the host engine could not see that path).
 */
export function hostPathMapper(mappings: readonly PathMapping[]): (p: string) => string | undefined {
  const sorted = [...mappings].sort((a, b) => b.inContainer.length - a.inContainer.length);
  return (p) => {
    for (const m of sorted) {
      const root = m.inContainer.replace(/\/+$/, '') || '/';
      if (p === root) return m.onHost;
      if (p.startsWith(root === '/' ? '/' : `${root}/`)) return path.posix.join(m.onHost, p.slice(root.length));
    }
    return undefined;
  };
}

/**
 * The container ID in the lines of /proc/self/mountinfo: Docker bind-mounts /etc/hostname from its
 * container directory. Only that mount counts: on a host that runs the engine itself, the host's
 * own mount table holds other containers' directories too (a Swarm task's secrets tmpfs, at
 * /var/lib/docker/containers/<id>/mounts/secrets), which must not make the host look like a container.
 */
export function containerIdFromMountinfo(mountinfo: string): string | undefined {
  for (const line of mountinfo.split('\n')) {
    // Fields: id, parent, major:minor, root, mount point, ...
    const [, , , root = '', mountPoint] = line.split(' ');
    if (mountPoint !== '/etc/hostname') continue;
    const id = /\/containers\/([0-9a-f]{64})\/hostname$/.exec(root)?.[1];
    if (id !== undefined) return id;
  }
  return undefined;
}
