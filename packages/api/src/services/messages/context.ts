import type { MessageContext, MessageKind, MessagePerson, StudentProfile } from '@infoview/core';
import { and, eq, inArray } from 'drizzle-orm';
import { type ContactRow, contacts } from '../../db/schema/contacts.js';
import { students } from '../../db/schema/students.js';
import type { ServiceContext } from '../context.js';
import { findVisibleInterview } from '../interviews/find.js';

const person = (c: ContactRow): MessagePerson => ({
  name: c.name,
  organization: c.organization,
  title: c.title,
  source: c.source,
  known: c.known,
  foundVia: c.foundVia,
});

/**
 * The profile templates read, completed from the student record: a student created with a `name`
 * and no first or last name (as docs/integration.md does) still signs a message; the record's
 * email is the profile's unless the profile has its own.
 */
export function profileOf(student: {
  name: string;
  email: string | null;
  profile: StudentProfile;
}): StudentProfile {
  const words = student.name.trim().split(/\s+/).filter(Boolean);
  const named = student.profile.firstName !== undefined || student.profile.lastName !== undefined;
  return {
    ...(named || words.length === 0
      ? {}
      : { firstName: words[0], ...(words.length > 1 ? { lastName: words.slice(1).join(' ') } : {}) }),
    ...(student.email ? { email: student.email } : {}),
    ...student.profile,
  };
}

/**
 * What templates and the lint may say about an interview: the student's profile, the contact, the
 * referrer, topics, learned points and the meeting. For a report-back the recipient is the
 * referrer and the interview's contact is the person they referred.
 */
export async function messageContextOf(ctx: ServiceContext, kind: MessageKind, interviewId: string) {
  const interview = await findVisibleInterview(ctx, interviewId);
  const [student] = await ctx.db
    .select({
      timeZone: students.timeZone,
      name: students.name,
      email: students.email,
      profile: students.profile,
    })
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), eq(students.id, interview.studentId)));
  const [contact] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, interview.contactId)));
  const [referrer] = contact?.referrerContactId
    ? await ctx.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, ctx.tenantId), inArray(contacts.id, [contact.referrerContactId])))
    : [];
  const meeting = interview.facts.meeting;
  const reportBack = kind === 'report_back' && referrer;
  const context: MessageContext = {
    student: { timeZone: student!.timeZone, profile: profileOf(student!) },
    contact: person(reportBack ? referrer : contact!),
    referrer: referrer && !reportBack ? person(referrer) : null,
    referred: reportBack ? person(contact!) : null,
    topics: interview.topics,
    learnedPoints: interview.facts.learnedPoints,
    meeting: meeting
      ? {
          startsAt: meeting.at,
          endsAt: meeting.at + (interview.facts.actualMinutes ?? meeting.durationMinutes) * 60_000,
        }
      : null,
  };
  return { interview, context };
}
