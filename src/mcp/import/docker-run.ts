import { hostPath, splitVolume } from './host-paths';
import { redacted, stackArgs, stackValue, type ValueContext } from './stack-values';

/** A server mapped from a client config entry, with what was dropped and the named volumes it uses. */
export interface Mapped {
  readonly server: Record<string, unknown>;
  readonly notes: string[];
  readonly volumes: string[];
}

/** docker run flags that take a value: without this list, a flag's value would be taken for the image. */
const VALUE_FLAGS = new Set([
  '-e', '--env', '-v', '--volume', '-p', '--publish', '-u', '--user', '-w', '--workdir', '--name', '--network', '--net',
  '--env-file', '--mount', '--entrypoint', '--cap-add', '--cap-drop', '-m', '--memory', '--cpus', '--pids-limit', '--restart',
  '-l', '--label', '--add-host', '--dns', '-h', '--hostname', '--platform', '--pull', '--security-opt', '--tmpfs', '--device',
  '--ulimit', '--log-driver', '--log-opt', '--stop-timeout', '--stop-signal', '--shm-size', '--ipc', '--pid', '--gpus',
  '--runtime', '--group-add', '--memory-swap', '--cpu-shares', '--cpuset-cpus', '--expose', '--network-alias', '--ip',
]);
/** Short flags that take a value, also written attached: -eKEY=V, -v/a:/b. */
const SHORT_VALUE = /^-([evpuwmlh])(.+)$/;

/**
 * `docker run -i --rm -e KEY -v a:b image args...`: flags that have a stack file key are mapped;
 * others are listed as dropped, with secret values masked. `envFileExists` says whether an
 * --env-file path exists beside the stack file (one that does not would make it invalid).
 */
