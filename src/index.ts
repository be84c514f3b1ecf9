/**
 * mcp-orchestrator as a library: what the CLI does, as typed functions with the CLI's guarantees
 * (the project lock, every check and the `allow:` policy, located problems as values, no secret in
 * any result).
 */
export { apply, down, plan, ps, resolve, serve, validate, watch } from './library/operations';
export type { ApplyOptions, ApplyResult, EngineOptions, Invalid, PlanResult, Resolved, Running, StackSource, Validated, WatchOptions } from './library/operations';
export type { ActionJson, ResultJson } from './cli/render';
export type { PsRow, Sync } from './runtime/server-status';
export type { WaitResult } from './runtime/wait';
export type { StackSpec } from './stack-file/stack-spec';
export { formatDiagnostic, OrchestratorError, SpecError } from './errors';
export type { Diagnostic, ErrorCode, SourceLocation } from './errors';
