import { OrchestratorError } from '../errors';
import { splitListen } from '../stack-file/normalise';

/** `--listen HOST:PORT` of serve and bridge (port 0: any free port). */
export function parseListen(text: string): { host: string; port: number } {
  const parsed = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.test(text) ? splitListen(text) : undefined;
  if (parsed === undefined || parsed.port < 0 || parsed.port > 65535) throw new OrchestratorError('USAGE', `--listen ${text}: expected host:port, e.g. 127.0.0.1:8808 (port 0: any free port)`);
  return parsed;
}
