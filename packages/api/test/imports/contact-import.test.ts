import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { call, createTestDatabase, drivers, testConfig } from '../helper.js';
import { seedTenant, startReceiver, waitFor } from '../reminders/fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));

describe.each(drivers)('contact import (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    app = await buildApp(testConfig({ reminders: { ...testConfig().reminders, pollIntervalMs: 50 } }), {
      database,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function student(adminKey: string) {
    const s = await call(app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: `imp-${crypto.randomUUID()}`, name: 'Ines Import', timeZone: 'UTC' },
    });
    expect(s.statusCode).toBe(201);
    return s.json().id as string;
  }

  const upload = (
    on: InfoviewApp,
    key: string,
    studentId: string,
    query: Record<string, string>,
    body: Buffer | string,
    contentType = 'text/csv',
  ) =>
    on.inject({
      method: 'POST',
      url: `/students/${studentId}/imports`,
      query,
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      payload: body,
    });

  async function settled(key: string, id: string, state: 'previewed' | 'completed', on = app) {
    return waitFor(
      `the import to be ${state}`,
      async () => {
        const job = (await call(on, 'GET', `/imports/${id}`, { key })).json();
        return job.state === state ? job : undefined;
      },
      60_000,
      50,
    );
  }

  async function rows(key: string, id: string) {
    const page = await call(app, 'GET', `/imports/${id}/rows`, { key, query: { limit: '200' } });
    expect(page.statusCode).toBe(200);
    return page.json().data as {
      line: number;
      status: string;
      reason: string | null;
      changes: unknown;
      targetId: string | null;
    }[];
  }

  it('previews a LinkedIn export row by row, commits it, and a re-import changes nothing', async () => {
    const { tenantId, adminKey } = await seedTenant(database.db);
    const studentId = await student(adminKey);
    const studentKey = await (async () => {
      const made = await call(app, 'POST', '/api-keys', {
        key: adminKey,
        body: { name: 'student', scope: 'student', studentId },
      });
      expect(made.statusCode).toBe(201);
      return made.json().secret as string;
    })();
    const receiver = await startReceiver();
    try {
      const hook = await call(app, 'POST', '/webhooks', { key: adminKey, body: { url: receiver.url } });
      expect(hook.statusCode).toBe(201);
      receiver.secrets.push(hook.json().secret);
      // Mei is known already, by another spelling of her Gmail address and without her company.
      const mei = await call(app, 'POST', '/contacts', {
        key: studentKey,
        body: { studentId, name: 'Mei Lin', email: 'meilin@gmail.com', source: 'friend', known: true },
      });
      expect(mei.statusCode).toBe(201);

      const started = await upload(
        app,
        studentKey,
        studentId,
        { format: 'linkedin' },
        fixture('linkedin-connections.csv'),
      );
      expect(started.statusCode).toBe(202);
      expect(started.headers.location).toBe(`/imports/${started.json().id}`);
      expect(started.json()).toMatchObject({
        kind: 'contacts',
        total: 6,
        options: { source: 'online_network', known: false },
      });
      const preview = await settled(studentKey, started.json().id, 'previewed');
      expect(preview).toMatchObject({
        percent: 100,
        counts: { new: 2, duplicate: 1, unchanged: 1, invalid: 2 },
      });
      const previewRows = await rows(studentKey, preview.id);
      expect(previewRows.map((r) => [r.line, r.status])).toEqual([
        [5, 'new'],
        [6, 'new'],
        [7, 'duplicate'],
        [8, 'invalid'],
        [9, 'unchanged'],
        [10, 'invalid'],
      ]);
      expect(previewRows[2]).toMatchObject({
        targetId: mei.json().id,
        changes: {
          organization: 'Fabrikam',
          title: 'Director, Product',
          profileUrl: 'https://www.linkedin.com/in/meilin',
        },
      });
      expect(previewRows[3]!.reason).toBe('the record has no name');
      expect(previewRows[5]!.reason).toMatch(/is not an address/);
      // Nothing is written by the preview.
      expect((await call(app, 'GET', '/contacts', { key: studentKey })).json().data).toHaveLength(1);

      const commit = await call(app, 'POST', `/imports/${preview.id}/commit`, { key: studentKey });
      expect(commit.statusCode).toBe(202);
      const done = await settled(studentKey, preview.id, 'completed');
      expect(done).toMatchObject({
        percent: 100,
        counts: { created: 2, merged: 1, unchanged: 1, invalid: 2 },
      });
      const list = (await call(app, 'GET', '/contacts', { key: studentKey })).json().data as {
        name: string;
        source: string;
        known: boolean;
        organization: string | null;
        version: number;
      }[];
      expect(list.map((c) => c.name).sort()).toEqual(['Amara Okafor', 'José Álvarez', 'Mei Lin']);
      const merged = list.find((c) => c.name === 'Mei Lin')!;
      // A merge fills in what was missing and keeps what the student chose.
      expect(merged).toMatchObject({ organization: 'Fabrikam', source: 'friend', known: true });
      expect(list.find((c) => c.name === 'Amara Okafor')).toMatchObject({
        source: 'online_network',
        known: false,
      });

      // The student hears of it in the feed, the portal by webhook.
      const item = await waitFor('the feed item', async () => {
        const feed = (await call(app, 'GET', '/feed', { key: studentKey })).json().data as {
          ruleId: string;
          title: string;
        }[];
        return feed.find((i) => i.ruleId === 'import.completed');
      });
      expect(item.title).toBe('Import finished: 2 contacts added, 1 updated');
      const event = await waitFor('the webhook', () =>
        receiver.received.find((r) => JSON.parse(r.body).type === 'import.completed'),
      );
      expect(event.verified).toBe(true);
      expect(event.data).toMatchObject({
        studentId,
        explanation: { importId: preview.id, counts: { created: 2 } },
      });

      // The same file again: every row is a known contact with nothing new.
      const again = await upload(
        app,
        studentKey,
        studentId,
        { format: 'linkedin' },
        fixture('linkedin-connections.csv'),
      );
      const second = await settled(studentKey, again.json().id, 'previewed');
      expect(second.counts).toEqual({ unchanged: 4, invalid: 2 });
      await call(app, 'POST', `/imports/${second.id}/commit`, { key: studentKey });
      const secondDone = await settled(studentKey, second.id, 'completed');
      expect(secondDone.counts).toEqual({ unchanged: 4, invalid: 2 });
      const after = (await call(app, 'GET', '/contacts', { key: studentKey })).json().data as typeof list;
      expect(after.map((c) => [c.name, c.version]).sort()).toEqual(
        list.map((c) => [c.name, c.version]).sort(),
      );

      // Committing again is a no-op; cancelling a completed import is refused.
      expect((await call(app, 'POST', `/imports/${second.id}/commit`, { key: studentKey })).statusCode).toBe(
        202,
      );
      const cancel = await call(app, 'POST', `/imports/${second.id}/cancel`, { key: studentKey });
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json().code).toBe('import.finished');

      // No other tenant, and no other student, sees the import.
      const other = await seedTenant(database.db);
      const foreign = await call(app, 'GET', `/imports/${second.id}`, { key: other.adminKey });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('import.not_found');
      void tenantId;
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('reads Google and Apple vCards and a mapped CSV', async () => {
    const { adminKey } = await seedTenant(database.db);
    const studentId = await student(adminKey);
    const google = await upload(
      app,
      adminKey,
      studentId,
      { format: 'vcard', source: 'alumni_directory' },
      fixture('google-contacts.vcf'),
      'text/vcard',
    );
    expect(google.statusCode).toBe(202);
    const g = await settled(adminKey, google.json().id, 'previewed');
    expect(g.counts).toEqual({ new: 2, invalid: 1 });
    const apple = await upload(
      app,
      adminKey,
      studentId,
      { format: 'vcard', known: 'true' },
      fixture('apple-contacts.vcf'),
      'text/vcard',
    );
    const a = await settled(adminKey, apple.json().id, 'previewed');
    expect(a.counts).toEqual({ new: 2 });
    await call(app, 'POST', `/imports/${g.id}/commit`, { key: adminKey });
    await settled(adminKey, g.id, 'completed');
    await call(app, 'POST', `/imports/${a.id}/commit`, { key: adminKey });
    await settled(adminKey, a.id, 'completed');
    const contacts = (await call(app, 'GET', '/contacts', { key: adminKey, query: { studentId } })).json()
      .data as {
      name: string;
      source: string;
      known: boolean;
      profileUrl: string | null;
    }[];
    expect(contacts.find((c) => c.name === 'Grace Hopper')).toMatchObject({
      source: 'alumni_directory',
      known: false,
      profileUrl: 'https://www.linkedin.com/in/grace-hopper',
    });
    expect(contacts.find((c) => c.name === 'Ada Lovelace')).toMatchObject({ source: 'other', known: true });

    const csv = await upload(
      app,
      adminKey,
      studentId,
      { format: 'csv', mapping: JSON.stringify({ name: 'Full name', email: 'E-mail' }), source: 'event' },
      'Full name,E-mail\r\nAda Lovelace,ADA@example.com\r\nNew Person,new@example.com\r\n',
    );
    const c = await settled(adminKey, csv.json().id, 'previewed');
    expect(c.counts).toEqual({ new: 1, unchanged: 1 });
    const bad = await upload(app, adminKey, studentId, { format: 'csv', mapping: '{"nom":"x"}' }, 'a\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('import.options_invalid');
  }, 120_000);

  it('takes any bytes without a 500, and answers 413 naming the limit', async () => {
    const { adminKey } = await seedTenant(database.db);
    const studentId = await student(adminKey);
    const inputs: Buffer[] = [
      randomBytes(4096),
      Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x22]),
      Buffer.from('BEGIN:VCARD\r\nFN:\u0000null\r\nEND:VCARD\r\nBEGIN:VCARD\r\n:\r\n'),
      Buffer.alloc(0),
    ];
    // A lone surrogate in a JSON line, which PostgreSQL's jsonb refuses.
    const roster = await app.inject({
      method: 'POST',
      url: '/roster-imports',
      query: { format: 'ndjson' },
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/x-ndjson' },
      payload: '{"externalId":"x\\ud800","name":"\\u0000"}\n',
    });
    expect(roster.statusCode, roster.body).toBe(202);
    for (const body of inputs) {
      for (const [format, type] of [
        ['linkedin', 'text/csv'],
        ['vcard', 'text/vcard'],
        ['csv', 'application/octet-stream'],
      ] as const) {
        const query: Record<string, string> = {
          format,
          ...(format === 'csv' ? { mapping: '{"name":"Name"}' } : {}),
        };
        const res: LightMyRequestResponse = await upload(app, adminKey, studentId, query, body, type);
        expect(res.statusCode, `${format}: ${res.body}`).toBe(202);
        const job = await settled(adminKey, res.json().id, 'previewed');
        expect(job.counts.new ?? 0).toBe(0);
      }
    }
    const wrongType = await upload(app, adminKey, studentId, { format: 'linkedin' }, 'x', 'image/png');
    expect(wrongType.statusCode).toBe(415);
  }, 120_000);

  it('answers 413 naming the limit, for every format', async () => {
    const { adminKey } = await seedTenant(database.db);
    const studentId = await student(adminKey);

    const small = await buildApp(testConfig({ imports: { maxBytes: 1024, maxRows: 3 } }), { database });
    await small.ready();
    try {
      const big = await upload(small, adminKey, studentId, { format: 'linkedin' }, Buffer.alloc(5000, 'a'));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({
        code: 'import.too_large',
        limit: 'IMPORT_MAX_BYTES',
        maxBytes: 1024,
      });
      const many = await upload(
        small,
        adminKey,
        studentId,
        { format: 'csv', mapping: '{"name":"Name"}' },
        'Name\na\nb\nc\nd\n',
      );
      expect(many.statusCode).toBe(413);
      expect(many.json()).toMatchObject({
        code: 'import.too_many_rows',
        limit: 'IMPORT_MAX_ROWS',
        maxRows: 3,
      });
    } finally {
      await small.close();
    }
  }, 120_000);

  it('an import survives a restart, and can be cancelled', async () => {
    const { adminKey } = await seedTenant(database.db);
    const studentId = await student(adminKey);
    await app.imports.stop();
    try {
      const first = await buildApp(testConfig(), { database });
      await first.ready();
      await first.imports.stop();
      const started = await upload(
        first,
        adminKey,
        studentId,
        { format: 'linkedin' },
        fixture('linkedin-connections.csv'),
      );
      expect(started.statusCode).toBe(202);
      const cancelled = await upload(
        first,
        adminKey,
        studentId,
        { format: 'linkedin' },
        fixture('linkedin-connections.csv'),
      );
      const cancel = await call(first, 'POST', `/imports/${cancelled.json().id}/cancel`, { key: adminKey });
      expect(cancel.json()).toMatchObject({ state: 'cancelled' });
      await first.close();
      expect(
        (await call(app, 'GET', `/imports/${started.json().id}`, { key: adminKey })).json(),
      ).toMatchObject({
        state: 'previewing',
        done: 0,
        percent: 0,
      });
      const second = await buildApp(testConfig(), { database });
      await second.ready();
      try {
        const previewed = await settled(adminKey, started.json().id, 'previewed', second);
        expect(previewed.counts).toEqual({ new: 3, unchanged: 1, invalid: 2 });
        const commitEarly = await call(second, 'POST', `/imports/${cancelled.json().id}/commit`, {
          key: adminKey,
        });
        expect(commitEarly.statusCode).toBe(409);
        expect(
          (await call(second, 'GET', `/imports/${cancelled.json().id}`, { key: adminKey })).json().state,
        ).toBe('cancelled');
      } finally {
        await second.close();
      }
    } finally {
      app.imports.start();
    }
  }, 120_000);
});
