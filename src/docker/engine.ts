/**
 * The engine as the rest of the program sees it: plain data in, plain data out. Only
 * docker/ implements it (over dockerode); tests of the executor use an in-memory one.
 */
export interface EngineInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly os: string;
}

export interface Engine {
  /** Where the engine is, for messages. */
  readonly address: string;
  /** Fails with EngineUnreachableError when the engine does not answer. */
  info(): Promise<EngineInfo>;
}
