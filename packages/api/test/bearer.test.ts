import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bearerOf, rememberToken } from '../src/http/bearer.js';
import { generateApiKey, hashApiKey } from '../src/services/api-keys/secret.js';

const requestWith = (authorization: string) =>
  ({ headers: { authorization }, bearerToken: undefined }) as unknown as FastifyRequest;

describe('bearerOf', () => {
  it('gives the sha256 of the token, whether or not it was remembered', () => {
    const secret = generateApiKey(false);
    const first = bearerOf(requestWith(`Bearer ${secret}`));
    expect(first).toEqual({ secret, hash: hashApiKey(secret) });
    rememberToken(first!);
    // A later request reads the memoised hash: still the token's own.
    expect(bearerOf(requestWith(`bearer  ${secret}`))).toEqual({ secret, hash: hashApiKey(secret) });
    // Another token never gets the remembered one's hash.
    const other = generateApiKey(false);
    expect(bearerOf(requestWith(`Bearer ${other}`))?.hash).toBe(hashApiKey(other));
  });

  it('parses once per request and refuses anything but a bearer token', () => {
    const request = requestWith(`Bearer ${generateApiKey(true)}`);
    expect(bearerOf(request)).toBe(bearerOf(request));
    expect(bearerOf(requestWith('Basic dXNlcjpwYXNz'))).toBeNull();
    expect(bearerOf(requestWith('Bearer a b'))).toBeNull();
  });
});
