// A lifecycle action through the SDK: the interview's ETag is carried as If-Match without the
// caller handling it, and the action's answer refreshes it.
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { useTestServer } from './server.js';

const server = useTestServer();

describe('interview lifecycle actions through the SDK', () => {
  it('sends the interview ETag as If-Match on POST /interviews/{id}/<action> and remembers the next one', async () => {
    const { adminKey } = await server.tenant();
    const sent: Headers[] = [];
    const iv = createClient({
      baseUrl: server.baseUrl,
      apiKey: adminKey,
      fetch: (request) => {
        sent.push(new Headers(request.headers));
        return fetch(request);
      },
    });
    const student = await iv.post('/students', {
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Ada', timeZone: 'UTC' },
    });
    const contact = await iv.post('/contacts', {
      body: { studentId: student.id, name: 'Grace Hopper', source: 'supervisor', known: true },
    });
    const interview = await iv.post('/interviews', { body: { contactId: contact.id } });
    const first = `"${interview.id}:${interview.version}"`;
    expect(iv.etagOf(`/interviews/${interview.id}`)).toBe(first);

    const path = { id: interview.id };
    const attempted = await iv.post('/interviews/{id}/attempts', {
      params: { path },
      body: { channel: 'email' },
    });
    expect(sent.at(-1)!.get('if-match')).toBe(first);
    const second = `"${interview.id}:${attempted.interview.version}"`;
    expect(attempted.interview.version).toBeGreaterThan(interview.version);
    expect(iv.etagOf(`/interviews/${interview.id}`)).toBe(second);

    // A second action in a row needs no read in between.
    const withdrawn = await iv.post('/interviews/{id}/withdraw', { params: { path }, body: {} });
    expect(sent.at(-1)!.get('if-match')).toBe(second);
    expect(withdrawn.interview.version).toBeGreaterThan(attempted.interview.version);

    // Without the remembered ETag the API refuses the action: the header is what made it pass.
    const forgetful = createClient({ baseUrl: server.baseUrl, apiKey: adminKey, etags: false });
    await expect(
      forgetful.post('/interviews/{id}/withdraw', { params: { path }, body: {} }),
    ).rejects.toMatchObject({ status: 428, code: 'precondition.required' });
  });
});
