import type Docker from 'dockerode';
import { Label } from '../core/labels';
import { normaliseImageRef } from '../core/naming';
import type { ContainerState, ObservedContainer, ObservedNetwork, ObservedVolume } from '../core/observed-state';

/** Mapping of the engine's list results into ObservedState parts: labels parsed, names without "/". */

const STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

export function observedContainer(c: Docker.ContainerInfo): ObservedContainer {
  const labels = c.Labels ?? {};
  const state = c.State as ContainerState;
  const server = labels[Label.server];
  const configHash = labels[Label.configHash];
  const hashVersion = labels[Label.hashVersion];
  const probe = labels[Label.probe];
  const session = /^(.+)\/(\d+)$/.exec(labels[Label.session] ?? '');
  return {
    ...(probe !== undefined && { probe: { owner: probe } }),
    ...(session !== null && { session: { owner: session[1] ?? '', n: Number(session[2]) } }),
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    ...(server !== undefined && { server }),
    ...(configHash !== undefined && { configHash }),
    ...(hashVersion !== undefined && { hashVersion }),
    fieldDigests: parseFieldDigests(labels[Label.configFields]),
    imageId: c.ImageID,
    image: c.Image,
    state: STATES.has(state) ? state : 'dead',
    status: c.Status,
    created: c.Created,
  };
}

export function parseFieldDigests(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function observedNetwork(n: Docker.NetworkInspectInfo): ObservedNetwork {
  const logical = n.Labels?.[Label.network];
  return { id: n.Id, name: n.Name, ...(logical !== undefined && { logicalName: logical }) };
}

export function observedVolume(v: { Name: string; Labels: Record<string, string> | null }): ObservedVolume {
  const logical = v.Labels?.[Label.volume];
  return { name: v.Name, ...(logical !== undefined && { logicalName: logical }) };
}

/** Every reference an image is known by (tags and digests), normalised, to its ID. */
export function imageIndex(images: readonly Docker.ImageInfo[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const img of images) {
    for (const ref of [...(img.RepoTags ?? []), ...(img.RepoDigests ?? [])]) {
      if (ref !== '<none>:<none>' && ref !== '<none>@<none>') out[normaliseImageRef(ref)] = img.Id;
    }
  }
  return out;
}
