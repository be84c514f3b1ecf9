import * as fs from 'node:fs';
import * as path from 'node:path';
import { OrchestratorError } from '../../errors';
import { bridgeRuntime } from '../../docker/runtime-files';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import type { Output } from '../output';

/**
 * `bridge-runtime DIR`: writes the bridge and the node it runs on (with its loader and libraries)
 * into DIR/mcp-orchestrator, where a bridged server's container finds it: a Kubernetes pod's init
 * container runs this from the orchestrator's image into a volume both containers mount.
 */
export function runBridgeRuntime(dir: string, io: Output): ExitCodeValue {
  const target = path.resolve(dir);
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) throw new OrchestratorError('USAGE', `bridge-runtime: ${dir} is not a directory`);
  const runtime = bridgeRuntime();
  runtime.writeTo(target);
  io.err(`bridge runtime ${runtime.digest} written to ${path.join(target, 'mcp-orchestrator')}`);
  return ExitCode.OK;
}
