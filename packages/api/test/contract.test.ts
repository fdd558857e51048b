import { describe, expect, it } from 'vitest';
import { INTERVIEW_ACTIONS } from '../src/services/interviews/actions.js';
import { call, documentedOperations, drivers, problemOf, requiredQueryOf, useTestApp } from './helper.js';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Record<string, unknown> }[];
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
      // Required query parameters are filled, so each call meets only what it aims at.
      const query = new URLSearchParams(requiredQueryOf(op)).toString();
      const url = urlOf(path) + (query ? `?${query}` : '');
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
    const meetingAt = ago(1);
    await act('reply', { response: 'accepted', at: ago(4), meeting: { at: meetingAt, durationMinutes: 20 } });
    // No body and no content type; an empty JSON body; `{}`.
    expect((await act('complete')).interview.state).toBe('completed');
    await act('notes', {
      notes: 'Talked about the industry.',
      learnedPoints: ['Northwind hires analysts from health sciences', 'SQL matters every day'],
    });

    // A student with a `name` and no first or last name (docs/integration.md) can render a
    // thank-you signed with that name, and the contact's organization keeps its capital.
    const rendered = await call(t.app, 'POST', '/messages/render', {
      key: adminKey,
      body: { kind: 'thank_you', interviewId: id },
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    const { body } = rendered.json() as { body: string };
    expect(body).toContain('Ada Lovelace');
    expect(body).toContain('Northwind hires analysts');
    expect(body).not.toContain('northwind');

    await act('thank-you', '', { 'content-type': 'application/json' });
    expect((await act('no-referral', {})).interview.state).toBeTypeOf('string');

    // Timeline data carries ISO 8601 instants, like the rest of the API.
    const timeline = (await call(t.app, 'GET', `/interviews/${id}/timeline`, { key: adminKey })).json() as {
      data: { type: string; data: { meeting?: { at: unknown } } | null }[];
    };
    const reply = timeline.data.find((entry) => entry.type === 'receive_reply');
    expect(reply?.data?.meeting?.at).toBe(meetingAt);
  });

  it('offers in allowedEvents only what an endpoint takes', async () => {
    const { adminKey } = await t.tenant();
    const student = (
      await call(t.app, 'POST', '/students', {
        key: adminKey,
        body: { externalId: 'offers-1', name: 'Sam Lee', timeZone: 'UTC' },
      })
    ).json() as { id: string };
    const contact = (
      await call(t.app, 'POST', '/contacts', {
        key: adminKey,
        body: {
          studentId: student.id,
          name: 'Pat Chen',
          email: 'pat@acme.example',
          source: 'alumni_directory',
        },
      })
    ).json() as { id: string };
    const created = await call(t.app, 'POST', '/interviews', {
      key: adminKey,
      body: { contactId: contact.id },
    });
    const sent = await call(t.app, 'POST', `/interviews/${created.json().id}/attempts`, {
      key: adminKey,
      headers: { 'if-match': created.headers.etag as string },
      body: { channel: 'email' },
    });
    // awaiting_reply accepts mark_unresponsive in core, but only the scheduler applies it.
    const offered = (sent.json() as { interview: { state: string; allowedEvents: string[] } }).interview;
    expect(offered.state).toBe('awaiting_reply');
    expect(offered.allowedEvents).not.toContain('mark_unresponsive');
    expect(offered.allowedEvents).toContain('send_follow_up');

    const documented = new Set(documentedOperations(t.app).map(({ method, path }) => `${method} ${path}`));
    for (const [event, action] of Object.entries(INTERVIEW_ACTIONS)) {
      expect(documented.has(`POST /interviews/{id}/${action}`), event).toBe(true);
    }
    const doc = t.app.swagger() as unknown as {
      components: {
        schemas: { Interview: { properties: { allowedEvents: { items: { enum: string[] } } } } };
      };
    };
    expect(doc.components.schemas.Interview.properties.allowedEvents.items.enum.sort()).toEqual(
      Object.keys(INTERVIEW_ACTIONS).sort(),
    );
  });

  it('answers every create with Location and ETag, as the document says', async () => {
    const { adminKey } = await t.tenant();
    for (const { method, path, op } of documentedOperations<Operation>(t.app)) {
      const createdResponse = op.responses['201'] as { headers?: Record<string, unknown> } | undefined;
      if (!createdResponse) continue;
      const names = Object.keys(createdResponse.headers ?? {}).map((h) => h.toLowerCase());
      expect(names, `${method} ${path}`).toEqual(expect.arrayContaining(['location', 'etag']));
    }
    const student = (
      await call(t.app, 'POST', '/students', {
        key: adminKey,
        body: { externalId: 'creates-1', name: 'Kim Park', timeZone: 'UTC' },
      })
    ).json() as { id: string };
    const milestone = await call(t.app, 'POST', '/milestones', {
      key: adminKey,
      body: { studentId: student.id, kind: 'major_selected' },
    });
    expect(milestone.statusCode, milestone.body).toBe(201);
    expect(milestone.headers.location).toBe(`/milestones/${milestone.json().id}`);
    const read = await call(t.app, 'GET', milestone.headers.location as string, { key: adminKey });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe(milestone.headers.etag);

    const key = await call(t.app, 'POST', '/api-keys', {
      key: adminKey,
      body: { name: 'portal', scope: 'integration' },
    });
    expect(key.statusCode, key.body).toBe(201);
    expect(key.headers.location).toBe(`/api-keys/${key.json().id}`);
    expect(key.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

    // The creates that had no read-one URL: each Location reads back with the create's ETag.
    const contact = (
      await call(t.app, 'POST', '/contacts', {
        key: adminKey,
        body: {
          studentId: student.id,
          name: 'Ana Ruiz',
          email: 'ana@creates.example',
          source: 'alumni_directory',
        },
      })
    ).json() as { id: string };
    const creates: [string, unknown][] = [
      ['/touchpoints', { contactId: contact.id, kind: 'keep_in_touch' }],
      ['/messages', { studentId: student.id, kind: 'outreach', body: 'Hello Ana' }],
      ['/questions', { id: 'creates.fit.1', category: 'fit', text: 'What makes a newcomer stand out?' }],
      ['/webhooks', { url: 'http://127.0.0.1:9/creates' }],
    ];
    for (const [path, body] of creates) {
      const made = await call(t.app, 'POST', path, { key: adminKey, body });
      expect(made.statusCode, `${path}: ${made.body}`).toBe(201);
      const location = made.headers.location as string;
      expect(location, path).toBe(`${path}/${encodeURIComponent(made.json().id)}`);
      expect(made.headers.etag, path).toMatch(/^"[^"]+"$/);
      const read = await call(t.app, 'GET', location, { key: adminKey });
      expect(read.statusCode, `${location}: ${read.body}`).toBe(200);
      expect(read.headers.etag, location).toBe(made.headers.etag);
      const { secret: _, ...answered } = made.json() as Record<string, unknown>;
      expect(read.json(), location).toEqual(answered);
      const unchanged = await call(t.app, 'GET', location, {
        key: adminKey,
        headers: { 'if-none-match': made.headers.etag as string },
      });
      expect(unchanged.statusCode, location).toBe(304);
    }
    // Another tenant reads none of them.
    const other = await t.tenant('Elsewhere');
    const touchpoint = await call(t.app, 'POST', '/touchpoints', {
      key: adminKey,
      body: { contactId: contact.id, kind: 'keep_in_touch' },
    });
    expect(
      (await call(t.app, 'GET', touchpoint.headers.location as string, { key: other.adminKey })).statusCode,
    ).toBe(404);
  });

  it('says how to quote an unquoted ETag in If-Match', async () => {
    const { adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'quote-1', name: 'Lee Kim', timeZone: 'UTC' },
    });
    const etag = created.headers.etag as string;
    const unquoted = await call(t.app, 'PATCH', `/students/${created.json().id}`, {
      key: adminKey,
      headers: { 'if-match': etag.slice(1, -1) },
      body: { name: 'Lee Kim-Park' },
    });
    expect(unquoted.statusCode).toBe(412);
    expect(problemOf(unquoted).detail).toContain(`If-Match must be the ETag with its quotes: ${etag}`);
  });
});
