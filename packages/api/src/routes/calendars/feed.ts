import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimitPlugin from '../../plugins/rate-limit.js';
import { renderCalendarFeed } from '../../services/calendars/render-feed.js';
import { CALENDAR_TYPE } from './index.js';
import { calendarFeedSchema } from './schemas.js';

/**
 * The subscription feeds calendar apps poll: no Authorization (they cannot send one), the token in
 * the URL is the credential. Outside the API-key scope, limited per client address.
 */
const calendarFeedRoutes: FastifyPluginAsyncTypebox<{
  rateLimitMax: number;
  rateLimitWindowMs: number;
  rateLimitAuthFailuresMax: number;
  rateLimitRedis?: { url: string; prefix: string } | undefined;
}> = async (app, options) => {
  await app.register(rateLimitPlugin, {
    max: options.rateLimitMax,
    timeWindowMs: options.rateLimitWindowMs,
    authFailuresMax: options.rateLimitAuthFailuresMax,
    redis: options.rateLimitRedis,
  });
  app.get('/calendar-feeds/:token', { schema: calendarFeedSchema }, async (request, reply) => {
    const token = request.params.token.slice(0, -'.ics'.length);
    const ics = await renderCalendarFeed({
      ctx: { db: app.database.db, now: () => new Date() },
      input: { token },
    });
    return reply.type(CALENDAR_TYPE).header('cache-control', 'private, no-store').send(Buffer.from(ics));
  });
};

export default calendarFeedRoutes;