export function fromDockerRun(args: readonly string[], env: Record<string, string>, ctx: ValueContext, envFileExists: (p: string) => boolean): Mapped | undefined {
  if (args[0] !== 'run') return undefined;
  const server: Record<string, unknown> = {};
  const notes: string[] = [];
  const volumes: string[] = [];
  const named: string[] = [];
  const ports: string[] = [];
  const capAdd: string[] = [];
  const capDrop: string[] = [];
  const resources: Record<string, string | number> = {};
  const labels: Record<string, string> = {};
  const dropped = (flag: string, value: string | undefined): void => {
    const shown = value === undefined ? '' : ` ${String((redacted([flag, value]) as unknown[])[1])}`;
    notes.push(`docker flag ${flag}${shown} has no stack file key and was dropped`);
  };
  const volume = (source: string, rest: string, spelled: string): void => {
    const p = hostPath(source);
    if (p.kind === 'path' && (p.host === '.' || p.host === './')) {
      // The workspace holds the stack file: a server that could write it could widen what it may do.
      volumes.push(`.${rest.replace(/:(ro|rw)$/, '')}:ro`);
      notes.push(`volume ${spelled}: the workspace is mounted read-only, since it holds this stack file; to let the server write there, keep the stack file outside the directory it mounts`);
    } else if (p.kind === 'path') volumes.push(`${p.host}${rest}`);
    else if (p.kind === 'windows') notes.push(`volume ${spelled}: ${source} is a Windows path, not a path on this engine's host; mount the right path with volumes:`);
    else if (/^[a-z0-9][a-z0-9_-]*$/.test(source)) {
      volumes.push(`${source}${rest}`);
      named.push(source);
    } else notes.push(`volume ${spelled} was dropped: "${source}" is neither a host path nor a volume name the stack file accepts (lowercase letters, digits, _ and -)`);
  };
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-')) break;
    if (/^-[itd]{2,}$/.test(a)) continue;
    const short = SHORT_VALUE.exec(a);
    const [flag, inline] = short ? [`-${short[1] ?? ''}`, short[2]] : a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = inline ?? (VALUE_FLAGS.has(flag) ? args[++i] : undefined);
    switch (flag) {
      case '-i': case '--interactive': case '--rm': case '-t': case '--tty': case '--init': case '-d': case '--detach': case '--name':
        break;
      case '-e':
      case '--env': {
        const v = value ?? '';
        const eq = v.indexOf('=');
        // -e KEY passes the variable through from the client's env entry (or the shell: a ${KEY} reference).
        if (eq > 0) env[v.slice(0, eq)] = v.slice(eq + 1);
        else if (!Object.hasOwn(env, v)) env[v] = `\${${v}}`;
        break;
      }
      case '-v':
      case '--volume': {
        if (!value) break;
        const { source, rest } = splitVolume(value);
        volume(source, rest, value);
        break;
      }
      case '--mount': {
        const m = parseMount(value ?? '');
        if (m === undefined || m.type === 'tmpfs') dropped(flag, value);
        else volume(m.source, `:${m.target}${m.readOnly ? ':ro' : ''}`, value ?? '');
        break;
      }
      case '--network':
      case '--net':
        if (value === 'host' || value === 'none') server['network_mode'] = value;
        else dropped(flag, value);
        break;
      case '-p': case '--publish': if (value) ports.push(value); break;
      case '-u': case '--user': if (value) server['user'] = value; break;
      case '-w': case '--workdir': if (value) server['working_dir'] = value; break;
      case '--read-only': server['read_only'] = true; break;
      case '--env-file':
        if (value && envFileExists(value)) server['env_file'] = value;
        else if (value) notes.push(`--env-file ${value} does not exist beside the stack file: create it there, then add env_file: ${value}`);
        break;
      case '--entrypoint': if (value) server['entrypoint'] = value; break;
      case '--cap-add': if (value) capAdd.push(value); break;
      case '--cap-drop': if (value) capDrop.push(value); break;
      case '-m': case '--memory': if (value) resources['memory'] = value; break;
      case '--cpus': if (value) resources['cpus'] = Number(value); break;
      case '--pids-limit': if (value) resources['pids'] = Number(value); break;
      case '--restart':
        if (value && ['no', 'on-failure', 'always', 'unless-stopped'].includes(value)) server['restart'] = value;
        break;
      case '-l':
      case '--label': {
        const [k = '', v = ''] = (value ?? '').split(/=(.*)/s);
        if (k) labels[k] = v;
        break;
      }
      default:
        dropped(flag, value);
    }
  }
  const image = args[i];
  if (image === undefined) return undefined;
  const rest = args.slice(i + 1);
  return {
    volumes: named,
    server: {
      image,
      ...(rest.length && { args: stackArgs(rest, ctx) }),
      ...(volumes.length && { volumes: volumes.map((v) => stackValue(v, ctx)) }),
      ...(ports.length && { ports }),
      ...(capAdd.length && { cap_add: capAdd }),
      ...(capDrop.length && { cap_drop: capDrop }),
      ...(Object.keys(resources).length && { resources }),
      ...(Object.keys(labels).length && { labels }),
      ...server,
    },
    notes,
  };
}

/** `type=bind,source=/a,target=/b,readonly` (src, dst, destination, ro, readonly=true/false). */
function parseMount(spec: string): { type: string; source: string; target: string; readOnly: boolean } | undefined {
  const fields = new Map<string, string>();
  for (const part of csvFields(spec)) {
    const eq = part.indexOf('=');
    fields.set((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), eq === -1 ? 'true' : part.slice(eq + 1).trim());
  }
  const source = fields.get('source') ?? fields.get('src');
  const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
  if (source === undefined || target === undefined) return undefined;
  const ro = fields.get('readonly') ?? fields.get('ro');
  return { type: fields.get('type') ?? 'volume', source, target, readOnly: ro !== undefined && ro !== 'false' && ro !== '0' };
}

/** docker reads --mount as one CSV record: a field may be quoted (`"src=C:\\a,b"`), and `""` in one is a quote. */
function csvFields(spec: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] ?? '';
    if (quoted) {
      if (c === '"' && spec[i + 1] === '"') field += spec[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
