import * as path from 'node:path';
import type { Diagnostic } from '../errors';
import { pointer, type LocatedDocument } from './located-yaml';
import type { StackFile } from './stack-file.generated';
import { effectiveServers, isRemote, type EffectiveServer } from './effective-server';
import type { ParseContext, PathKind } from './spec-host';
import { expandHome } from './normalise';
import { parseVolume } from './value-parsers';

export type Permission = 'privileged' | 'docker_socket' | 'host_network' | 'host_pid' | 'host_paths' | 'cap_add' | 'devices' | 'stack_dir';

/** Capabilities that give a container power over the host or its other tenants. */
export const DANGEROUS_CAPABILITIES = new Set([
  'ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH',
  'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SYSLOG', 'LINUX_IMMUTABLE', 'NET_RAW',
]);

/** What a container keeps of Docker's default capability set unless it drops them (moby's oci/caps/defaults.go). */
export const DOCKER_DEFAULT_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

const ENGINE_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/**
 * The files that govern what the servers may do, resolved: the stack file, its .env, every
 * env_file, the lockfile and the proposals directory beside it. Pure over the host's answers.
 */
function governingFiles(servers: readonly EffectiveServer[], ctx: ParseContext): { real: string; what: string }[] {
  const at = (p: string, what: string): { real: string; what: string } => ({ real: ctx.host.resolve(p).real, what });
  const file = path.resolve(ctx.file);
  const lock = /\.ya?ml$/i.test(file) ? file.replace(/\.ya?ml$/i, '.lock') : `${file}.lock`;
  const envFiles = servers.flatMap((s) => (typeof s.entry.env_file === 'string' ? [s.entry.env_file] : (s.entry.env_file ?? [])));
  return [
    at(file, 'the stack file'),
    at(lock, 'the lockfile'),
    at(`${file}.proposals`, 'the control tools\' proposals'),
    ...(ctx.dotenv !== undefined ? [at(ctx.dotenv, 'its .env')] : []),
    ...envFiles.map((f) => at(path.resolve(ctx.dir, expandHome(f, ctx.env)), 'an env_file')),
  ];
}

/** Directories that are the host's, never a project's: a stack file there (or `dir: '/'`) is judged as having none. */
const SYSTEM_DIRS: ReadonlySet<string> = new Set(['/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var']);

/** What a host path named in the file is used as, and so what it must be. */
type PathUse = { what: string; expect: 'file' | 'directory' | 'bind' };

/**
 * What a stack file may ask for. Stack files are committed by teams and applied by CI with the keys
 * to the engine (root on the host, in effect): a server gets host-level power only when the file
 * says so in its top-level `allow:` list, where reviewers see it in a diff.
 *
 * Host paths are judged by what they are, not how they are spelled: every symbolic link is followed
 * first (`./hostroot -> /` is the host's root), and a file that is read or mounted as one must be a
 * regular file. The checks run on every load, so `apply` and each reconcile of `watch` judge the
 * links as they are then; what gets mounted is the resolved path (see normalise).
 */
