import { describe, expect, it } from 'vitest';
import { call, documentedOperations, drivers, problemOf, useTestApp } from './helper.js';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, unknown>;
}

const PLACEHOLDER_ID = '01900000-0000-7000-8000-000000000000';

const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, PLACEHOLDER_ID);
const requiredHeaders = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'header' && p.required).map((p) => p.name.toLowerCase());

/**
 * The document says what the server does: every operation is called the ways a client may get
 * wrong (no If-Match, no body, an empty JSON body), and what it answers must be what the document
 * declares: a required header or body is refused without it, an optional body is not, and every
 * status that comes back is a documented response.
 */
describe.each(drivers)('the OpenAPI document is the contract (%s)', (driver) => {
  const t = useTestApp(driver);

  it('requires exactly the headers and bodies the server requires, and documents every status it sends', async () => {
    const { adminKey } = await t.tenant();
    const operations = documentedOperations<Operation>(t.app).filter(({ op }) =>
      Object.keys(op.responses).includes('401'),
    );
    const undocumented: string[] = [];
    const expectDocumented = (where: string, op: Operation, status: number) => {
      if (!Object.keys(op.responses).includes(String(status))) undocumented.push(`${where} → ${status}`);
    };
    let ifMatchOperations = 0;
    let optionalBodies = 0;
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      const url = urlOf(path);
      const headers = requiredHeaders(op);
      expect(
        headers.every((h) => h === 'if-match'),
        where,
      ).toBe(true);
      const needsIfMatch = headers.includes('if-match');

      // Without If-Match: a 428 exactly where the document requires it, before anything else.
      const bare = await call(t.app, method as 'POST', url, { key: adminKey });
      expectDocumented(`${where} (no If-Match, no body)`, op, bare.statusCode);
      if (needsIfMatch) {
        ifMatchOperations++;
        expect(bare.statusCode, where).toBe(428);
        expect(problemOf(bare).code, where).toBe('precondition.required');
        expect(Object.keys(op.responses), where).toContain('428');
      } else {
        expect(bare.statusCode, where).not.toBe(428);
        expect(Object.keys(op.responses), where).not.toContain('428');
      }

      if (!op.requestBody) continue;
      const withIfMatch: Record<string, string> = needsIfMatch ? { 'if-match': '*' } : {};
      const noBody = await call(t.app, method as 'POST', url, { key: adminKey, headers: withIfMatch });
      const emptyJson = await call(t.app, method as 'POST', url, {
        key: adminKey,
        headers: { ...withIfMatch, 'content-type': 'application/json' },
        body: '',
      });
      for (const [how, response] of [
        ['no body', noBody],
        ['an empty JSON body', emptyJson],
      ] as const) {
        expectDocumented(`${where} (${how})`, op, response.statusCode);
        if (op.requestBody.required) {
          // A body the document requires is a 400 naming the body, never accepted.
          expect(response.statusCode, `${where} with ${how}`).toBe(400);
          expect(problemOf(response).errors?.[0]?.path, `${where} with ${how}`).toMatch(/^\/body/);
        } else {
          // An optional body is taken as `{}`: whatever comes back is about the resource, not the body.
          expect([400, 415], `${where} with ${how}: ${response.body}`).not.toContain(response.statusCode);
        }
      }
      if (!op.requestBody.required) {
        optionalBodies++;
        const empty = await call(t.app, method as 'POST', url, {
          key: adminKey,
          headers: withIfMatch,
          body: {},
        });
        expect(empty.statusCode, `${where} with {}`).toBe(noBody.statusCode);
      }
    }
    expect(undocumented).toEqual([]);
    expect(ifMatchOperations).toBeGreaterThan(15);
    expect(optionalBodies).toBeGreaterThanOrEqual(6);
  });

  it('takes no body on an action whose fields are all optional, with or without a content type', async () => {
    const { adminKey } = await t.tenant();
    const student = (
      await call(t.app, 'POST', '/students', {
        key: adminKey,
        body: { externalId: 'nobody-1', name: 'Ada Lovelace', timeZone: 'UTC' },
      })
    ).json() as { id: string };
    const contact = (
      await call(t.app, 'POST', '/contacts', {
        key: adminKey,
        body: {
          studentId: student.id,
          name: 'Grace Hopper',
          organization: 'Northwind',
          email: 'grace@northwind.example',
          source: 'alumni_directory',
        },
      })
    ).json() as { id: string };
    const created = await call(t.app, 'POST', '/interviews', {
      key: adminKey,
      body: { contactId: contact.id },
    });
    const { id } = created.json() as { id: string };
    let etag = created.headers.etag as string;
    const act = async (action: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await call(t.app, 'POST', `/interviews/${id}/${action}`, {
        key: adminKey,
        headers: { 'if-match': etag, ...headers },
        body,
      });
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
      etag = response.headers.etag as string;
      return response.json() as { interview: { state: string } };
    };
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await act('attempts', { channel: 'email', at: ago(5) });
    await act('reply', { response: 'accepted', at: ago(4), meeting: { at: ago(1), durationMinutes: 20 } });
    // No body and no content type; an empty JSON body; `{}`.
    expect((await act('complete')).interview.state).toBe('completed');
    await act('notes', { notes: 'Talked about the industry.' });
    await act('thank-you', '', { 'content-type': 'application/json' });
    expect((await act('no-referral', {})).interview.state).toBeTypeOf('string');
  });
});
