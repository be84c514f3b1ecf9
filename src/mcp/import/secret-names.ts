/**
 * Secrets met during an import become ${VAR} references. One name stands for one value: the same
 * value seen twice shares its name; a different value under a name already taken gets a name of
 * its own (NAME_2), and a note says so. Values are compared, never stored in the output.
 */
export interface SecretReference {
  readonly variable: string;
  readonly server: string;
}

export const SECRET_KEY = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;
const KNOWN_PREFIX = /^(gh[pousr]_|github_pat_|sk-|sk_live_|rk_live_|xox[abpr]-|AKIA|ASIA|AIza|glpat-|eyJ|npm_|pypi-|hf_)[A-Za-z0-9_\-.]{8,}/;

/**
 * A value that looks like a credential by its shape alone: a known token prefix, or a long run of
 * token characters mixing letters and digits. Never a path or a URL: a long path is not a secret.
 */
export function looksLikeSecret(value: string): boolean {
  if (KNOWN_PREFIX.test(value)) return true;
  if (value.length < 32 || /[/\\\s:@]/.test(value) || value.startsWith('.') || value.startsWith('~')) return false;
  return /^[A-Za-z0-9+_=.-]+$/.test(value) && /[A-Za-z]/.test(value) && /[0-9]/.test(value);
}

export class SecretNames {
  /** Variable name -> what it stands for: a value, or where the client took one from. */
  private readonly identityOf = new Map<string, string>();
  private readonly nameOf = new Map<string, string>();
  readonly references: SecretReference[] = [];
  readonly notes: string[] = [];

  /**
   * The `${VAR}` for `value`. Without a value (the client takes it from elsewhere), `source` says
   * from where (`input:github_token`, `env:GITHUB_TOKEN`): two prompts or two variables are two
   * values however their names are spelled, and one prompt used twice is one.
   */
  reference(wanted: string, value: string | undefined, server: string, source = `env:${wanted}`): string {
    const base = variableName(wanted);
    const identity = value !== undefined ? `value\0${value}` : `source\0${source}`;
    let name = this.nameOf.get(identity);
    if (name === undefined) {
      name = base;
      for (let i = 2; this.identityOf.has(name) && this.identityOf.get(name) !== identity; i++) name = `${base}_${i}`;
      if (name !== base) this.notes.push(`server "${server}": its ${base} differs from another server's, so it is ${name}; set both`);
      this.identityOf.set(name, identity);
      this.nameOf.set(identity, name);
    }
    if (!this.references.some((r) => r.variable === name && r.server === server)) this.references.push({ variable: name, server });
    return `\${${name}}`;
  }
}

export function variableName(text: string): string {
  const n = text.toUpperCase().replace(/[^A-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z_]/.test(n) ? n : `V_${n}`;
}