export function checkPolicy(stack: StackFile, servers: readonly EffectiveServer[], doc: LocatedDocument, ctx: ParseContext): Diagnostic[] {
  const allowed = new Set<string>(stack.allow ?? []);
  const out: Diagnostic[] = [];
  const error = (at: string, message: string, key = false): void => {
    out.push({ severity: 'error', message, location: key ? doc.keyAt(at) : doc.valueAt(at) });
  };
  const refuse = (permission: Permission, at: string, what: string, key = false): void => {
    if (!allowed.has(permission)) error(at, `${what}; add "${permission}" to the top-level allow: list to permit it`, key);
  };
  const project = ctx.host.resolve(path.resolve(ctx.dir)).real;
  // A project directory that is the root or a system directory holds the host: nothing is inside it.
  const noProject = ctx.noProjectDir === true || SYSTEM_DIRS.has(project);
  const inside = (real: string): boolean => !noProject && (real === project || real.startsWith(`${project}${path.sep}`));
  const outside = noProject ? (ctx.noProjectDir === true ? 'and a stack written in code without a dir has no project directory' : `and the project directory ${project} is a system directory, so nothing counts as inside it`) : `outside the project directory ${project}`;
  const judged = new Set<string>();
  const judge = (at: string, written: string, use: PathUse, base = ctx.dir): void => {
    if (judged.has(at)) return;
    judged.add(at);
    const abs = path.resolve(base, expandHome(written, ctx.env));
    const { real, kind } = ctx.host.resolve(abs);
    const shown = real === abs ? written : `${written} (a link to ${real})`;
    if (kind !== 'missing' && !fits(kind, use.expect)) {
      if (use.expect === 'bind' && kind === 'other') refuse('devices', at, `${use.what} ${shown}, a device or FIFO: access to host hardware`);
      else if (!(use.expect === 'bind' && kind === 'socket')) return error(at, `${use.what} ${shown}, which is ${describe(kind)}, not ${use.expect === 'directory' ? 'a directory' : 'a regular file'}`);
    }
    if (ENGINE_SOCKETS.has(real)) return refuse('docker_socket', at, `${use.what} ${shown}, the Docker engine socket: root-equivalent control of the host`);
    if (!inside(real)) refuse('host_paths', at, `${use.what} ${shown}, ${outside}`);
  };

  const governing = governingFiles(servers, ctx);
  /** A bind is judged by what the container could write: never the files that say what it may do. */
  const judgeWrites = (at: string, s: EffectiveServer, source: string, readOnly: boolean): void => {
    const { real } = ctx.host.resolve(path.resolve(ctx.dir, expandHome(source, ctx.env)));
    const prefix = real.endsWith(path.sep) ? real : `${real}${path.sep}`;
    const held = governing.filter((g) => g.real === real || g.real.startsWith(prefix));
    if (held.length === 0) return;
    const what = [...new Set(held.map((g) => g.what))].join(', ');
    if (!readOnly) error(at, `server "${s.name}" mounts ${source} writable, and it holds ${what}: the server could rewrite what it may do; mount it :ro (with allow: [stack_dir]) or mount a directory that does not hold them`);
    else refuse('stack_dir', at, `server "${s.name}" mounts ${source}, which holds ${what}: the server can read them`);
  };

  for (const s of servers) {
    const e = s.entry;
    if (e.privileged === true) refuse('privileged', s.origin('privileged'), `server "${s.name}" asks for privileged: full control of the host`);
    if (e.network_mode === 'host') refuse('host_network', s.origin('network_mode'), `server "${s.name}" asks for the host's network stack`);
    if (e.pid === 'host') refuse('host_pid', s.origin('pid'), `server "${s.name}" asks for the host's process namespace`);
    (e.devices ?? []).forEach((d, i) => refuse('devices', pointer(s.origin('devices'), i), `server "${s.name}" asks for host device ${d.split(':')[0] ?? d}`));
    checkCapabilities(s, refuse);
    (e.volumes ?? []).forEach((v, i) => {
      const parsed = parseVolume(v);
      if (parsed.ok && parsed.value.type === 'bind') {
        judge(pointer(s.origin('volumes'), i), parsed.value.source, { what: `server "${s.name}" mounts`, expect: 'bind' });
        judgeWrites(pointer(s.origin('volumes'), i), s, parsed.value.source, parsed.value.readOnly);
      }
    });
    const envFiles = typeof e.env_file === 'string' ? [e.env_file] : (e.env_file ?? []);
    envFiles.forEach((f, i) => judge(typeof e.env_file === 'string' ? s.origin('env_file') : pointer(s.origin('env_file'), i), f, { what: 'env_file', expect: 'file' }));
    if (e.build !== undefined) {
      const b = typeof e.build === 'string' ? { context: e.build } : e.build;
      const contextAt = typeof e.build === 'string' ? s.origin('build') : pointer(s.origin('build'), 'context');
      judge(contextAt, b.context, { what: `server "${s.name}" builds from`, expect: 'directory' });
      if ('dockerfile' in b && b.dockerfile !== undefined) {
        judge(pointer(s.origin('build'), 'dockerfile'), b.dockerfile, { what: `server "${s.name}" builds with the Dockerfile`, expect: 'file' }, path.resolve(ctx.dir, expandHome(b.context, ctx.env)));
      }
    }
    (e.develop?.watch ?? []).forEach((w, i) => judge(pointer(pointer(pointer(s.origin('develop'), 'watch'), i), 'path'), w.path, { what: `server "${s.name}" watches`, expect: 'bind' }));
  }
  if (ctx.dotenv !== undefined) {
    const { real } = ctx.host.resolve(ctx.dotenv);
    if (!inside(real)) refuse('host_paths', '', `.env (a link to ${real}) is ${outside}`);
  }
  for (const [name, secret] of Object.entries(stack.secrets ?? {})) judge(pointer(pointer('/secrets', name), 'file'), secret.file, { what: `secret "${name}" reads`, expect: 'file' });
  if (stack.tls?.ca_file !== undefined) judge('/tls/ca_file', stack.tls.ca_file, { what: 'ca_file', expect: 'file' });
  // A remote server's signing key is read (and signs what its authorization server asks): judged as a mount is.
  for (const r of effectiveServers(stack).filter(isRemote)) {
    const key = r.entry.auth?.private_key_file;
    if (key !== undefined) judge(pointer(r.origin('auth'), 'private_key_file'), key, { what: `server "${r.name}": auth.private_key_file`, expect: 'file' });
  }
  // The audit trail is written: where it goes is judged as a write is, after resolution, and never through a link.
  const audit = stack.gateway?.audit;
  if (typeof audit === 'object') {
    const abs = path.resolve(ctx.dir, expandHome(audit.file, ctx.env));
    if (ctx.host.resolve(abs).real !== abs && ctx.host.resolve(path.dirname(abs)).real === path.dirname(abs)) {
      error('/gateway/audit/file', `gateway.audit.file ${audit.file} is a link: the trail is never written through one`);
    } else judge('/gateway/audit/file', audit.file, { what: 'gateway.audit.file', expect: 'file' });
  }
  return out;
}

