import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { ADDRESS_NOT_ALLOWED, OutboundError } from './outbound-errors.js';

type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/**
 * Resolves `hostname` and refuses it when any answer is an address the policy forbids (a name
 * with one private answer is treated as private). Returns the addresses to connect to.
 */
export async function resolveAllowed(
  policy: AddressPolicy,
  hostname: string,
  resolve: Resolve = systemResolve,
): Promise<LookupAddress[]> {
  const allowedName = policy.allowsName(hostname);
  // RFC 6761: `localhost` and every name under it are loopback, whatever a resolver says.
  if (!allowedName && /(^|\.)localhost\.?$/i.test(hostname)) {
    throw new OutboundError(
      ADDRESS_NOT_ALLOWED,
      'the endpoint resolves to an address webhooks may not reach',
    );
  }
  const addresses = await resolve(hostname);
  if (allowedName) return addresses;
  if (addresses.length === 0 || addresses.some((a) => !policy.allowsAddress(a.address))) {
    throw new OutboundError(
      ADDRESS_NOT_ALLOWED,
      'the endpoint resolves to an address webhooks may not reach',
    );
  }
  return addresses;
}

/**
 * A `lookup` for `net.connect`/`tls.connect`: the socket connects to exactly the address checked
 * here, so a second (rebinding) DNS answer can never switch it to another one.
 */
export function guardedLookup(policy: () => AddressPolicy, resolve?: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(policy(), hostname, resolve).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          const error = Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' });
          return callback(error, '', 4);
        }
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
