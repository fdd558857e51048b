import { and, eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { interviews } from '../../db/schema/interviews.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import {
  addMeetingEvent,
  ICalCalendarMethod,
  isCalledOff,
  type MeetingSource,
  meetingChangesOf,
  newCalendar,
} from './meeting-event.js';
import { renderCalendar } from './render.js';

/** A meeting the caller may see, with what its VEVENT needs; undefined when it has none. */
export async function findMeeting(
  ctx: ServiceContext,
  interviewId: string,
): Promise<MeetingSource | undefined> {
  const [row] = await ctx.db
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
      and(visibleStudents(ctx, interviews.tenantId, interviews.studentId), eq(interviews.id, interviewId)),
    );
  return row?.facts.meeting ? row : undefined;
}

/**
 * A meeting as an iCalendar object (RFC 5545): METHOD:PUBLISH while it stands, METHOD:CANCEL with
 * STATUS:CANCELLED once it is called off. The meeting's id is its interview's.
 */
export async function getMeetingIcs({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<string> {
  const source = await findMeeting(ctx, input.id);
  if (!source) throw new ServiceError('meeting.not_found', `No meeting for interview ${input.id}`);
  return meetingIcs(source);
}

export function meetingIcs(source: MeetingSource): string {
  const calendar = newCalendar(
    'Informational interview',
    isCalledOff(source.state) ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  );
  addMeetingEvent(calendar, source);
  return renderCalendar(calendar);
}
