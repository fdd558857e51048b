import type { ReminderRow } from '../../db/schema/reminders.js';
import { isCalledOff, type MeetingSource } from '../../services/calendars/meeting-event.js';
import { meetingIcs } from '../../services/calendars/meeting-ics.js';
import { meetingSourcesOf } from '../../services/calendars/meeting-sources.js';
import { localDateTime } from '../local-time.js';
import type { ReminderEmail } from '../transports/smtp.js';
import { classifyReport, defineChannel, type ReminderStudent } from './channel.js';

/**
 * The whole email of a reminder: subject, text and headers, and the meeting it is about as an
 * .ics (the same event `GET /meetings/{id}/ics` answers). Everything a message says is built here.
 */
export function buildReminderEmail(
  reminder: ReminderRow,
  student: ReminderStudent & { email: string },
  deliveryId: string,
  meeting?: MeetingSource,
): ReminderEmail {
  const due = localDateTime(reminder.dueAt, student.timeZone);
  return {
    to: student.email,
    subject: reminder.payload.title,
    text: `${reminder.payload.title}\n\nDue ${due.replace('T', ' ')} (${student.timeZone}).\n\nReminder ${reminder.id} (${reminder.payload.ruleId}).\n`,
    // Stable across retries, so a mailbox can tell a resend from a new reminder.
    messageId: `<${deliveryId}@reminders.infoview>`,
    reminderId: reminder.id,
    ...(meeting
      ? {
          calendar: {
            method: isCalledOff(meeting.state) ? 'CANCEL' : 'PUBLISH',
            content: meetingIcs(meeting),
          },
        }
      : {}),
  };
}

/** The meetings a batch of reminders is about, by interview id (of the reminder's own tenant). */
type Meetings = Map<string, MeetingSource & { tenantId: string }>;

const meetingOf = (reminder: ReminderRow, meetings: Meetings) => {
  const meeting = reminder.interviewId ? meetings.get(reminder.interviewId) : undefined;
  return meeting && meeting.tenantId === reminder.tenantId ? meeting : undefined;
};

const hasEmail = (student: ReminderStudent | undefined): student is ReminderStudent & { email: string } =>
  Boolean(student?.email);

/** An email to the student's address over SMTP, when the operator configured `SMTP_URL`. */
export const emailChannel = defineChannel<Meetings, ReminderEmail | null>({
  name: 'email',
  description: "the student's address",
  kinds: ['task'],
  choosable: true,
  byDefault: true,
  open(env) {
    return {
      load: (reminders) =>
        env.mailer
          ? meetingSourcesOf(
              env.db,
              reminders.flatMap((r) => (r.interviewId ? [r.interviewId] : [])),
            )
          : Promise.resolve(new Map()),
      plan: (_reminder, student) => (env.mailer && hasEmail(student) ? [''] : []),
      build: ({ reminder, delivery, student, context }) =>
        hasEmail(student)
          ? buildReminderEmail(reminder, student, delivery.id, meetingOf(reminder, context ?? new Map()))
          : null,
      send: async (email) => {
        if (!env.mailer || !email)
          return { statusCode: null, error: 'email is not configured for this student', gone: true };
        await env.mailer.send(email);
        return { statusCode: null, error: null };
      },
      classify: classifyReport,
    };
  },
});
