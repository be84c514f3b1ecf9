/** Listen hosts that reach only this machine (an IPv6 one with or without brackets). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Host names a listener on `listenHost` answers to (DNS-rebinding protection): loopback, itself, and the ones configured. */
export function allowedHostsFor(listenHost: string, extra: readonly string[] = []): string[] {
  return [...new Set(['localhost', '127.0.0.1', '[::1]', listenHost, ...extra])];
}

/** `http://host:port` as a client on this machine reaches a listener on `host`: a wildcard listener on loopback. */
export function localBase(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
