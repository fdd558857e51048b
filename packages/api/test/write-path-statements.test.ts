/**
 * Statements per write on the write path, counted (they are a mechanism's property, not a
 * timing): a touchpoint and an attempt through the real app, each re-deriving the student's
 * tasks and reminders over a 20-interview network. The re-evaluation costs two statements to
 * read (the lock of the changed students, then the network with the stored tasks, the waiting
 * reminders and the policy row) and only the writes that differ; the bench (bench/write-path.ts)
 * prints the same list on PostgreSQL.
 */
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { call, createTestDatabase, testConfig } from './helper.js';
import { seedTenant } from './reminders/fixtures.js';

describe('statements per write (PGlite; the same on PostgreSQL)', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;
  let recording: string[] | undefined;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase('pglite'));
    // The app's database, on a drizzle instance over the same PGlite that logs each statement.
    const db = drizzle({
      client: (database.db as unknown as { $client: never }).$client,
      logger: { logQuery: (text) => recording?.push(text.replace(/\s+/g, ' ').trim()) },
    }) as unknown as Database['db'];
    app = await buildApp(testConfig(), { database: { ...database, db } });
    await app.ready();
    await app.reminders.stop();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function record(fn: () => Promise<unknown>): Promise<string[]> {
    recording = [];
    try {
      await fn();
      return recording;
    } finally {
      recording = undefined;
    }
  }

  it('a touchpoint and an attempt re-derive a 20-interview network in a handful of statements', async () => {
    const { adminKey } = await seedTenant(database.db);
    const ok = async (
      method: 'POST',
      url: string,
      payload: unknown,
      headers: Record<string, string> = {},
    ) => {
      const r = await call(app, method, url, { key: adminKey, body: payload, headers });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
      return { body: r.json() as { id: string }, etag: String(r.headers.etag) };
    };
    const student = await ok('POST', '/students', {
      externalId: 'w-1',
      name: 'Ada',
      timeZone: 'Europe/Paris',
    });
    const interviews: { id: string; etag: string; contactId: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const contact = await ok('POST', '/contacts', {
        studentId: student.body.id,
        name: `Pat ${i}`,
        organization: `Org ${i % 4}`,
        source: 'alumni_directory',
      });
      const interview = await ok('POST', '/interviews', {
        contactId: contact.body.id,
        topics: ['career_change'],
      });
      interviews.push({ id: interview.body.id, etag: interview.etag, contactId: contact.body.id });
    }
    const [first, second] = interviews;
    // Warm the caches a steady state has (auth, test clocks), as the bench does.
    await ok(
      'POST',
      `/interviews/${second!.id}/attempts`,
      { channel: 'email' },
      { 'if-match': second!.etag },
    );

    const attempt = await record(() =>
      ok('POST', `/interviews/${first!.id}/attempts`, { channel: 'email' }, { 'if-match': first!.etag }),
    );
    const touchpoint = await record(() =>
      ok('POST', '/touchpoints', { contactId: second!.contactId, kind: 'keep_in_touch' }),
    );
    console.log(
      `statements per write: attempt ${attempt.length}, touchpoint ${touchpoint.length}\n  attempt:\n${attempt
        .map((s) => `    ${s.slice(0, 120)}`)
        .join('\n')}\n  touchpoint:\n${touchpoint.map((s) => `    ${s.slice(0, 120)}`).join('\n')}`,
    );
    const reads = (statements: string[], table: string) =>
      statements.filter((s) => s.startsWith('select') && s.includes(`from "${table}"`)).length;
    for (const statements of [attempt, touchpoint]) {
      // The re-evaluation reads the network once: no per-table reads of contacts, touchpoints,
      // milestones, tasks or reminders (the lock and the one read are raw SQL over all of them).
      for (const table of ['contacts', 'touchpoints', 'milestones', 'tasks', 'reminders'])
        expect(
          reads(statements.slice(statements.findIndex((s) => s.includes('for update of s'))), table),
          table,
        ).toBe(0);
      expect(statements.filter((s) => s.includes('for update of s'))).toHaveLength(1);
      expect(statements.filter((s) => s.includes('json_agg'))).toHaveLength(1);
    }
    // Before this mechanism: 15 and 11 (the network read per table, the policy twice, the changed-students setting apart).
    // Since then two on purpose: the key read of every write (writes never trust the key cache, so a
    // revocation holds on every replica at once) and the analytics rollup's write (its read is in the one read).
    expect(attempt.length).toBeLessThanOrEqual(10);
    expect(touchpoint.length).toBeLessThanOrEqual(6);
  });
});
