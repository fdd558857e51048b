import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { findSession, type SessionCredential } from '../services/sessions/authenticate.js';
import { isSessionSecret } from '../services/sessions/secret.js';
import { bearerOf } from './bearer.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session the bearer token names, looked up once (CORS, then authentication). */
    sessionCredential: Promise<SessionCredential | undefined> | undefined;
  }
}

/**
 * The session named by the request's bearer token (undefined: none, or not a session secret).
 * CORS needs its tenant's allowed origins before authentication runs; both share one query.
 */
export function sessionCredentialOf(request: FastifyRequest, db: Db): Promise<SessionCredential | undefined> {
  if (request.sessionCredential) return request.sessionCredential;
  const token = bearerOf(request);
  request.sessionCredential =
    token && isSessionSecret(token.secret)
      ? findSession({ ctx: { db, now: () => new Date() }, input: { hash: token.hash } })
      : Promise.resolve(undefined);
  return request.sessionCredential;
}

/**
 * Whether a page of `origin` may use a session of a tenant allowing `allowed`: listed, or the
 * API's own origin (the sample portal is served from there). A browser always sends the true
 * Host for a cross-origin call, so a foreign page never passes the second test.
 */
export function originAllowed(request: FastifyRequest, origin: string, allowed: readonly string[]): boolean {
  return allowed.includes(origin) || origin === `${request.protocol}://${request.host}`;
}
