import type { IEnvVar } from 'kubernetes-models/v1/EnvVar' with { 'resolution-mode': 'import' };
import type { ServerSpec } from '../../stack-file/stack-spec';

/**
 * A server's command, arguments and labels as a manifest may hold them: a value that came from a
 * variable (`--password=${PGPASSWORD}`) may be a secret, so it is never written. An argument
 * becomes `$(MCPO_ARGS_2)`, which the kubelet expands from an env entry read from the server's
 * Secret; the `kubectl create secret` hint makes that key from the same variables, as written.
 * Labels cannot refer to a Secret: one that read a variable is left out, with a warning.
 */
export interface RenderedValues {
  readonly entrypoint?: string[];
  readonly command?: string[];
  readonly args: string[];
  /** Env entries the references above need, read from `secret`. */
  readonly env: IEnvVar[];
  /** Secret key -> its `kubectl create secret` argument. */
  readonly keys: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly warnings: string[];
  readonly errors: string[];
}

type ListField = 'entrypoint' | 'command' | 'args';

export function renderedValues(s: ServerSpec, secret: string): RenderedValues {
  const env: IEnvVar[] = [];
  const keys: Record<string, string> = {};
  const warnings: string[] = [];
  const errors: string[] = [];
  const list = (field: ListField, values: readonly string[] | undefined): string[] | undefined => {
    if (values === undefined) return undefined;
    const templates = s.variables?.[field] ?? {};
    if (templates['*'] !== undefined) {
      errors.push(`server "${s.name}": ${field} is one string whose variable's value splits into words; in Kubernetes a value from a variable is a Secret reference, so write ${field} as a list`);
    }
    return values.map((value, i) => {
      const template = templates[String(i)];
      if (template === undefined) return literal(value);
      const name = `MCPO_${field.toUpperCase()}_${i}`;
      const key = `${field}-${i}`;
      env.push({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
      keys[key] = `--from-literal=${key}=${shellDoubleQuoted(template)}`;
      return `$(${name})`;
    });
  };
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(s.labels)) {
    const template = s.variables?.labels?.[key];
    if (template === undefined) annotations[key] = value;
    else warnings.push(`server "${s.name}": label ${key} reads a variable (${template}), and a manifest's labels and annotations cannot refer to a Secret: it is left out`);
  }
  const entrypoint = list('entrypoint', s.entrypoint);
  const command = list('command', s.command);
  const args = list('args', s.args) ?? [];
  return { ...(entrypoint && { entrypoint }), ...(command && { command }), args, env, keys, annotations, warnings, errors };
}

/** The `kubectl create secret` argument for an env key: its value made from the variables it was made of. */
export function envKeyHint(s: ServerSpec, key: string): string {
  return `--from-literal=${key}=${shellDoubleQuoted(s.variables?.env?.[key] ?? `\${${key}}`)}`;
}

/** A value the kubelet would otherwise expand: `$(X)` is written `$$(X)`. */
export function literal(value: string): string {
  return value.replace(/\$\(/g, '$$$$(');
}

/**
 * What the file wrote, as a POSIX shell double-quoted word that expands to the same value: its
 * `${VAR}`, `$VAR` and `${VAR:-default}` are the shell's own forms; `$$` (a literal `$`), any other `$`
 * and the characters special inside double quotes are escaped.
 */
export function shellDoubleQuoted(template: string): string {
  // `$(...)` and backticks would run commands in the user's shell: a `$` that starts no variable is text.
  const escaped = template.replace(/\$\$|\$(?![{A-Za-z_])|[\\"`]/g, (m) => (m === '$$' || m === '$' ? '\\$' : `\\${m}`));
  return `"${escaped}"`;
}
