import type { Variables } from './interpolate';

/**
 * What parsing a stack file may ask of the outside world, passed in so the parse stays a
 * function of its inputs: tests hand in a map of files, the CLI hands in the real file system.
 */
export interface SpecHost {
  /** The file's text, or a reason it cannot be read ("no such file", "is a directory"). */
  readText(absPath: string): { ok: true; text: string } | { ok: false; reason: string };
  isDirectory(absPath: string): boolean;
  exists(absPath: string): boolean;
  /** Permission bits of a file, when the host knows them (for warnings about secrets readable by all). */
  mode?(absPath: string): number | undefined;
  /** The path with every symbolic link followed, and what is there: policy judges this, never the spelling. */
  resolve(absPath: string): { real: string; kind: PathKind };
}

export type PathKind = 'file' | 'directory' | 'socket' | 'other' | 'missing';

export interface ParseContext {
  /** The stack file as the user named it: diagnostics start with it. */
  readonly file: string;
  /** Absolute directory of the stack file. */
  readonly dir: string;
  /** Variables for ${...}: the process environment over the .env file beside the stack file. */
  readonly env: Variables;
  readonly host: SpecHost;
  /** The .env beside the stack file, when one was read: policy judges where it leads. */
  readonly dotenv?: string;
  /**
   * No directory is the project's (a stack written in code without one): no host path is inside
   * the project, so each needs allow: [host_paths].
   */
  readonly noProjectDir?: boolean;
}
