import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
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
          JSON.stringify([
            request.method,
            request.url,
            request.ctx.actor.apiKeyId,
            request.ctx.actor.actingAs ? request.ctx.actor.studentId : null,
            request.body ?? null,
          ]),
        )
        .digest('hex');
      const outcome = await beginIdempotentRequest({
        ctx: request.ctx,
        input: { key, fingerprint, ttlHours: options.ttlHours },
      });
      if (outcome.kind === 'replay') {
        const { status, headers, body } = outcome.response;
        return reply.code(status).headers(headers).header('idempotent-replayed', 'true').send(body);
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
