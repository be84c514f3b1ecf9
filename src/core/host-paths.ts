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

/** The container ID in the lines of /proc/self/mountinfo (Docker bind-mounts /etc/hostname from its container directory). */
export function containerIdFromMountinfo(mountinfo: string): string | undefined {
  return /\/containers\/([0-9a-f]{64})\//.exec(mountinfo)?.[1];
}
