import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bearerOf } from '../src/http/bearer.js';
import { generateApiKey, hashApiKey } from '../src/services/api-keys/secret.js';

const requestWith = (authorization: string) =>
  ({ headers: { authorization }, bearerToken: undefined }) as unknown as FastifyRequest;

describe('bearerOf', () => {
  it('gives the token and its sha256', () => {
    const secret = generateApiKey(false);
    expect(bearerOf(requestWith(`bearer  ${secret}`))).toEqual({ secret, hash: hashApiKey(secret) });
  });

  it('parses once per request and refuses anything but a bearer token', () => {
    const request = requestWith(`Bearer ${generateApiKey(true)}`);
    expect(bearerOf(request)).toBe(bearerOf(request));
    expect(bearerOf(requestWith('Basic dXNlcjpwYXNz'))).toBeNull();
    expect(bearerOf(requestWith('Bearer a b'))).toBeNull();
  });
});
