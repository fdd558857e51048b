import { created } from '../../http/created.js';
import type { RoutePlugin } from '../../http/types.js';
import { createCalendarFeed } from '../../services/calendars/create-feed.js';
import { getMeetingIcs } from '../../services/calendars/meeting-ics.js';
import { revokeCalendarFeed } from '../../services/calendars/revoke-feed.js';
import { createCalendarFeedSchema, getMeetingIcsSchema, revokeCalendarFeedSchema } from './schemas.js';

export const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

/** Calendars (RFC 5545): a meeting as an event, and the student's subscription feed. */
const calendarRoutes: RoutePlugin = async (app) => {
  app.get('/meetings/:id/ics', { schema: getMeetingIcsSchema }, async (request, reply) => {
    const ics = await getMeetingIcs({ ctx: request.ctx, input: request.params });
    // A Buffer: sent as it is, past the JSON serializer.
    return reply
      .type(CALENDAR_TYPE)
      .header('content-disposition', `attachment; filename="meeting-${request.params.id}.ics"`)
      .send(Buffer.from(ics));
  });
  app.post('/students/:id/calendar-feed', { schema: createCalendarFeedSchema }, async (request, reply) => {
    const feed = await createCalendarFeed({ ctx: request.ctx, input: { studentId: request.params.id } });
    reply.header('cache-control', 'no-store');
    return created(reply, feed.path, feed);
  });
  app.delete('/students/:id/calendar-feed', { schema: revokeCalendarFeedSchema }, async (request, reply) => {
    await revokeCalendarFeed({ ctx: request.ctx, input: { studentId: request.params.id } });
    return reply.code(204).send(null);
  });
};

export default calendarRoutes;
