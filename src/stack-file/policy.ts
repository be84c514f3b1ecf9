import * as path from 'node:path';
import type { Diagnostic } from '../errors';
import { pointer, type LocatedDocument } from './located-yaml';
import type { StackFile } from './stack-file.generated';
import type { EffectiveServer } from './effective-server';
import type { ParseContext } from './spec-host';
import { expandHome } from './normalise';
import { parseVolume } from './value-parsers';

export type Permission = 'privileged' | 'docker_socket' | 'host_network' | 'host_pid' | 'host_paths' | 'cap_add' | 'devices';

/** Capabilities that give a container power over the host or its other tenants. */
export const DANGEROUS_CAPABILITIES = new Set([
  'ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH',
  'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SYSLOG', 'LINUX_IMMUTABLE', 'NET_RAW',
]);

const ENGINE_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/**
 * What a stack file may ask for. Stack files are committed by teams and applied by CI with the keys
 * to the engine (root on the host, in effect): a server gets host-level power only when the file
 * says so in its top-level `allow:` list, where reviewers see it in a diff.
 */
export function checkPolicy(stack: StackFile, servers: readonly EffectiveServer[], doc: LocatedDocument, ctx: ParseContext): Diagnostic[] {
  const allowed = new Set<string>(stack.allow ?? []);
  const out: Diagnostic[] = [];
  const refuse = (permission: Permission, at: string, what: string, key = false): void => {
    if (allowed.has(permission)) return;
    out.push({
      severity: 'error',
      message: `${what}; add "${permission}" to the top-level allow: list to permit it`,
      location: key ? doc.keyAt(at) : doc.valueAt(at),
    });
  };
  const project = path.resolve(ctx.dir);
  for (const s of servers) {
    const e = s.entry;
    if (e.privileged === true) refuse('privileged', s.origin('privileged'), `server "${s.name}" asks for privileged: full control of the host`);
    if (e.network_mode === 'host') refuse('host_network', s.origin('network_mode'), `server "${s.name}" asks for the host's network stack`);
    if (e.pid === 'host') refuse('host_pid', s.origin('pid'), `server "${s.name}" asks for the host's process namespace`);
    (e.devices ?? []).forEach((d, i) => refuse('devices', pointer(s.origin('devices'), i), `server "${s.name}" asks for host device ${d.split(':')[0] ?? d}`));
    (e.cap_add ?? []).forEach((c, i) => {
      const cap = c.toUpperCase().replace(/^CAP_/, '');
      if (DANGEROUS_CAPABILITIES.has(cap)) refuse('cap_add', pointer(s.origin('cap_add'), i), `server "${s.name}" asks for capability ${cap}, which gives power over the host`);
    });
    (e.volumes ?? []).forEach((v, i) => {
      const parsed = parseVolume(v);
      if (!parsed.ok || parsed.value.type !== 'bind') return;
      const source = path.resolve(ctx.dir, expandHome(parsed.value.source, ctx.env));
      const at = pointer(s.origin('volumes'), i);
      if (ENGINE_SOCKETS.has(source)) refuse('docker_socket', at, `server "${s.name}" mounts the Docker engine socket: root-equivalent control of the host`);
      else if (source !== project && !source.startsWith(`${project}${path.sep}`)) {
        refuse('host_paths', at, `server "${s.name}" mounts ${source}, outside the project directory ${project}`);
      }
    });
  }
  return out;
}
