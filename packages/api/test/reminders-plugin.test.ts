import { describe, expect, it, vi } from 'vitest';
import { call, drivers, useTestApp } from './helper.js';

describe.each(drivers)('reminders plugin (%s)', (driver) => {
  const t = useTestApp(driver);

  it('hands a successful write over to the driver after commit, and nothing else', async () => {
    const { tenantId, adminKey } = await t.tenant();
    const afterCommit = vi.spyOn(t.app.reminders.driver, 'afterCommit');
    try {
      const body = { externalId: 'hand-over', name: 'Ada', timeZone: 'UTC', profile: {} };
      const started = Date.now();
      const created = await call(t.app, 'POST', '/students', { key: adminKey, body });
      expect(created.statusCode).toBe(201);
      await vi.waitFor(() => expect(afterCommit).toHaveBeenCalledTimes(1));
      const [handedTenant, since] = afterCommit.mock.calls[0]!;
      expect(handedTenant).toBe(tenantId);
      // `since` is the request's start less the slack, so every row the request wrote is after it.
      expect(since.getTime()).toBeLessThanOrEqual(started);
      expect(since.getTime()).toBeGreaterThan(started - 5000);

      const { id } = created.json() as { id: string };
      expect((await call(t.app, 'GET', `/students/${id}`, { key: adminKey })).statusCode).toBe(200);
      const refused = await call(t.app, 'POST', '/students', { key: adminKey, body });
      expect(refused.statusCode).toBe(409);
      // Give a wrongly scheduled hand-over the chance to happen before asserting it did not.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(afterCommit).toHaveBeenCalledTimes(1);
    } finally {
      afterCommit.mockRestore();
    }
  });
});
