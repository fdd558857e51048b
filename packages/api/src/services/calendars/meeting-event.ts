import type { InterviewState } from '@infoview/core';
import { sql } from 'drizzle-orm';
import ical, { ICalAlarmType, type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { InterviewFacts } from '../../db/schema/interviews.js';
import { interviewEvents } from '../../db/schema/interviews.js';

/** What a meeting's VEVENT is made of: the interview, its contact and how often it was moved. */
export interface MeetingSource {
  interviewId: string;
  state: InterviewState;
  facts: InterviewFacts;
  contactName: string;
  organization: string | null;
  /** Timeline entries that set the meeting (scheduled, or moved): `SEQUENCE` counts them. */
  meetingChanges: number;
  updatedAt: Date;
}

/** The interview states in which a meeting that was set no longer takes place. */
const CALLED_OFF: ReadonlySet<InterviewState> = new Set(['cancelled', 'withdrawn']);

/** The UID domain: a meeting's UID is its interview's id, which never changes when it moves. */
export const UID_DOMAIN = 'infoview';

/**
 * `count(*)` of an interview's timeline entries that carried a meeting (the reply that set it, each
 * schedule_meeting that set or moved it), for {@link MeetingSource.meetingChanges}.
 */
export const meetingChangesOf = sql<number>`(
  select count(*)::int from ${interviewEvents}
  where ${interviewEvents.interviewId} = "interviews"."id" and ${interviewEvents.data} -> 'meeting' is not null
)`;

export const isCalledOff = (state: InterviewState) => CALLED_OFF.has(state);

/** A calendar of Infoview's, its instants in UTC (`…Z`), so no VTIMEZONE is needed. */
export function newCalendar(
  name: string,
  method: ICalCalendarMethod = ICalCalendarMethod.PUBLISH,
): ICalCalendar {
  return ical({ name, method, prodId: { company: 'Infoview', product: 'Infoview', language: 'EN' } });
}

/**
 * Adds a meeting as a VEVENT: the UID is the interview's, SEQUENCE grows each time the meeting is
 * moved (and once more when it is called off), a called-off meeting is STATUS:CANCELLED.
 */
export function addMeetingEvent(calendar: ICalCalendar, source: MeetingSource): void {
  const meeting = source.facts.meeting;
  if (!meeting) return;
  const calledOff = isCalledOff(source.state);
  const with_ = source.organization ? `${source.contactName} (${source.organization})` : source.contactName;
  calendar.createEvent({
    id: `${source.interviewId}@${UID_DOMAIN}`,
    sequence: Math.max(0, source.meetingChanges - 1) + (calledOff ? 1 : 0),
    stamp: source.updatedAt,
    start: new Date(meeting.at),
    end: new Date(meeting.at + meeting.durationMinutes * 60_000),
    summary: `Informational interview with ${with_}`,
    location: meeting.location ?? null,
    status: calledOff ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    alarms: calledOff
      ? []
      : [{ type: ICalAlarmType.display, trigger: 3600, description: 'Informational interview in 1 hour' }],
  });
}

export { ICalCalendarMethod };
