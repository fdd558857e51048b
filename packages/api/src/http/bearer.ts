import type { FastifyRequest } from 'fastify';
import { hashApiKey } from '../services/api-keys/secret.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The parsed bearer token, once {@link bearerOf} has read it (null: none). */
    bearerToken: BearerToken | null | undefined;
  }
}

/** `Authorization: Bearer <token>`: the token and its sha256 (the stored hash of an API key). */
export interface BearerToken {
  secret: string;
  hash: string;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The request's bearer token, parsed and hashed once per request: the rate limiter buckets by the
 * hash and authentication looks the key up by it.
 */
export function bearerOf(request: FastifyRequest): BearerToken | null {
  let token = request.bearerToken;
  if (token !== undefined) return token;
  const match = BEARER.exec(request.headers.authorization ?? '');
  token = match ? { secret: match[1]!, hash: hashApiKey(match[1]!) } : null;
  request.bearerToken = token;
  return token;
}
