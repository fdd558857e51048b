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

/** How long a token that authenticated keeps its memoised hash after its last use. */
const TOKEN_MEMO_TTL_MS = 5000;
/** Tokens memoised at most; past it the memo starts again. */
const TOKEN_MEMO_CAPACITY = 1000;

/**
 * The sha256 of tokens that recently authenticated, by token: a client sends the same key on every
 * request, and hashing it again cost a few microseconds of a one-row read. Only
 * {@link rememberToken}, called once a key has authenticated, adds to it, so a made-up token is
 * always hashed and cannot fill it. A token stays in memory (never written anywhere) until
 * {@link TOKEN_MEMO_TTL_MS} after its last use; the memo grants nothing by itself: a revoked key's
 * hash still finds no live key.
 */
const tokenHashes = new Map<string, { hash: string; lastUsed: number }>();

function hashOf(secret: string): string {
  const memo = tokenHashes.get(secret);
  if (memo) {
    const now = Date.now();
    if (now - memo.lastUsed <= TOKEN_MEMO_TTL_MS) {
      memo.lastUsed = now;
      return memo.hash;
    }
    tokenHashes.delete(secret);
  }
  return hashApiKey(secret);
}

/** Memoises the hash of a token that has just authenticated (see {@link tokenHashes}). */
export function rememberToken(token: BearerToken): void {
  if (tokenHashes.has(token.secret)) return;
  if (tokenHashes.size >= TOKEN_MEMO_CAPACITY) tokenHashes.clear();
  tokenHashes.set(token.secret, { hash: token.hash, lastUsed: Date.now() });
}

/**
 * The request's bearer token, parsed and hashed once per request: the rate limiter buckets by the
 * hash and authentication looks the key up by it.
 */
export function bearerOf(request: FastifyRequest): BearerToken | null {
  let token = request.bearerToken;
  if (token !== undefined) return token;
  const match = BEARER.exec(request.headers.authorization ?? '');
  token = match ? { secret: match[1]!, hash: hashOf(match[1]!) } : null;
  request.bearerToken = token;
  return token;
}
