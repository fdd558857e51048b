import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeProfileUrl } from '../src/services/contacts/normalize.js';
import { call, drivers, problemOf, type TestContext, useTestApp } from './helper.js';

async function withStudent(t: TestContext) {
  const tenant = await t.tenant();
  const s = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `s-${Math.random()}`, name: 'Sam', timeZone: 'Europe/London' },
    })
  ).json();
  return { tenant, studentId: s.id as string, studentKey: await tenant.key('student', { studentId: s.id }) };
}

const contact = (studentId: string, extra: Record<string, unknown> = {}) => ({
  studentId,
  name: 'Pat Professional',
  organization: 'Acme',
  title: 'Engineer',
  email: 'pat@acme.example',
  source: 'alumni_directory',
  known: false,
  ...extra,
});

describe('contact keys', () => {
  it('normalises emails (Gmail dots and +suffix) and profile URLs', () => {
    expect(normalizeEmail('  J.Doe+jobs@GoogleMail.com ')).toBe('jdoe@gmail.com');
    expect(normalizeEmail('J.Doe+x@Example.com')).toBe('j.doe+x@example.com');
    expect(normalizeProfileUrl('https://www.LinkedIn.com/in/jdoe/?trk=abc#x')).toBe('linkedin.com/in/jdoe');
    expect(normalizeProfileUrl('linkedin.com/in/jdoe')).toBe('linkedin.com/in/jdoe');
    expect(normalizeEmail(null)).toBeNull();
  });
});

