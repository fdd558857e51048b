import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../src/lib/merge-patch.js';
import { call, drivers, problemOf, useTestApp } from './helper.js';

describe('applyMergePatch', () => {
  // RFC 7396, Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });
});

describe.each(drivers)('PATCH is a JSON Merge Patch (%s)', (driver) => {
  const t = useTestApp(driver);

  it('changes the profile fields sent, removes those sent as null and keeps the rest', async () => {
    const { adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: {
        externalId: 'merge-1',
        name: 'Ada Lovelace',
        email: 'ada@example.edu',
        timeZone: 'UTC',
        profile: { firstName: 'Ada', school: 'Northeastern University', program: 'mathematics' },
      },
    });
    const { id } = created.json() as { id: string };
    const patch = (body: unknown, etag: string, contentType = 'application/merge-patch+json') =>
      t.app.inject({
        method: 'PATCH',
        url: `/students/${id}`,
        headers: { authorization: `Bearer ${adminKey}`, 'if-match': etag, 'content-type': contentType },
        payload: JSON.stringify(body),
      });

    const first = await patch(
      { profile: { graduationYear: 2027, program: null } },
      created.headers.etag as string,
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().profile).toEqual({
      firstName: 'Ada',
      school: 'Northeastern University',
      graduationYear: 2027,
    });
    expect(first.json().email).toBe('ada@example.edu');

    // application/json means the same.
    const second = await patch(
      { email: null, profile: { lastName: 'Lovelace' } },
      first.headers.etag as string,
      'application/json',
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      name: 'Ada Lovelace',
      email: null,
      profile: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        school: 'Northeastern University',
        graduationYear: 2027,
      },
    });

    const cleared = await patch({ profile: null }, second.headers.etag as string);
    expect(cleared.json().profile).toEqual({});

    // A field that cannot be empty cannot be removed.
    const noName = await patch({ name: null }, cleared.headers.etag as string);
    expect(noName.statusCode).toBe(400);
    expect(problemOf(noName).errors?.[0]?.path).toMatch(/^\/body\/name/);
  });

  it('keeps the contact fields left out and clears those sent as null', async () => {
    const { adminKey } = await t.tenant();
    const student = (
      await call(t.app, 'POST', '/students', {
        key: adminKey,
        body: { externalId: 'merge-2', name: 'Sam Lee', timeZone: 'UTC' },
      })
    ).json() as { id: string };
    const created = await call(t.app, 'POST', '/contacts', {
      key: adminKey,
      body: {
        studentId: student.id,
        name: 'Pat Chen',
        organization: 'Acme',
        title: 'Analyst',
        source: 'alumni_directory',
      },
    });
    const { id } = created.json() as { id: string };
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/contacts/${id}`,
      headers: {
        authorization: `Bearer ${adminKey}`,
        'if-match': created.headers.etag as string,
        'content-type': 'application/merge-patch+json; charset=utf-8',
      },
      payload: JSON.stringify({ title: null, organization: 'Acme Analytics' }),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Pat Chen', organization: 'Acme Analytics', title: null });
  });

  it('accepts application/merge-patch+json on PATCH only, and the document says so', async () => {
    const { adminKey } = await t.tenant();
    const post = await t.app.inject({
      method: 'POST',
      url: '/students',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ externalId: 'merge-3', name: 'Kim', timeZone: 'UTC' }),
    });
    expect(post.statusCode).toBe(415);
    expect(problemOf(post).code).toBe('request.unsupported_media_type');

    const doc = t.app.swagger() as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    const patches = Object.values(doc.paths).flatMap((item) => (item.patch ? [item.patch] : []));
    expect(patches.length).toBeGreaterThanOrEqual(2);
    for (const operation of patches) {
      expect(Object.keys(operation.requestBody?.content ?? {}).sort()).toEqual([
        'application/json',
        'application/merge-patch+json',
      ]);
    }
  });
});
