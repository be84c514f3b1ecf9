import type { Backend } from '../stack-file/stack-spec';
import { connectEngine } from './dockerode-engine';
import type { Engine } from './engine';
import type { BridgedImageBuilder } from './swarm-engine';

/**
 * The engine adapter of a backend: the only place that knows there is more than one. Swarm runs
 * stdio servers bridged, with the builder the caller hands in (runtime/bridge/bridged-build.ts).
 */
export function connectBackend(backend: Backend, hostFlag: string | undefined, env: NodeJS.ProcessEnv, buildBridged?: BridgedImageBuilder): Engine {
  if (backend !== 'swarm') return connectEngine(hostFlag, env);
  // Loaded for a swarm stack only: a local apply starts without it.
  const { connectSwarmEngine } = require('./swarm-engine') as typeof import('./swarm-engine');
  return connectSwarmEngine(hostFlag, env, buildBridged);
}
