import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { StudentExport } from '../src/routes/exports/schemas.js';
import { call, drivers, problemOf, useTestApp } from './helper.js';
import { findEverywhere, type Identity, richStudent } from './student-data-fixture.js';

const checkExport = Compile(StudentExport);

const needlesOf = (people: Identity[]) =>
  people.flatMap((p) => [p.name, p.email, ...(p.phone ? [p.phone] : [])]);

describe.each(drivers)('student export and erasure (%s)', (driver) => {
  const t = useTestApp(driver);

  it('exports the whole record as one JSON document that meets the published schema', async () => {
    const tenant = await t.tenant();
    const s = await richStudent(t, tenant);
    const res = await call(t.app, 'GET', `/students/${s.studentId}/export`, { key: s.key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = res.json();
    expect([...checkExport.Errors(doc)].slice(0, 3)).toEqual([]);
    expect(checkExport.Check(doc)).toBe(true);
    expect(doc).toMatchObject({
      format: 'infoview.student-export',
      version: 1,
      student: { id: s.studentId },
    });
    expect(doc.contacts).toHaveLength(2);
    expect(doc.interviews).toHaveLength(1);
    const [interview] = doc.interviews;
    expect(interview.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['send_outreach', 'complete']),
    );
    expect(interview.timeline.map((e: { seq: number }) => e.seq)).toEqual(
      [...interview.timeline.keys()].map((i) => i + 1),
    );
    expect(interview.questionList).toEqual([{ text: expect.stringContaining('surprised') }]);
    for (const section of ['notes', 'referrals', 'messages', 'touchpoints', 'milestones', 'tasks']) {
      expect(doc[section].length, section).toBeGreaterThan(0);
    }
    // An admin and an integration key may export too; the JSON is the same record.
    for (const key of [tenant.adminKey, s.integration]) {
      const other = await call(t.app, 'GET', `/students/${s.studentId}/export`, { key });
      expect(other.statusCode).toBe(200);
      expect({ ...other.json(), exportedAt: null }).toEqual({ ...doc, exportedAt: null });
    }
  });

  it('is refused to advisors (403), other students and other tenants (404)', async () => {
    const tenant = await t.tenant();
    const s = await richStudent(t, tenant);
    const advisor = await call(t.app, 'POST', '/advisors', {
      key: tenant.adminKey,
      body: { name: 'Ann Advisor' },
    });
    const advisorId = advisor.json().id as string;
    await call(t.app, 'PUT', `/advisors/${advisorId}/students/${s.studentId}`, { key: tenant.adminKey });
    const advisorKey = await tenant.key('advisor', { advisorId });
    const asAdvisor = await call(t.app, 'GET', `/students/${s.studentId}/export`, { key: advisorKey });
    expect(asAdvisor.statusCode).toBe(403);
    expect(problemOf(asAdvisor).code).toBe('auth.forbidden');
    const other = await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `o-${s.tag}`, name: 'Other', timeZone: 'UTC' },
    });
    const otherKey = await tenant.key('student', { studentId: other.json().id });
    const asOther = await call(t.app, 'GET', `/students/${s.studentId}/export`, { key: otherKey });
    expect(problemOf(asOther)).toMatchObject({ status: 404, code: 'student.not_found' });
    const elsewhere = await t.tenant('Elsewhere');
    const crossTenant = await call(t.app, 'GET', `/students/${s.studentId}/export`, {
      key: elsewhere.adminKey,
    });
    expect(problemOf(crossTenant)).toMatchObject({ status: 404, code: 'student.not_found' });
    const bad = await call(t.app, 'GET', `/students/${s.studentId}/export?format=xml`, { key: s.key });
    expect(problemOf(bad).code).toBe('request.validation_failed');
  });

  it('exports the contacts as vCard 4.0 and as CSV, by format or by Accept, formulas defused', async () => {
    const tenant = await t.tenant();
    const s = await richStudent(t, tenant);
    const vcard = await call(t.app, 'GET', `/students/${s.studentId}/export`, {
      key: s.key,
      headers: { accept: 'text/vcard' },
    });
    expect(vcard.statusCode).toBe(200);
    expect(vcard.headers['content-type']).toMatch(/^text\/vcard/);
    const cards = vcard.body.split('END:VCARD\r\n').filter(Boolean);
    expect(cards).toHaveLength(2);
    for (const line of vcard.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = vcard.body.replace(/\r\n /g, '');
    const [pat] = s.people.slice(1);
    expect(unfolded).toContain(`UID:urn:uuid:${s.contactId}`);
    expect(unfolded).toContain(`FN:${pat!.name}\r\n`);
    expect(unfolded).toContain(`EMAIL:${pat!.email}\r\n`);
    expect(unfolded).toContain(`TEL;VALUE=text:${pat!.phone}\r\n`);
    // TEXT values escape commas and semicolons (RFC 6350 §3.4).
    expect(unfolded).toContain(
      'TITLE:Principal Data Scientist\\, Analytics\\; Platform & Research Division\\, North America\r\n',
    );
    expect(unfolded).toContain('NOTE:alumni list\\, page 2\r\n');
    expect(vcard.body.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);

    const csv = await call(t.app, 'GET', `/students/${s.studentId}/export?format=csv`, { key: s.key });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,organization,title,email,phone,profileUrl,source,known,foundVia,createdAt',
    );
    expect(lines).toHaveLength(3);
    const patLine = lines.find((l) => l.startsWith(s.contactId))!;
    expect(patLine).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(patLine).toContain(`,'${pat!.phone},`);
    expect(patLine).toContain(',"alumni list, page 2",');
    // format= wins over Accept.
    const both = await call(t.app, 'GET', `/students/${s.studentId}/export?format=json`, {
      key: s.key,
      headers: { accept: 'text/csv' },
    });
    expect(both.headers['content-type']).toMatch(/^application\/json/);
  });

  it('erases the student and everything theirs; no table keeps a name, address or phone', async () => {
    const tenant = await t.tenant();
    const s = await richStudent(t, tenant);
    const bystander = await richStudent(t, tenant);
    const session = await call(t.app, 'POST', '/sessions', {
      key: s.integration,
      body: { studentId: s.studentId, components: ['workspace'] },
    });
    expect(session.statusCode, session.body).toBe(201);
    const needles = needlesOf(s.people);
    expect(Object.keys(await findEverywhere(t.database.db, needles)).length).toBeGreaterThan(5);

    const asStudent = await call(t.app, 'DELETE', `/students/${s.studentId}`, { key: s.key });
    expect(problemOf(asStudent)).toMatchObject({ status: 403, code: 'auth.forbidden' });
    const stale = await call(t.app, 'DELETE', `/students/${s.studentId}`, {
      key: tenant.adminKey,
      headers: { 'if-match': `"${s.studentId}:999"` },
    });
    expect(problemOf(stale)).toMatchObject({ status: 412, code: 'precondition.failed' });
    const elsewhere = await t.tenant('Elsewhere');
    const crossTenant = await call(t.app, 'DELETE', `/students/${s.studentId}`, { key: elsewhere.adminKey });
    expect(problemOf(crossTenant)).toMatchObject({ status: 404, code: 'student.not_found' });

    const current = await call(t.app, 'GET', `/students/${s.studentId}`, { key: tenant.adminKey });
    const erased = await call(t.app, 'DELETE', `/students/${s.studentId}`, {
      key: s.integration,
      headers: { 'if-match': current.headers.etag as string },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const audit = erased.json();
    expect(audit).toMatchObject({
      studentId: s.studentId,
      requestedBy: { role: 'integration' },
      counts: {
        students: 1,
        contacts: 2,
        interviews: 1,
        notes: 1,
        messages: 1,
        milestones: 1,
        touchpoints: 1,
        sessions: 1,
        api_keys: 1,
      },
    });
    expect(audit.counts.tasks).toBeGreaterThan(0);
    expect(audit.counts.interview_events).toBeGreaterThan(3);
    expect(audit.counts.idempotency_keys).toBeGreaterThanOrEqual(1);
    for (const needle of needles) expect(JSON.stringify(audit)).not.toContain(needle);

    expect(await findEverywhere(t.database.db, needles)).toEqual({});
    // The bystander of the same tenant keeps everything.
    expect(
      Object.keys(await findEverywhere(t.database.db, needlesOf(bystander.people))).length,
    ).toBeGreaterThan(5);
    const after = await call(t.app, 'GET', `/students/${s.studentId}`, { key: tenant.adminKey });
    expect(after.statusCode).toBe(404);
    const again = await call(t.app, 'DELETE', `/students/${s.studentId}`, { key: tenant.adminKey });
    expect(problemOf(again).code).toBe('student.not_found');
    // The student's key and session are gone with them.
    const withKey = await call(t.app, 'GET', `/students/${s.studentId}`, { key: s.key });
    expect(withKey.statusCode).toBe(401);
  }, 120_000);
});
