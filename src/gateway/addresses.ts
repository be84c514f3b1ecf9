/** Listen hosts that reach only this machine (an IPv6 one with or without brackets). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** `http://host:port` as a client on this machine reaches a listener on `host`: a wildcard listener on loopback. */
export function localBase(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
