import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reminders } from '../../src/db/schema/reminders.js';
import { drivers, useTestApp } from '../helper.js';
import { seedReminders, seedStudent, seedTenant } from './fixtures.js';

describe.each(drivers)('the reminders outbox on %s', (driver) => {
  const t = useTestApp(driver);

  it('stamps updated_at with the real clock even when a test clock runs far ahead', async () => {
    // The post-commit enqueue looks for rows updated since the request began (real time): a row
    // moved under a sandbox test clock must still be found.
    const db = t.database.db;
    const { tenantId } = await seedTenant(db, { sandbox: true });
    const studentId = await seedStudent(db, tenantId);
    const testClock = () => new Date('2031-01-01T00:00:00Z');
    const due = new Date('2031-01-15T09:00:00Z');
    await seedReminders(db, tenantId, studentId, [{ key: 'follow_up.due:x', remindAt: due }], testClock);
    const before = new Date(Date.now() - 1000);
    // The task no longer applies: the pending row is cancelled (an update, dated by the test clock).
    await seedReminders(db, tenantId, studentId, [], testClock);
    const [row] = await db.select().from(reminders).where(eq(reminders.studentId, studentId));
    expect(row!.status).toBe('cancelled');
    expect(row!.cancelledAt).toEqual(testClock());
    expect(row!.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(row!.updatedAt.getTime()).toBeLessThan(Date.now() + 60_000);
  });
});