/**
 * The capabilities the container will have, judged as a set: Docker's defaults unless cap_drop
 * drops them (the default here is cap_drop: [ALL]), plus cap_add. `cap_drop: []` keeps NET_RAW.
 */
function checkCapabilities(s: EffectiveServer, refuse: (p: Permission, at: string, what: string) => void): void {
  const norm = (c: string): string => c.toUpperCase().replace(/^CAP_/, '');
  const drop = new Set((s.entry.cap_drop ?? ['ALL']).map(norm));
  (s.entry.cap_add ?? []).forEach((c, i) => {
    if (DANGEROUS_CAPABILITIES.has(norm(c))) refuse('cap_add', pointer(s.origin('cap_add'), i), `server "${s.name}" asks for capability ${norm(c)}, which gives power over the host`);
  });
  if (drop.has('ALL')) return;
  const added = new Set((s.entry.cap_add ?? []).map(norm));
  const kept = DOCKER_DEFAULT_CAPABILITIES.filter((c) => !drop.has(c) && !added.has(c) && DANGEROUS_CAPABILITIES.has(c));
  if (kept.length > 0) {
    refuse('cap_add', s.origin('cap_drop'), `server "${s.name}" keeps Docker's default capability ${kept.join(', ')}, which gives power over the host (cap_drop does not drop it; the default is [ALL])`);
  }
}

function fits(kind: PathKind, expect: PathUse['expect']): boolean {
  if (expect === 'bind') return kind === 'file' || kind === 'directory';
  return kind === expect;
}

function describe(kind: PathKind): string {
  switch (kind) {
    case 'directory':
      return 'a directory';
    case 'socket':
      return 'a socket';
    case 'other':
      return 'a device or FIFO';
    default:
      return 'a file';
  }
}
