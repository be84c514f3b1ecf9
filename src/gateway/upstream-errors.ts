import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';

/** The deadline of the gateway's own requests (lists, pings, completions): far below a client's 60 s. */
export const UPSTREAM_DEADLINE_MS = 10_000;

export function isTimeout(err: unknown): boolean {
  return err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class UpstreamUnavailableError extends Error {
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`server ${server} is not available: ${reason}`);
  }
}
