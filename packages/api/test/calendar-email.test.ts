// A reminder about an interview with a meeting carries the meeting as an iCalendar part, parsed
// back here with ical.js from what a real SMTP server on loopback received.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { reminders } from '../src/db/schema/reminders.js';
import { students } from '../src/db/schema/students.js';
import { createMailer } from '../src/reminders/transports/smtp.js';
import { call, drivers, useTestApp } from './helper.js';
import { dispatcherFor, reminderConfig, seedReminders } from './reminders/fixtures.js';

/** The invite.ics attachment of a raw MIME message (nodemailer sends it base64-encoded). */
function icsAttachmentOf(raw: string): string {
  const part = /Content-Type: application\/ics;[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(raw);
  expect(part, raw).not.toBeNull();
  return Buffer.from(part![1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
}

describe.each(drivers.slice(0, 1))('the meeting in its email reminder (%s)', (driver) => {
  const t = useTestApp(driver);

  it('attaches the meeting as text/calendar (METHOD:PUBLISH, its UID and instants), then as CANCEL', async () => {
    const messages: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          messages.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const mailer = createMailer(
      `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      'Infoview <reminders@example.org>',
    );
    try {
      const { tenantId, adminKey } = await t.tenant();
      const student = (
        await call(t.app, 'POST', '/students', {
          key: adminKey,
          body: { externalId: `mail-${crypto.randomUUID()}`, name: 'Ada Byron', timeZone: 'Europe/London' },
        })
      ).json() as { id: string };
      await t.database.db
        .update(students)
        .set({ email: 'ada@example.org' })
        .where(eq(students.id, student.id));
      const contact = (
        await call(t.app, 'POST', '/contacts', {
          key: adminKey,
          body: {
            studentId: student.id,
            name: 'Pat Chen',
            email: 'pat@acme.example',
            source: 'alumni_directory',
          },
        })
      ).json() as { id: string };
      const interview = await call(t.app, 'POST', '/interviews', {
        key: adminKey,
        body: { contactId: contact.id },
      });
      let etag = interview.headers.etag as string;
      const id = interview.json().id as string;
      const act = async (action: string, body: unknown) => {
        const res = await call(t.app, 'POST', `/interviews/${id}/${action}`, {
          key: adminKey,
          body,
          headers: { 'if-match': etag },
        });
        expect(res.statusCode, res.body).toBe(200);
        etag = res.headers.etag as string;
      };
      const at = new Date(Math.round((Date.now() + 3 * 86_400_000) / 60_000) * 60_000);
      await act('attempts', { channel: 'email' });
      await act('reply', { response: 'accepted', meeting: { at: at.toISOString(), durationMinutes: 30 } });

      const sendOne = async (key: string) => {
        // Due in a minute, and this dispatcher runs two ahead: the app's own driver (no mailer) cannot take it.
        await seedReminders(t.database.db, tenantId, student.id, [
          { key, remindAt: new Date(Date.now() + 60_000), interviewId: id },
        ]);
        const ahead = () => new Date(Date.now() + 120_000);
        await dispatcherFor(t.database.db, reminderConfig(), { mailer, clock: ahead }).dispatchDue({
          tenantId,
        });
        const [row] = await t.database.db.select().from(reminders).where(eq(reminders.sourceKey, key));
        expect(row!.status).toBe('delivered');
        const raw = messages.find((m) => m.includes(row!.id));
        expect(raw).toBeDefined();
        const text = icsAttachmentOf(raw!);
        const calendar = new ICAL.Component(ICAL.parse(text));
        const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
        return {
          method: calendar.getFirstPropertyValue('method'),
          event,
          vevent: calendar.getFirstSubcomponent('vevent')!,
        };
      };

      const standing = await sendOne('meeting-mail-1');
      expect(standing.method).toBe('PUBLISH');
      expect(standing.event.uid).toBe(`${id}@infoview`);
      expect(standing.event.startDate.toJSDate().getTime()).toBe(at.getTime());
      expect(standing.event.endDate.toJSDate().getTime()).toBe(at.getTime() + 30 * 60_000);

      await act('meeting/cancel', { reason: 'cancelled' });
      const cancelled = await sendOne('meeting-mail-2');
      expect(cancelled.method).toBe('CANCEL');
      expect(cancelled.event.uid).toBe(`${id}@infoview`);
      expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(cancelled.event.sequence).toBe(1);
    } finally {
      mailer.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
