import nodemailer from 'nodemailer';

export interface ReminderEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable across retries, so a mailbox can tell a resend from a new reminder. */
  messageId: string;
  reminderId: string;
  /** The meeting the reminder is about, as an iCalendar object (RFC 5545) to attach. */
  calendar?: { method: 'PUBLISH' | 'CANCEL'; content: string } | undefined;
}

export interface Mailer {
  send(email: ReminderEmail): Promise<void>;
  close(): void;
}

/** Email over SMTP (nodemailer); `smtpUrl` carries host, port, TLS and credentials. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (email) => {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        headers: { 'X-Infoview-Reminder-Id': email.reminderId },
        // nodemailer's calendar part: text/calendar alternative plus an invite.ics attachment.
        ...(email.calendar
          ? {
              icalEvent: {
                filename: 'invite.ics',
                method: email.calendar.method,
                content: email.calendar.content,
              },
            }
          : {}),
      });
    },
    close: () => transport.close(),
  };
}
