import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { uniqueProject } from './docker';
import { removeProject } from './engine-cleanup';

export interface Workspace {
  /** A project name no other test run uses. */
  readonly project: string;
  /** A fresh directory for the stack file and what it mounts; made in beforeAll. */
  readonly dir: string;
}

/**
 * Registers, in the calling describe block, a temporary directory and a unique project, and their
 * removal afterwards: the project's containers, networks and volumes, then the directory.
 */
export function useWorkspace(prefix: string, options: { project?: string } = {}): Workspace {
  const project = options.project ?? uniqueProject(prefix);
  let dir: string | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `mcpo-${prefix}-`));
  });
  afterAll(async () => {
    await removeProject(project);
    // A process of the test may still be writing there as it exits (serve, under its lock
    // directory): a file made during the removal is removed on a retry.
    if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }, 60_000);
  return {
    project,
    get dir(): string {
      if (dir === undefined) throw new Error('the workspace directory is made in beforeAll');
      return dir;
    },
  };
}
