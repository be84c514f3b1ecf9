import type Docker from 'dockerode';
import { Label } from '../core/labels';
import type { ContainerState, ObservedContainer } from '../core/observed-state';
import { parseFieldDigests } from './observe';

/** Mapping of Swarm's services, tasks and events into our plain data (backend: swarm), as observe.ts is for containers. */

export interface TaskInfo {
  readonly ID: string;
  readonly ServiceID: string;
  readonly DesiredState?: string;
  readonly UpdatedAt?: string;
  readonly Status?: {
    readonly State?: string;
    readonly Timestamp?: string;
    readonly Err?: string;
    readonly Message?: string;
    readonly ContainerStatus?: { readonly ContainerID?: string; readonly ExitCode?: number };
  };
  readonly NetworksAttachments?: readonly { readonly Network?: { readonly Spec?: { readonly Name?: string } }; readonly Addresses?: readonly string[] }[];
}

export function observedService(s: Docker.Service): ObservedContainer {
  const labels = s.Spec?.Labels ?? {};
  const desired = replicaCount(s);
  const running = s.ServiceStatus?.RunningTasks ?? 0;
  const state: ContainerState = desired === 0 ? 'exited' : running >= desired ? 'running' : 'restarting';
  const server = labels[Label.server];
  const configHash = labels[Label.configHash];
  const hashVersion = labels[Label.hashVersion];
  return {
    id: s.ID,
    name: s.Spec?.Name ?? s.ID,
    ...(server !== undefined && { server }),
    ...(configHash !== undefined && { configHash }),
    ...(hashVersion !== undefined && { hashVersion }),
    fieldDigests: parseFieldDigests(labels[Label.configFields]),
    imageId: labels[Label.imageId] ?? '',
    image: containerSpecOf(s.Spec).Image ?? '',
    state,
    status: desired === 0 ? 'scaled to 0' : `${running}/${desired} tasks running`,
    created: Math.floor(Date.parse(s.CreatedAt ?? '') / 1000) || 0,
  };
}

export function containerSpecOf(spec: Docker.ServiceSpec | undefined): Docker.ContainerSpec {
  const template = spec?.TaskTemplate;
  return template !== undefined && 'ContainerSpec' in template ? (template.ContainerSpec ?? {}) : {};
}

export function replicaCount(s: Docker.Service): number {
  return s.Spec?.Mode?.Replicated?.Replicas ?? 0;
}

export function isProjectEvent(line: string, project: string): boolean {
  try {
    const e = JSON.parse(line) as { Type?: string; Actor?: { Attributes?: Record<string, string> } };
    const attrs = e.Actor?.Attributes ?? {};
    // A node that goes down or comes back moves tasks of every service: the manager's only word of it.
    if (e.Type === 'node') return true;
    return attrs[Label.project] === project || (e.Type === 'service' && (attrs['name'] ?? '').startsWith(`${project}-`));
  } catch {
    return false;
  }
}
