import type { ReminderRow } from '../../db/schema/reminders.js';
import { localDateTime } from '../local-time.js';
import type { ReminderEmail } from '../transports/smtp.js';
import { classifyReport, defineChannel, type ReminderStudent } from './channel.js';

/**
 * The whole email of a reminder: subject, text and headers. Everything a message says is built
 * here (an attachment, such as an .ics of the due time, would be added here too).
 */
export function buildReminderEmail(
  reminder: ReminderRow,
  student: ReminderStudent & { email: string },
  deliveryId: string,
): ReminderEmail {
  const due = localDateTime(reminder.dueAt, student.timeZone);
  return {
    to: student.email,
    subject: reminder.payload.title,
    text: `${reminder.payload.title}\n\nDue ${due.replace('T', ' ')} (${student.timeZone}).\n\nReminder ${reminder.id} (${reminder.payload.ruleId}).\n`,
    // Stable across retries, so a mailbox can tell a resend from a new reminder.
    messageId: `<${deliveryId}@reminders.infoview>`,
    reminderId: reminder.id,
  };
}

const hasEmail = (student: ReminderStudent | undefined): student is ReminderStudent & { email: string } =>
  Boolean(student?.email);

/** An email to the student's address over SMTP, when the operator configured `SMTP_URL`. */
export const emailChannel = defineChannel<undefined, ReminderEmail | null>({
  name: 'email',
  description: "the student's address",
  kinds: ['task'],
  choosable: true,
  byDefault: true,
  open(env) {
    return {
      plan: (_reminder, student) => (env.mailer && hasEmail(student) ? [''] : []),
      build: ({ reminder, delivery, student }) =>
        hasEmail(student) ? buildReminderEmail(reminder, student, delivery.id) : null,
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
