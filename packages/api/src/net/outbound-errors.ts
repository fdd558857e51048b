/**
 * An outbound connection failed. The message says what happened in words a tenant may read in
 * the delivery log ("connection refused"), never which address or port answered: otherwise the
 * log works as a scanner of the network the service runs in.
 */
export class OutboundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export const ADDRESS_NOT_ALLOWED = 'ERR_ADDRESS_NOT_ALLOWED';

const MESSAGES: Record<string, string> = {
  [ADDRESS_NOT_ALLOWED]: 'the endpoint resolves to an address webhooks may not reach',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ENODATA: 'the host name does not resolve',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
};

/** The same failure, told without addresses; keeps `code` so callers still tell timeouts apart. */
export function describeOutboundError(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  const code = String((error as { code?: unknown })?.code ?? 'ERR_CONNECTION_FAILED');
  const tls = code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED/.test(code);
  return new OutboundError(code, MESSAGES[code] ?? (tls ? 'TLS handshake failed' : 'connection failed'));
}
