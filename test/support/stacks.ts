import { desiredState, type DesiredState } from '../../src/core/desired-state';
import type { ObservedContainer, ObservedState } from '../../src/core/observed-state';
import { formatDiagnostic } from '../../src/errors';
import { parseStack } from '../../src/stack-file/parse-stack';
import type { SpecHost } from '../../src/stack-file/spec-host';
import type { StackSpec } from '../../src/stack-file/stack-spec';

function memoryHost(files: Record<string, string>): SpecHost {
  return {
    readText: (p) => (Object.hasOwn(files, p) ? { ok: true, text: files[p] ?? '' } : { ok: false, reason: 'no such file' }),
    isDirectory: () => true,
    exists: () => true,
    // No links in memory: a path is what it says, a file when it has content, a directory otherwise.
    resolve: (p) => ({ real: p, kind: Object.hasOwn(files, p) ? 'file' : 'directory' }),
  };
}

/** A StackSpec from YAML text, with no file system (files by absolute path, the stack in /stacks/test): for pure tests of core/. */
export function specFrom(yaml: string, env: Record<string, string> = {}, files: Record<string, string> = {}): StackSpec {
  const r = parseStack(yaml, { file: 'test.yml', dir: '/stacks/test', env: new Map(Object.entries(env)), host: memoryHost(files) });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.spec;
}

export function desiredFrom(yaml: string, env: Record<string, string> = {}, files: Record<string, string> = {}): DesiredState {
  return desiredState(specFrom(yaml, env, files));
}

export const IMAGE_ID = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

/** What the engine would report after a successful apply of `desired`: every container running. */
export function observedAfterApply(desired: DesiredState, overrides: Partial<Record<string, Partial<ObservedContainer>>> = {}): ObservedState {
  return {
    project: desired.project,
    containers: desired.containers.map((c, i) => ({
      id: `id-${c.server}`,
      name: c.name,
      server: c.server,
      configHash: c.configHash,
      hashVersion: '1',
      fieldDigests: c.fieldDigests,
      imageId: IMAGE_ID,
      image: c.spec.image,
      state: 'running' as const,
      status: 'Up 2 minutes',
      created: 1_700_000_000 + i,
      ...overrides[c.server],
    })),
    networks: desired.networks.map((n) => ({ id: `net-${n.name}`, name: n.name, logicalName: n.logicalName })),
    volumes: desired.volumes.map((v) => ({ name: v.name, logicalName: v.logicalName })),
    images: Object.fromEntries(desired.containers.map((c) => [c.spec.image, IMAGE_ID])),
  };
}

export function emptyObserved(project: string): ObservedState {
  return { project, containers: [], networks: [], volumes: [], images: {} };
}
