/**
 * Host paths as client configs write them (`/Users/me/x`, `~/x`, `$HOME/x`, `${HOME}/x`,
 * `%USERPROFILE%\x`, VS Code's `${userHome}` and `${workspaceFolder}`, Windows `C:\x`), read as
 * what the stack file can say: a host path (`/x`, `~/x`, `./x`), or a Windows path, which names
 * nothing on a Linux engine's host and is reported instead of mounted.
 */
export type HostPath = { readonly kind: 'path'; readonly host: string } | { readonly kind: 'windows'; readonly text: string } | { readonly kind: 'none' };

const HOME_PREFIX = /^(?:~|\$HOME|\$\{HOME\}|\$\{userHome\}|%USERPROFILE%|%HOMEPATH%)(?=$|[/\\])/;
const WORKSPACE_PREFIX = /^\$\{(?:workspaceFolder|workspaceRoot)\}(?=$|[/\\])/;
const WINDOWS = /^(?:[A-Za-z]:[\\/]|\\\\)/;

export function hostPath(text: string): HostPath {
  if (WINDOWS.test(text) || (HOME_PREFIX.test(text) && text.includes('\\'))) return { kind: 'windows', text };
  if (HOME_PREFIX.test(text)) return { kind: 'path', host: text.replace(HOME_PREFIX, '~') };
  if (WORKSPACE_PREFIX.test(text)) return { kind: 'path', host: text.replace(WORKSPACE_PREFIX, '.') };
  if (text.startsWith('/') && !text.startsWith('//')) return { kind: 'path', host: text };
  return { kind: 'none' };
}

/** Where a host path is mounted in the container: absolute paths at themselves, home paths under /mnt/home, the workspace at /workspace. */
export function containerPathFor(host: string): string {
  if (host === '~' || host.startsWith('~/')) return `/mnt/home${host.slice(1)}`;
  if (host === '.' || host.startsWith('./')) return `/workspace${host.slice(1)}`;
  return host;
}

/** A docker -v source:target[:mode] split where a Windows drive letter's colon is not a separator. */
export function splitVolume(spec: string): { source: string; rest: string } {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const colon = spec.indexOf(':', drive);
  return colon === -1 ? { source: spec, rest: '' } : { source: spec.slice(0, colon), rest: spec.slice(colon) };
}
