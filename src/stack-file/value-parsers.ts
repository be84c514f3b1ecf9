/** Parsers for the short string syntaxes of the format. Each returns a value or a message for people. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

export interface PortBinding {
  readonly hostIp?: string;
  readonly hostPort?: number;
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
}

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** `[host_ip:]host:container[/proto]`, `container[/proto]` or an integer; IPv6 host IPs in brackets. */
export function parsePort(input: string | number): Parsed<PortBinding> {
  const text = String(input).trim();
  const usage = `invalid port "${text}": expected [host_ip:]host_port:container_port[/tcp|udp] or a container port`;
  const [spec = '', proto = 'tcp', extra] = text.split('/');
  if (extra !== undefined || (proto !== 'tcp' && proto !== 'udp')) return fail(usage);
  let hostIp: string | undefined;
  let rest = spec;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(spec);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  if (hostIp !== undefined && !/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]+)$/.test(hostIp)) return fail(usage);
  if (parts.length === 1) {
    const c = port(parts[0] ?? '');
    return c === undefined || hostIp !== undefined ? fail(usage) : ok({ containerPort: c, protocol: proto });
  }
  if (parts.length !== 2) return fail(usage);
  const h = port(parts[0] ?? '');
  const c = port(parts[1] ?? '');
  if (h === undefined || c === undefined) return fail(usage);
  return ok(hostIp === undefined ? { hostPort: h, containerPort: c, protocol: proto } : { hostIp, hostPort: h, containerPort: c, protocol: proto });
}

export type VolumeMount =
  | { readonly type: 'bind'; readonly source: string; readonly target: string; readonly readOnly: boolean }
  | { readonly type: 'volume'; readonly source: string; readonly target: string; readonly readOnly: boolean };

/** `source:target[:ro|rw]`; a source starting with /, ., or ~ is a host path, otherwise a named volume. */
export function parseVolume(text: string): Parsed<VolumeMount> {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) {
    return fail(`invalid volume "${text}": expected source:target[:ro|rw] (a host path like ./data:/data, or a named volume like data:/data)`);
  }
  const [source = '', target = '', mode = 'rw'] = parts;
  if (source === '') return fail(`invalid volume "${text}": the source before ":" is empty`);
  if (!target.startsWith('/')) return fail(`invalid volume "${text}": the container path "${target}" must be absolute`);
  if (mode !== 'ro' && mode !== 'rw') return fail(`invalid volume "${text}": mode "${mode}" must be ro or rw`);
  const readOnly = mode === 'ro';
  if (/^[/.~]/.test(source)) return ok({ type: 'bind', source, target, readOnly });
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(source)) {
    return fail(`invalid volume "${text}": "${source}" is neither a host path (start it with /, ./ or ~) nor a volume name`);
  }
  return ok({ type: 'volume', source, target, readOnly });
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Beyond what the engine's int64 fields hold exactly in JSON: refused here rather than failing at apply. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** The engine multiplies seconds into an int64 of nanoseconds; a year is far beyond any real stop timeout. */
export const MAX_DURATION_SECONDS = 365 * 24 * 3600;

/** Bytes from `536870912`, `512m`, `512MB`, `1.5g`, `1GiB` (powers of 1024, as Docker reads them). */
export function parseSize(input: string | number): Parsed<number> {
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input <= 0) return fail(`invalid size ${input}: expected a positive number of bytes`);
    return input <= MAX_EXACT ? ok(input) : fail(`invalid size ${input}: more than the engine accepts (at most ${MAX_EXACT} bytes)`);
  }
  const m = /^(\d{1,20}(?:\.\d{1,20})?)\s*([kmgt]?)(?:i?b)?$/i.exec(input.trim());
  const unit = SIZE_UNITS[(m?.[2] ?? '').toLowerCase()];
  if (!m || unit === undefined) return fail(`invalid size "${input}": expected bytes or a number with a unit, like 512m or 1g`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes > MAX_EXACT) return fail(`invalid size "${input}": more than the engine accepts (at most ${MAX_EXACT} bytes)`);
  return bytes > 0 ? ok(bytes) : fail(`invalid size "${input}": must be more than 0`);
}

/** Whole seconds from `30`, `10s`, `1m30s`, `2h`. */
export function parseDurationSeconds(input: string | number): Parsed<number> {
  const bounded = (seconds: number): Parsed<number> =>
    seconds <= MAX_DURATION_SECONDS ? ok(seconds) : fail(`invalid duration "${input}": at most ${MAX_DURATION_SECONDS} seconds (a year)`);
  if (typeof input === 'number') return bounded(input);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(input.trim());
  if (!m || input.trim() === '') {
    const plain = /^\d+$/.test(input.trim()) ? Number(input.trim()) : undefined;
    return plain === undefined ? fail(`invalid duration "${input}": expected seconds or a duration like 10s, 1m30s`) : bounded(plain);
  }
  return bounded(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
}

/** Splits a shell-like command string on white space, honouring single and double quotes. */
export function splitCommand(input: string): Parsed<string[]> {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < input.length) cur += input[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push(cur);
      cur = '';
      started = false;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      started = true;
    } else {
      cur += c;
      started = true;
    }
  }
  if (quote) return fail(`unterminated ${quote} quote in "${input}"`);
  if (started) out.push(cur);
  return ok(out);
}

// The grammar of distribution/reference (reference.go), which the engine itself applies.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** An image reference as the engine reads one: [registry[:port]/]path[:tag][@digest]. */
export function parseImageReference(ref: string): Parsed<string> {
  if (ref.length <= 255 + 128 + 80 && IMAGE_REFERENCE.test(ref)) return { ok: true, value: ref };
  const hint = /[A-Z]/.test(ref.split(/[:@]/)[0]?.split('/').slice(-1)[0] ?? '') ? ' (repository names are lowercase)' : '';
  return { ok: false, message: `"${ref}" is not an image reference: expected [registry[:port]/]name[:tag][@digest]${hint}` };
}
