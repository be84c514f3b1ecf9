import ipaddr from 'ipaddr.js';

/**
 * Whether an address may be reached by a request the file asks for without `allow: [private_urls]`:
 * only global unicast. Loopback, private, link-local (cloud metadata: 169.254.169.254), shared
 * (CGNAT), unique-local, multicast, unspecified and reserved ranges are not, and neither are the
 * forms that embed an IPv4 address in IPv6 (mapped, 6to4, Teredo, NAT64), judged by what they embed
 * or refused. Returns the range's name when it is not public, undefined when it is.
 */
export function nonPublicRange(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : RANGE_NAMES[range] ?? range;
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local (cloud metadata)',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'shared (carrier-grade NAT)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

/** Whether a URL's host names this machine: a loopback address, or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  return ipaddr.isValid(bare) && nonPublicRange(bare) === 'loopback';
}
