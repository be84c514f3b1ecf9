/** Process exit codes, part of the CLI's contract (documented in the README). */
export const ExitCode = {
  OK: 0,
  /** An action failed (apply finished with failures, a command could not do its work). */
  FAILED: 1,
  /** plan --detailed-exitcode: the engine differs from the file. */
  CHANGES_PENDING: 2,
  /** The stack file is invalid: nothing was changed. */
  INVALID_SPEC: 3,
  /** The Docker engine could not be reached. */
  ENGINE_UNREACHABLE: 4,
  /** Another apply or watch holds the project's lock. */
  LOCKED: 5,
  /** Wrong command-line usage. */
  USAGE: 64,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