describe.each(drivers)('contacts (%s)', (driver) => {
  const t = useTestApp(driver);

  it('creates, reads, filters, updates with If-Match and deletes', async () => {
    const { studentId, studentKey } = await withStudent(t);
    const created = await call(t.app, 'POST', '/contacts', { key: studentKey, body: contact(studentId) });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ source: 'alumni_directory', known: false, organization: 'Acme', version: 1 });
    await call(t.app, 'POST', '/contacts', {
      key: studentKey,
      body: contact(studentId, {
        email: 'aunt@family.example',
        source: 'family',
        known: true,
        organization: 'Home',
      }),
    });

    const known = (await call(t.app, 'GET', '/contacts?known=true', { key: studentKey })).json();
    expect(known.data.map((x: { source: string }) => x.source)).toEqual(['family']);
    const bySource = (
      await call(t.app, 'GET', '/contacts?source=alumni_directory&organization=Acme', { key: studentKey })
    ).json();
    expect(bySource.data.map((x: { id: string }) => x.id)).toEqual([c.id]);

    const read = await call(t.app, 'GET', `/contacts/${c.id}`, { key: studentKey });
    expect(read.headers.etag).toBe(`"${c.id}:1"`);
    const noMatch = await call(t.app, 'PATCH', `/contacts/${c.id}`, {
      key: studentKey,
      body: { title: 'CTO' },
    });
    expect(noMatch.statusCode).toBe(428);
    const patched = await call(t.app, 'PATCH', `/contacts/${c.id}`, {
      key: studentKey,
      body: { title: 'CTO', phone: null },
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'CTO', version: 2 });

    const staleDelete = await call(t.app, 'DELETE', `/contacts/${c.id}`, {
      key: studentKey,
      headers: { 'if-match': `"${c.id}:1"` },
    });
    expect(staleDelete.statusCode).toBe(412);
    expect((await call(t.app, 'DELETE', `/contacts/${c.id}`, { key: studentKey })).statusCode).toBe(204);
    expect((await call(t.app, 'GET', `/contacts/${c.id}`, { key: studentKey })).statusCode).toBe(404);
  });

  it('refuses duplicates by normalised email or profile URL, naming the existing contact', async () => {
    const { studentId, studentKey } = await withStudent(t);
    const first = (
      await call(t.app, 'POST', '/contacts', {
        key: studentKey,
        body: contact(studentId, {
          email: 'jane.doe@gmail.com',
          profileUrl: 'https://www.linkedin.com/in/janedoe/',
        }),
      })
    ).json();
    const byEmail = await call(t.app, 'POST', '/contacts', {
      key: studentKey,
      body: contact(studentId, { email: 'JaneDoe+recruiting@GMAIL.com' }),
    });
    expect(byEmail.statusCode).toBe(409);
    expect(problemOf(byEmail)).toMatchObject({ code: 'contact.duplicate', existingId: first.id });

    const byUrl = await call(t.app, 'POST', '/contacts', {
      key: studentKey,
      body: contact(studentId, {
        email: null,
        profileUrl: 'http://linkedin.com/in/JaneDoe?utm=1'.replace('JaneDoe', 'janedoe'),
      }),
    });
    expect(byUrl.statusCode).toBe(409);
    expect(problemOf(byUrl).existingId).toBe(first.id);

    // Another student may have the same professional.
    const other = await withStudent(t);
    const elsewhere = await call(t.app, 'POST', '/contacts', {
      key: other.studentKey,
      body: contact(other.studentId, { email: 'jane.doe@gmail.com' }),
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it("requires the referrer to be one of the same student's contacts", async () => {
    const { tenant, studentId, studentKey } = await withStudent(t);
    const referrer = (
      await call(t.app, 'POST', '/contacts', { key: studentKey, body: contact(studentId) })
    ).json();
    const referred = await call(t.app, 'POST', '/contacts', {
      key: studentKey,
      body: contact(studentId, {
        email: 'new@acme.example',
        source: 'referral',
        referrerContactId: referrer.id,
      }),
    });
    expect(referred.statusCode).toBe(201);
    expect(referred.json().referrerContactId).toBe(referrer.id);

    const other = (
      await call(t.app, 'POST', '/students', {
        key: tenant.adminKey,
        body: { externalId: 'other', name: 'O', timeZone: 'UTC' },
      })
    ).json();
    const foreign = (
      await call(t.app, 'POST', '/contacts', {
        key: tenant.adminKey,
        body: contact(other.id, { email: 'f@x.example' }),
      })
    ).json();
    const bad = await call(t.app, 'POST', '/contacts', {
      key: studentKey,
      body: contact(studentId, { email: 'n2@acme.example', referrerContactId: foreign.id }),
    });
    expect(bad.statusCode).toBe(422);
    expect(problemOf(bad)).toMatchObject({
      code: 'contact.referrer_invalid',
      errors: [{ path: '/body/referrerContactId' }],
    });
  });

  it("answers 404 for another tenant's contact and student", async () => {
    const mine = await withStudent(t);
    const theirs = await withStudent(t);
    const c = (
      await call(t.app, 'POST', '/contacts', { key: theirs.studentKey, body: contact(theirs.studentId) })
    ).json();
    for (const [method, url] of [
      ['GET', `/contacts/${c.id}`],
      ['DELETE', `/contacts/${c.id}`],
    ] as const) {
      const res = await call(t.app, method, url, { key: mine.tenant.adminKey });
      expect(res.statusCode).toBe(404);
      expect(problemOf(res).code).toBe('contact.not_found');
    }
    const patch = await call(t.app, 'PATCH', `/contacts/${c.id}`, {
      key: mine.tenant.adminKey,
      body: { name: 'x' },
      headers: { 'if-match': `"${c.id}:1"` },
    });
    expect(patch.statusCode).toBe(404);
    const create = await call(t.app, 'POST', '/contacts', {
      key: mine.tenant.adminKey,
      body: contact(theirs.studentId),
    });
    expect(create.statusCode).toBe(404);
    expect(problemOf(create).code).toBe('student.not_found');
    expect((await call(t.app, 'GET', '/contacts', { key: mine.tenant.adminKey })).json().data).toEqual([]);
  });

  it('advisors read their cohort’s contacts but may not write them; students only their own', async () => {
    const { tenant, studentId, studentKey } = await withStudent(t);
    const c = (await call(t.app, 'POST', '/contacts', { key: studentKey, body: contact(studentId) })).json();
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'Adv' } })
    ).json();
    const advisorKey = await tenant.key('advisor', { advisorId: advisor.id });

    expect((await call(t.app, 'GET', `/contacts/${c.id}`, { key: advisorKey })).statusCode).toBe(404);
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${studentId}`, { key: tenant.adminKey });
    expect((await call(t.app, 'GET', `/contacts/${c.id}`, { key: advisorKey })).statusCode).toBe(200);
    const write = await call(t.app, 'POST', '/contacts', {
      key: advisorKey,
      body: contact(studentId, { email: 'z@z.example' }),
    });
    expect(write.statusCode).toBe(403);
    expect(problemOf(write).code).toBe('auth.forbidden');

    const other = await tenant.key('student', {
      studentId: (
        await call(t.app, 'POST', '/students', {
          key: tenant.adminKey,
          body: { externalId: 'o2', name: 'O', timeZone: 'UTC' },
        })
      ).json().id,
    });
    expect((await call(t.app, 'GET', `/contacts/${c.id}`, { key: other })).statusCode).toBe(404);
    const intoOther = await call(t.app, 'POST', '/contacts', {
      key: other,
      body: contact(studentId, { email: 'y@y.example' }),
    });
    expect(intoOther.statusCode).toBe(404);
  });
});
