/** Where something stands in a file; line and col are 1-based, as editors show them. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Severity = 'error' | 'warning';

/** One located problem in a stack file; validation collects all of them instead of stopping at the first. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly location: SourceLocation;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.location.file}:${d.location.line}:${d.location.col}`;
  return d.severity === 'warning' ? `${where}: warning: ${d.message}` : `${where}: ${d.message}`;
}

export type ErrorCode =
  | 'SPEC_INVALID'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_ERROR'
  | 'LOCK_HELD'
  | 'NOT_FOUND'
  | 'USAGE';

/** Base of every error the orchestrator expects; the CLI prints its message without a stack trace. */
export class OrchestratorError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A stack file that cannot be used; carries every located problem found. */
export class SpecError extends OrchestratorError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super('SPEC_INVALID', diagnostics.map(formatDiagnostic).join('\n'));
    this.diagnostics = diagnostics;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
