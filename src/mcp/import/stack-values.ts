import { looksLikeSecret, SECRET_KEY, type SecretNames } from './secret-names';

/** What turning one server's values into stack-file text needs and finds out. */
export interface ValueContext {
  readonly server: string;
  readonly secrets: SecretNames;
  /** Set when a value used ${workspaceFolder}: the workspace is then mounted at WORKSPACE. */
  usesWorkspace: boolean;
}

/** Where an imported server sees VS Code's ${workspaceFolder} (the stack file's directory). */
export const WORKSPACE = '/workspace';

// VS Code's variables; a password in a connection string; a bearer or basic credential.
const EMBEDDED =
  /\$\{(input|env):([^}]+)\}|\$\{(workspaceFolder|workspaceRoot)\}|([a-z][a-z0-9+.-]*:\/\/[^:@/\s]+:)([^@/\s]+)@|\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;

/**
 * A client-config string as stack-file text: "$" escaped for interpolation, VS Code's ${input:..}
 * and ${env:..} as variables to set, ${workspaceFolder} as the mounted workspace, and credentials
 * (the whole value by its name or shape, or a password or token inside it) as ${VAR} references.
 * `key`: the env key the value belongs to (its name is the reference's, and may say it is a secret).
 */
export function stackValue(raw: string, ctx: ValueContext, key?: string): string {
  const pure = /^\$\{(input|env):([^}]+)\}$/.exec(raw);
  if (pure !== null) return ctx.secrets.reference(pure[2] ?? '', undefined, ctx.server, `${pure[1] ?? ''}:${pure[2] ?? ''}`);
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(raw)) return ctx.secrets.reference(raw.slice(2, -1), undefined, ctx.server);
  if (looksLikeSecret(raw) || (key !== undefined && SECRET_KEY.test(key) && raw !== '' && !/^(true|false|\d{1,6})$/i.test(raw))) {
    return ctx.secrets.reference(key ?? `${ctx.server}_SECRET`, raw, ctx.server);
  }
  let out = '';
  let last = 0;
  for (const m of raw.matchAll(EMBEDDED)) {
    out += escape(raw.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) out += ctx.secrets.reference(m[2] ?? '', undefined, ctx.server, `${m[1].toLowerCase()}:${m[2] ?? ''}`);
    else if (m[3] !== undefined) {
      ctx.usesWorkspace = true;
      out += WORKSPACE;
    } else if (m[4] !== undefined) out += `${escape(m[4])}${ctx.secrets.reference(`${ctx.server}_PASSWORD`, m[5], ctx.server)}@`;
    else out += `${m[6] ?? ''}${m[7] ?? ' '}${ctx.secrets.reference(`${ctx.server}_TOKEN`, m[8], ctx.server)}`;
  }
  return out + escape(raw.slice(last));
}

function escape(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

const SECRET_FLAG = /^--?([a-z0-9-]*?(?:api[-_]?key|token|secret|password|passwd|pass|auth|credentials?|access[-_]?key|private[-_]?key|client[-_]?secret))$/i;

/**
 * Command-line arguments as stack-file text. A value after a secret-named flag (`--api-key V`,
 * `--token=V`) becomes a reference named after the flag; everything else goes through stackValue.
 */
export function stackArgs(args: readonly string[], ctx: ValueContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const eq = a.indexOf('=');
    const flag = a.startsWith('-') ? (eq > 0 ? a.slice(0, eq) : a) : undefined;
    const secretFlag = flag !== undefined ? SECRET_FLAG.exec(flag)?.[1] : undefined;
    if (secretFlag !== undefined && eq > 0) {
      out.push(`${flag ?? ''}=${ctx.secrets.reference(`${ctx.server}_${secretFlag}`, a.slice(eq + 1), ctx.server)}`);
    } else if (secretFlag !== undefined && i + 1 < args.length && !(args[i + 1] ?? '').startsWith('-')) {
      out.push(a, ctx.secrets.reference(`${ctx.server}_${secretFlag}`, args[++i], ctx.server));
    } else {
      out.push(stackValue(a, ctx));
    }
  }
  return out;
}

/** What an entry kept as a note may show: every string value passed through the same secret rules, masked. */
export function redacted(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    const assigned = /^(--?[^=]+=|-e ?|--env[= ])([A-Za-z_][A-Za-z0-9_]*=)?(.*)$/s.exec(value);
    if (assigned && (SECRET_FLAG.test((assigned[1] ?? '').replace(/=$/, '')) || SECRET_KEY.test(assigned[2] ?? ''))) return `${assigned[1] ?? ''}${assigned[2] ?? ''}***`;
  }
  if (typeof value === 'string') return SECRET_KEY.test(key) || looksLikeSecret(value) ? '***' : value.replace(EMBEDDED, (m, ...g: unknown[]) => (g[3] !== undefined ? `${String(g[3])}***@` : g[5] !== undefined ? `${String(g[5])} ***` : m));
  if (Array.isArray(value)) {
    return value.map((v, i) => (i > 0 && typeof value[i - 1] === 'string' && SECRET_FLAG.test(String(value[i - 1])) ? '***' : redacted(v)));
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v, k)]));
  return value;
}
