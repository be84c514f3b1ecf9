import type { Backend } from '../stack-file/stack-spec';
import { connectEngine } from './dockerode-engine';
import type { Engine } from './engine';
import { connectSwarmEngine } from './swarm-engine';

/** The engine adapter of a backend: the only place that knows there is more than one. */
export function connectBackend(backend: Backend, hostFlag: string | undefined, env: NodeJS.ProcessEnv): Engine {
  return backend === 'swarm' ? connectSwarmEngine(hostFlag, env) : connectEngine(hostFlag, env);
}
