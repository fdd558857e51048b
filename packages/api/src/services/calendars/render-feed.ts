import { and, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import { ICalAlarmType } from 'ical-generator';
import { calendarFeeds } from '../../db/schema/calendar-feeds.js';
import { contacts } from '../../db/schema/contacts.js';
import { interviews } from '../../db/schema/interviews.js';
import { tasks } from '../../db/schema/tasks.js';
import { ServiceError } from '../../errors.js';
import type { SystemContext } from '../context.js';
import { hashFeedToken } from './feed-token.js';
import { addMeetingEvent, meetingChangesOf, newCalendar, UID_DOMAIN } from './meeting-event.js';
import { renderCalendar } from './render.js';

/** Past meetings stay in the feed this long, so a calendar app does not drop last week's. */
const PAST_MEETINGS_MS = 90 * 24 * 3600_000;

/**
 * A student's subscription feed, found by the token in its URL (the only credential a calendar
 * app can send): their meetings (standing and called off) and the due times of their open and
 * snoozed tasks, each task with an alarm at its reminder time. Unknown and revoked tokens are the
 * same 404.
 */
export async function renderCalendarFeed({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { token: string };
}): Promise<string> {
  const [feed] = await ctx.db
    .select({ tenantId: calendarFeeds.tenantId, studentId: calendarFeeds.studentId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.hash, hashFeedToken(input.token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) throw new ServiceError('calendar_feed.not_found');
  const since = new Date(ctx.now().getTime() - PAST_MEETINGS_MS);
  const [meetings, due] = await Promise.all([
    ctx.db
      .select({
        interviewId: interviews.id,
        state: interviews.state,
        facts: interviews.facts,
        contactName: contacts.name,
        organization: contacts.organization,
        meetingChanges: meetingChangesOf,
        updatedAt: interviews.updatedAt,
      })
      .from(interviews)
      .innerJoin(contacts, eq(contacts.id, interviews.contactId))
      .where(
        and(
          eq(interviews.tenantId, feed.tenantId),
          eq(interviews.studentId, feed.studentId),
          isNotNull(interviews.meetingAt),
          gte(interviews.meetingAt, since),
        ),
      ),
    ctx.db
      .select({
        id: tasks.id,
        title: tasks.title,
        dueAt: tasks.dueAt,
        remindAt: tasks.remindAt,
        snoozedUntil: tasks.snoozedUntil,
        updatedAt: tasks.updatedAt,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.tenantId, feed.tenantId),
          eq(tasks.studentId, feed.studentId),
          inArray(tasks.status, ['open', 'snoozed']),
        ),
      ),
  ]);
  const calendar = newCalendar('Informational interviews');
  for (const meeting of meetings) addMeetingEvent(calendar, meeting);
  for (const task of due) {
    // A snoozed task comes back at its snooze's end: that is when the student wants to see it.
    const at = task.snoozedUntil && task.snoozedUntil > task.dueAt ? task.snoozedUntil : task.dueAt;
    const remind = task.snoozedUntil ?? task.remindAt;
    calendar.createEvent({
      id: `task-${task.id}@${UID_DOMAIN}`,
      stamp: task.updatedAt,
      start: at,
      end: new Date(at.getTime() + 15 * 60_000),
      summary: task.title,
      alarms: [
        {
          type: ICalAlarmType.display,
          trigger: new Date(Math.min(remind.getTime(), at.getTime())),
          description: task.title,
        },
      ],
    });
  }
  return renderCalendar(calendar);
}
