import { describe, expect, it } from 'vitest';
import { call, drivers, useTestApp } from '../helper.js';
import { waitFor } from '../reminders/fixtures.js';

describe.each(drivers)('roster sync (%s)', (driver) => {
  const t = useTestApp(driver);

  const upload = (key: string, query: Record<string, string>, body: string, contentType = 'text/csv') =>
    t.app.inject({
      method: 'POST',
      url: '/roster-imports',
      query,
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      payload: body,
    });

  const settled = (key: string, id: string, state: string) =>
    waitFor(
      `the roster import to be ${state}`,
      async () => {
        const job = (await call(t.app, 'GET', `/imports/${id}`, { key })).json();
        return job.state === state ? job : undefined;
      },
      60_000,
      50,
    );

  it('upserts students by external id, reports those missing from a full sync and deletes none', async () => {
    const tenant = await t.tenant();
    const key = await tenant.key('integration');
    for (const [externalId, name] of [
      ['s-1', 'Ann Old'],
      ['s-2', 'Bo Same'],
      ['s-9', 'Cy Gone'],
    ])
      expect(
        (
          await call(t.app, 'POST', '/students', {
            key,
            body: { externalId, name, timeZone: 'UTC', email: null },
          })
        ).statusCode,
      ).toBe(201);

    const file = [
      'External ID,Name,Email,Time Zone',
      's-1,Ann New,ann@uni.edu,Europe/Paris',
      's-2,Bo Same,,UTC',
      's-3,Dee Fresh,dee@uni.edu,America/Chicago',
      's-4,No Zone,,',
      's-3,Dee Twice,,UTC',
      ',Nobody,,UTC',
      's-5,Bad Zone,,Mars/Olympus',
    ].join('\r\n');
    const started = await upload(key, { format: 'csv', mode: 'full' }, file);
    expect(started.statusCode).toBe(202);
    const preview = await settled(key, started.json().id, 'previewed');
    expect(preview.counts).toEqual({ update: 1, unchanged: 1, new: 1, invalid: 4, missing: 1 });
    const rows = (await call(t.app, 'GET', `/imports/${preview.id}/rows`, { key })).json().data as {
      line: number | null;
      status: string;
      reason: string | null;
      changes: Record<string, string> | null;
      fields: Record<string, string>;
    }[];
    expect(rows.find((r) => r.line === 2)!.changes).toEqual({
      name: 'Ann New',
      email: 'ann@uni.edu',
      timeZone: 'Europe/Paris',
    });
    expect(rows.find((r) => r.line === 6)!.reason).toBe('externalId repeats line 4');
    expect(rows.find((r) => r.status === 'missing')!.fields).toEqual({ externalId: 's-9', name: 'Cy Gone' });
    const invalid = await call(t.app, 'GET', `/imports/${preview.id}/rows`, {
      key,
      query: { status: 'invalid' },
    });
    expect(invalid.json().data.map((r: { line: number }) => r.line)).toEqual([5, 6, 7, 8]);

    await call(t.app, 'POST', `/imports/${preview.id}/commit`, { key });
    const done = await settled(key, preview.id, 'completed');
    expect(done.counts).toEqual({ merged: 1, unchanged: 1, created: 1, invalid: 4, missing: 1 });
    const students = (await call(t.app, 'GET', '/students', { key, query: { limit: '200' } })).json()
      .data as {
      externalId: string;
      name: string;
      timeZone: string;
    }[];
    expect(students.map((s) => [s.externalId, s.name, s.timeZone]).sort()).toEqual([
      ['s-1', 'Ann New', 'Europe/Paris'],
      ['s-2', 'Bo Same', 'UTC'],
      ['s-3', 'Dee Fresh', 'America/Chicago'],
      ['s-9', 'Cy Gone', 'UTC'],
    ]);

    // The same roster again, as JSON lines: nothing to change.
    const lines = [
      { externalId: 's-1', name: 'Ann New', email: 'ann@uni.edu', timeZone: 'Europe/Paris' },
      { externalId: 's-3', name: 'Dee Fresh' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const again = await upload(key, { format: 'ndjson' }, lines, 'application/x-ndjson');
    const second = await settled(key, again.json().id, 'previewed');
    expect(second.counts).toEqual({ unchanged: 2 });
  }, 120_000);

  it('is the career centre’s: a student key may not sync, and may not see a roster import', async () => {
    const tenant = await t.tenant();
    const made = await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: 'only', name: 'Only', timeZone: 'UTC' },
    });
    const studentKey = await tenant.key('student', { studentId: made.json().id });
    const refused = await upload(studentKey, { format: 'csv' }, 'externalId\nx\n');
    expect(refused.statusCode).toBe(403);
    const ok = await upload(tenant.adminKey, { format: 'csv' }, 'externalId\nx\n');
    expect((await call(t.app, 'GET', `/imports/${ok.json().id}`, { key: studentKey })).statusCode).toBe(404);
  });
});
