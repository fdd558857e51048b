import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { guardedLookup } from './guarded-lookup.js';
import { ADDRESS_NOT_ALLOWED, describeOutboundError, OutboundError } from './outbound-errors.js';
import { outboundPolicy } from './outbound-policy.js';

/**
 * An undici `connect` that checks every connection against the outbound policy: a literal
 * address before connecting, a host name through {@link guardedLookup} (the socket uses the
 * checked answer). Connection errors are retold without the address that answered.
 */
export function guardedConnector(options: { timeoutMs: number }): buildConnector.connector {
  const connect = buildConnector({ timeout: options.timeoutMs, lookup: guardedLookup(outboundPolicy) });
  return (target, callback) => {
    // undici passes IPv6 literals without brackets; name lookups never run for a literal.
    if (isIP(target.hostname) && !outboundPolicy().allowsAddress(target.hostname)) {
      const error = new OutboundError(
        ADDRESS_NOT_ALLOWED,
        'the endpoint resolves to an address webhooks may not reach',
      );
      queueMicrotask(() => callback(error, null));
      return;
    }
    connect(target, (error, socket) => {
      if (error) callback(describeOutboundError(error), null);
      else callback(null, socket!);
    });
  };
}
