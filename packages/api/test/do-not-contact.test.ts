import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { doNotContactEntries } from '../src/db/schema/do-not-contact.js';
import { call, drivers, problemOf, type TestContext, type TestTenant, useTestApp } from './helper.js';

async function student(t: TestContext, tenant: TestTenant) {
  const s = await call(t.app, 'POST', '/students', {
    key: tenant.adminKey,
    body: { externalId: `dnc-${Math.random()}`, name: 'Sam Student', timeZone: 'Europe/Berlin' },
  });
  const studentId = s.json().id as string;
  return { studentId, key: await tenant.key('student', { studentId }) };
}

const contactBody = (studentId: string, extra: Record<string, unknown>) => ({
  studentId,
  name: 'Quinn Quiet',
  organization: 'Initech',
  source: 'alumni_directory',
  ...extra,
});

describe.each(drivers)('the do-not-contact list (%s)', (driver) => {
  const t = useTestApp(driver);

  it('an admin adds by email or profile URL; only a keyed hash is stored and nothing is shown back', async () => {
    const tenant = await t.tenant();
    const added = await call(t.app, 'POST', '/do-not-contact', {
      key: tenant.adminKey,
      body: { email: 'Quinn.Quiet@Initech.example' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.headers.location).toBe(`/do-not-contact/${added.json().id}`);
    expect(added.json()).toEqual({
      id: expect.any(String),
      kind: 'email',
      reason: 'requested',
      createdAt: expect.any(String),
    });
    expect(added.body.toLowerCase()).not.toContain('quinn');
    // Listed again (another spelling of the same normalised email): the same entry, 200.
    const again = await call(t.app, 'POST', '/do-not-contact', {
      key: tenant.adminKey,
      body: { email: 'quinn.quiet@initech.EXAMPLE' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(added.json().id);
    const url = await call(t.app, 'POST', '/do-not-contact', {
      key: tenant.adminKey,
      body: { profileUrl: 'https://www.linkedin.com/in/quinn-quiet/' },
    });
    expect(url.statusCode).toBe(201);

    const rows = await t.database.db
      .select()
      .from(doNotContactEntries)
      .where(eq(doNotContactEntries.tenantId, tenant.tenantId));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.keyHash).toMatch(/^hmac:[0-9a-f]{64}$/);
      expect(JSON.stringify(row).toLowerCase()).not.toMatch(/quinn|initech|linkedin/);
    }
    const list = await call(t.app, 'GET', '/do-not-contact', { key: tenant.adminKey });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .data.map((e: { kind: string }) => e.kind)
        .sort(),
    ).toEqual(['email', 'profile_url']);
    expect(list.body.toLowerCase()).not.toMatch(/quinn|initech|linkedin/);
  });

  it('names the professional by exactly one identity, and only an admin may touch the list', async () => {
    const tenant = await t.tenant();
    for (const body of [{}, { email: 'a@b.example', profileUrl: 'https://example.org/in/a' }]) {
      const res = await call(t.app, 'POST', '/do-not-contact', { key: tenant.adminKey, body });
      expect(res.statusCode).toBe(422);
      expect(problemOf(res).code).toBe('do_not_contact.identity_required');
    }
    const { key } = await student(t, tenant);
    for (const [method, url] of [
      ['POST', '/do-not-contact'],
      ['GET', '/do-not-contact'],
    ] as const) {
      const res = await call(t.app, method, url, {
        key,
        ...(method === 'POST' ? { body: { email: 'x@y.example' } } : {}),
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses a new contact, a change of contact and outreach to a listed professional', async () => {
    const tenant = await t.tenant();
    const { studentId, key } = await student(t, tenant);
    // Known before they asked: an interview already open.
    const before = await call(t.app, 'POST', '/contacts', {
      key,
      body: contactBody(studentId, { email: 'quinn.quiet@gmail.com' }),
    });
    expect(before.statusCode).toBe(201);
    const interview = await call(t.app, 'POST', '/interviews', {
      key,
      body: { contactId: before.json().id, topics: ['career_change'] },
    });
    expect(interview.statusCode).toBe(201);

    const entry = await call(t.app, 'POST', '/do-not-contact', {
      key: tenant.adminKey,
      body: { email: 'QuinnQuiet+work@googlemail.com' },
    });
    expect(entry.statusCode).toBe(201);

    const outreach = await call(t.app, 'POST', `/interviews/${interview.json().id}/attempts`, {
      key,
      body: { channel: 'email' },
      headers: { 'if-match': interview.headers.etag as string },
    });
    expect(outreach.statusCode).toBe(409);
    expect(problemOf(outreach)).toMatchObject({
      code: 'outreach.do_not_contact',
      ruleId: 'outreach.do_not_contact',
    });

    const created = await call(t.app, 'POST', '/contacts', {
      key,
      body: contactBody(studentId, { email: 'quinn.quiet@gmail.com', name: 'Another Quinn' }),
    });
    expect(created.statusCode).toBe(409);
    expect(problemOf(created).code).toBe('contact.do_not_contact');

    const byUrl = await call(t.app, 'POST', '/do-not-contact', {
      key: tenant.adminKey,
      body: { profileUrl: 'http://linkedin.com/in/quinn-quiet' },
    });
    expect(byUrl.statusCode).toBe(201);
    const other = await call(t.app, 'POST', '/contacts', {
      key,
      body: contactBody(studentId, { name: 'Someone Else', email: 'someone@initech.example' }),
    });
    expect(other.statusCode).toBe(201);
    const changed = await call(t.app, 'PATCH', `/contacts/${other.json().id}`, {
      key,
      body: { profileUrl: 'https://www.LinkedIn.com/in/quinn-quiet/?trk=x' },
      headers: { 'if-match': other.headers.etag as string },
    });
    expect(changed.statusCode).toBe(409);
    expect(problemOf(changed).code).toBe('contact.do_not_contact');

    // Another tenant's list is its own.
    const elsewhere = await t.tenant('Elsewhere College');
    const s2 = await student(t, elsewhere);
    const there = await call(t.app, 'POST', '/contacts', {
      key: s2.key,
      body: contactBody(s2.studentId, { email: 'quinn.quiet@gmail.com' }),
    });
    expect(there.statusCode).toBe(201);

    // Removed: the professional may be added again.
    const removed = await call(t.app, 'DELETE', `/do-not-contact/${entry.json().id}`, {
      key: tenant.adminKey,
    });
    expect(removed.statusCode).toBe(204);
    const gone = await call(t.app, 'DELETE', `/do-not-contact/${entry.json().id}`, { key: tenant.adminKey });
    expect(problemOf(gone).code).toBe('do_not_contact.not_found');
    const after = await call(t.app, 'POST', '/contacts', {
      key,
      body: contactBody(studentId, { email: 'quinn.quiet+2@gmail.com', name: 'Quinn Again' }),
    });
    // The same normalised email as the first contact: a duplicate now, no longer do-not-contact.
    expect(problemOf(after).code).toBe('contact.duplicate');
  });
});
