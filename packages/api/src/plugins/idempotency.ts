import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { ServiceError } from '../errors.js';
import { canonicalJson } from '../lib/canonical-json.js';
import type { Actor } from '../services/context.js';
import { beginIdempotentRequest } from '../services/idempotency/begin.js';
import { completeIdempotentRequest } from '../services/idempotency/complete.js';
import { purgeExpiredIdempotencyKeys } from '../services/idempotency/purge.js';
import { releaseIdempotentRequest } from '../services/idempotency/release.js';
import { addOptionalHeader } from './route-headers.js';
import { addRouteHook, routeMethods } from './route-hooks.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: a POST whose response holds a secret that must not be stored to replay (sessions). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key and its response must be stored. */
    idempotencyRecordId: string | null;
  }
}

export interface IdempotencyOptions {
  ttlHours: number;
  /** How often expired keys are purged; 0 disables the timer (tests). */
  purgeIntervalMs?: number;
}

const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The response headers a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

/**
 * Who besides the key the request is for: the student an integration key acts as, or a browser
 * session's student or advisor (sessions are idempotent under the key that minted them, so that a
 * retry with a refreshed session replays, but one student's key never replays another's).
 */
const subjectOf = (actor: Actor): string | null =>
  actor.actingAs ? actor.studentId : actor.sessionId ? (actor.studentId ?? actor.advisorId) : null;

/**
 * The replay of a response that carried a secret: the secret is gone (never stored), so say so,
 * and give what the first response said about the resource (its id, its Location) without it.
 */
function secretAlreadyShown(status: number, body: string): ServiceError {
  return new ServiceError(
    'idempotency.secret_already_shown',
    'The first request with this Idempotency-Key succeeded and its secret was shown then, once. ' +
      'Rotate the webhook secret or issue another API key to get a new one.',
    { extensions: { originalStatus: status, resource: JSON.parse(body) as unknown } },
  );
}

/**
 * `Idempotency-Key` on every POST (draft-ietf-httpapi-idempotency-key-header): the same key and
 * request replay the stored response (`Idempotent-Replayed: true`), the same key with another
 * request is a 422, and while the first is still running a 409.
 */
export default fp<IdempotencyOptions>(
  async (app, options) => {
    app.decorateRequest('idempotencyRecordId', null);

    const begin = async (request: FastifyRequest, reply: FastifyReply, key: string) => {
      const fingerprint = createHash('sha256')
        .update(
          canonicalJson([
            request.method,
            request.url,
            request.ctx.actor.apiKeyId,
            subjectOf(request.ctx.actor),
            request.body ?? null,
          ]),
        )
        .digest('hex');
      const outcome = await beginIdempotentRequest({
        ctx: request.ctx,
        input: { key, fingerprint, ttlHours: options.ttlHours },
      });
      if (outcome.kind === 'replay') {
        const { status, headers, body, secretWithheld } = outcome.response;
        // A replay is the caller's own earlier answer: no cache between may keep it.
        reply.headers(headers).header('idempotent-replayed', 'true').header('cache-control', 'no-store');
        if (secretWithheld) throw secretAlreadyShown(status, body);
        return reply.code(status).send(body);
      }
      request.idempotencyRecordId = outcome.recordId;
    };
    // Callback hooks, async only for a request with a key: without one it costs no promise.
    const claim: preHandlerHookHandler = (request, reply, done) => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (request.method !== 'POST' || typeof key !== 'string') return done();
      begin(request, reply, key).then(() => done(), done);
    };

    const complete = async (
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      recordId: string,
    ) => {
      if (reply.statusCode >= 500) {
        // Our failure, not the client's: let a retry run again.
        await releaseIdempotentRequest({ ctx: request.ctx, input: { recordId } });
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await completeIdempotentRequest({
        ctx: request.ctx,
        input: {
          recordId,
          response: {
            status: reply.statusCode,
            headers,
            body: typeof payload === 'string' ? payload : String(payload ?? ''),
          },
        },
      });
    };
    const store: onSendHookHandler = (request, reply, payload, done) => {
      const recordId = request.idempotencyRecordId;
      if (!recordId) return done(null, payload);
      request.idempotencyRecordId = null;
      complete(request, reply, payload, recordId).then(() => done(null, payload), done);
    };

    // Every POST (but public ones) documents the header and gets both hooks; other routes get
    // neither, so a read runs no idempotency step at all.
    app.addHook('onRoute', (routeOptions) => {
      if (!routeMethods(routeOptions).includes('POST') || routeOptions.config?.public) return;
      if (routeOptions.config?.idempotent === false) return;
      addOptionalHeader(
        routeOptions,
        IDEMPOTENCY_HEADER,
        Type.String({
          minLength: 1,
          maxLength: 255,
          pattern: '^[\\x21-\\x7e]+$',
          description:
            'Makes the POST safe to retry: the same key and body replay the first response (kept ≥ 24 h)',
        }),
      );
      addRouteHook(routeOptions, 'preHandler', claim);
      addRouteHook(routeOptions, 'onSend', store);
    });

    const purgeIntervalMs = options.purgeIntervalMs ?? 3_600_000;
    if (purgeIntervalMs > 0) {
      const purge = () =>
        purgeExpiredIdempotencyKeys({ ctx: { db: app.database.db, now: app.clock } }).catch(
          (error: unknown) => app.log.warn({ err: error }, 'purging expired idempotency keys failed'),
        );
      const timer = setInterval(purge, purgeIntervalMs);
      timer.unref();
      app.addHook('onReady', async () => {
        await purge();
      });
      app.addHook('onClose', async () => clearInterval(timer));
    }
  },
  { name: 'idempotency', fastify: '5.x', dependencies: ['database', 'auth'] },
);
