import { BlockList, isIP } from 'node:net';

/** Ranges no webhook may reach unless the operator allows them: loopback, private, link-local, … */
const BLOCKED_SUBNETS: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", including 0.0.0.0 (which Linux routes to loopback)
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // CGNAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and 255.255.255.255
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  // IPv4-compatible, NAT64 and 6to4: an IPv4 address spelled as IPv6. (BlockList checks an
  // IPv4-mapped ::ffff:a.b.c.d against the IPv4 rules above itself.)
  ['::', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 23, 'ipv6'], // IETF protocol assignments (Teredo among them)
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique-local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const blocked = new BlockList();
for (const [address, prefix, family] of BLOCKED_SUBNETS) blocked.addSubnet(address, prefix, family);

const familyOf = (address: string): 'ipv4' | 'ipv6' | null => {
  const v = isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
};

/** `[::1]` (a URL's hostname) → `::1`. */
export const unbracket = (host: string): string =>
  host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;

/**
 * Which addresses outbound webhook traffic may reach: public unicast only, unless the operator's
 * allowlist (`WEBHOOK_ALLOW_PRIVATE_HOSTS`: host names, addresses or CIDR ranges) names them.
 * Addresses are parsed by `node:net` (never matched as text), so every spelling is one address.
 */
export class AddressPolicy {
  private readonly allowedNames: Set<string>;
  private readonly allowedAddresses = new BlockList();

  constructor(readonly allowlist: readonly string[] = []) {
    this.allowedNames = new Set();
    for (const entry of allowlist) {
      const parsed = parseAllowEntry(entry);
      if (parsed.kind === 'name') this.allowedNames.add(parsed.name);
      else this.allowedAddresses.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  /** True when the operator allowed this host name, whatever it resolves to. */
  allowsName(hostname: string): boolean {
    return this.allowedNames.has(hostname.toLowerCase().replace(/\.$/, ''));
  }

  /** True when a connection to `address` (a literal IPv4 or IPv6 address) is allowed. */
  allowsAddress(address: string): boolean {
    const ip = unbracket(address);
    const family = familyOf(ip);
    if (!family) return false;
    if (this.allowedAddresses.check(ip, family)) return true;
    return !blocked.check(ip, family);
  }
}

type AllowEntry =
  | { kind: 'name'; name: string }
  | { kind: 'subnet'; address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** Parses one allowlist entry; throws a plain Error naming what is wrong (config.ts reports it). */
export function parseAllowEntry(raw: string): AllowEntry {
  const entry = unbracket(raw.trim());
  const [address, prefixText, extra] = entry.split('/');
  const family = familyOf(address!);
  if (family) {
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`"${raw}" is not an address or CIDR range`);
    }
    return { kind: 'subnet', address: address!, prefix, family };
  }
  if (
    prefixText !== undefined ||
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry)
  ) {
    throw new Error(`"${raw}" is not a host name, an address or a CIDR range`);
  }
  return { kind: 'name', name: entry.toLowerCase() };
}
