// The SDK against the real server listening on a port: every call goes over HTTP.
import { describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  createClient,
  InfoviewProblem,
  isInfoviewProblem,
  paginate,
} from '../src/index.js';
import { useTestServer } from './server.js';

const server = useTestServer();

interface Sent {
  method: string;
  url: string;
  headers: Headers;
}

/** A fetch that records what it sends, for assertions on headers and retries. */
function recordingFetch(sent: Sent[], inner: (request: Request) => Promise<Response> = (r) => fetch(r)) {
  return (request: Request) => {
    sent.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
    return inner(request);
  };
}

/** A tenant with an admin client and an integration client acting as a new student. */
async function setup(options: Partial<ClientOptions> = {}) {
  const { adminKey } = await server.tenant();
  const admin = createClient({ baseUrl: server.baseUrl, apiKey: adminKey });
  const key = await admin.post('/api-keys', { body: { name: 'portal', scope: 'integration' } });
  const portal = createClient({ baseUrl: server.baseUrl, apiKey: key.secret });
  const externalId = `s-${crypto.randomUUID()}`;
  const student = await portal.post('/students', {
    body: { externalId, name: 'Ada Lovelace', timeZone: 'Europe/London' },
  });
  const client = (more: Partial<ClientOptions> = {}) =>
    createClient({ baseUrl: server.baseUrl, apiKey: key.secret, actingAs: externalId, ...options, ...more });
  return { admin, portal, student, externalId, client };
}

describe('the SDK against the real server', () => {
  it('issues a key, creates a student and contacts, typed end to end', async () => {
    const { student, client, externalId } = await setup();
    expect(student).toMatchObject({ externalId, name: 'Ada Lovelace', version: 1 });
    const iv = client();
    const contact = await iv.post('/contacts', {
      body: { studentId: student.id, name: 'Grace Hopper', source: 'supervisor', known: true },
    });
    expect(contact).toMatchObject({ studentId: student.id, name: 'Grace Hopper', source: 'supervisor' });
    const read = await iv.get('/contacts/{id}', { params: { path: { id: contact.id } } });
    expect(read.id).toBe(contact.id);
    await iv.delete('/contacts/{id}', { params: { path: { id: contact.id } } });
    await expect(iv.get('/contacts/{id}', { params: { path: { id: contact.id } } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('acting as a student sees only that student', async () => {
    const { portal, student, client } = await setup();
    const other = await portal.post('/students', {
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Other', timeZone: 'UTC' },
    });
    await portal.post('/contacts', { body: { studentId: other.id, name: 'Not yours', source: 'event' } });
    await client().post('/contacts', { body: { studentId: student.id, name: 'Yours', source: 'event' } });
    const seen = [];
    for await (const contact of paginate(client(), '/contacts')) seen.push(contact.name);
    expect(seen).toEqual(['Yours']);
  });

  it('paginates across pages, lazily', async () => {
    const sent: Sent[] = [];
    const { student, client } = await setup();
    const iv = client({ fetch: recordingFetch(sent) });
    const names = Array.from({ length: 7 }, (_, i) => `Contact ${i}`);
    for (const name of names) {
      await iv.post('/contacts', { body: { studentId: student.id, name, source: 'alumni_directory' } });
    }
    sent.length = 0;

    const listed = [];
    for await (const contact of paginate(iv, '/contacts', {
      params: { query: { limit: 3, source: 'alumni_directory' } },
    })) {
      listed.push(contact.name);
    }
    expect(listed.sort()).toEqual([...names].sort());
    const cursors = sent.map((s) => new URL(s.url).searchParams);
    expect(cursors).toHaveLength(3);
    expect(cursors.map((q) => q.get('limit'))).toEqual(['3', '3', '3']);
    expect(cursors.map((q) => q.get('source'))).toEqual([
      'alumni_directory',
      'alumni_directory',
      'alumni_directory',
    ]);
    expect(cursors[0]!.has('cursor')).toBe(false);
    expect(cursors[1]!.get('cursor')).toBeTruthy();

    // Breaking out early asks for no further page.
    sent.length = 0;
    for await (const _ of paginate(iv, '/contacts', { params: { query: { limit: 3 } } })) break;
    expect(sent).toHaveLength(1);
  });

  it('throws a typed problem on a 404', async () => {
    const { client } = await setup();
    const error = await client()
      .get('/contacts/{id}', { params: { path: { id: crypto.randomUUID() } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfoviewProblem);
    expect(isInfoviewProblem(error, 'contact.not_found')).toBe(true);
    const problem = error as InfoviewProblem;
    expect(problem).toMatchObject({ status: 404, code: 'contact.not_found', title: 'Contact not found' });
    expect(problem.requestId).toMatch(/\S/);
    expect(problem.message).toContain('contact.not_found');
  });

  it('throws a typed problem with its code and extensions on a 409 duplicate contact', async () => {
    const { student, client } = await setup();
    const iv = client();
    const body = {
      studentId: student.id,
      name: 'Katherine Johnson',
      email: 'kj@example.org',
      source: 'faculty',
    } as const;
    const first = await iv.post('/contacts', { body });
    const error = await iv.post('/contacts', { body }).catch((e: unknown) => e);
    expect(isInfoviewProblem(error, 'contact.duplicate')).toBe(true);
    expect(error).toMatchObject({ status: 409, body: { existingId: first.id } });
  });

  it('throws field errors on a 400', async () => {
    const { student, client } = await setup();
    const error = await client()
      // @ts-expect-error the source is not one the API knows: the types refuse it, the server too
      .post('/contacts', { body: { studentId: student.id, name: 'X', source: 'carrier-pigeon' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'request.validation_failed' });
    expect((error as InfoviewProblem).errors.map((e) => e.path)).toContain('/body/source');
  });

  it('retries a POST after a network failure with the same Idempotency-Key, creating one record', async () => {
    const sent: Sent[] = [];
    let failed = false;
    const { student, client } = await setup();
    const iv = client({
      retries: { baseDelayMs: 1 },
      // The server handles the first attempt, then the connection "drops" before the answer arrives.
      fetch: recordingFetch(sent, async (request) => {
        const response = await fetch(request);
        if (!failed && request.method === 'POST') {
          failed = true;
          throw new TypeError('fetch failed');
        }
        return response;
      }),
    });
    const contact = await iv.post('/contacts', {
      body: { studentId: student.id, name: 'Once Only', source: 'event' },
    });
    expect(failed).toBe(true);
    expect(sent).toHaveLength(2);
    const keys = sent.map((s) => s.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);

    const all = [];
    for await (const c of paginate(iv, '/contacts')) all.push(c);
    expect(all.filter((c) => c.name === 'Once Only').map((c) => c.id)).toEqual([contact.id]);

    // Another call is another key.
    await iv.post('/contacts', { body: { studentId: student.id, name: 'Twice', source: 'event' } });
    expect(sent.at(-1)!.headers.get('idempotency-key')).not.toBe(keys[0]);
  });

  it('keeps an Idempotency-Key the caller sets', async () => {
    const sent: Sent[] = [];
    const { student, client } = await setup();
    const iv = client({ fetch: recordingFetch(sent) });
    const key = `import-${crypto.randomUUID()}`;
    const body = { studentId: student.id, name: 'Mine', source: 'event' } as const;
    const first = await iv.post('/contacts', { body, params: { header: { 'idempotency-key': key } } });
    const { data, response } = await iv.raw.POST('/contacts', {
      body,
      params: { header: { 'idempotency-key': key } },
    });
    expect(sent.map((s) => s.headers.get('idempotency-key'))).toEqual([key, key]);
    expect(data?.id).toBe(first.id);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('retries a 503 after its Retry-After (seconds), and a 429 after its Retry-After (HTTP date)', async () => {
    const sent: Sent[] = [];
    const { student, client } = await setup();
    let synthetic = [503, 429];
    const iv = client({
      fetch: recordingFetch(sent, async (request) => {
        const status = synthetic.shift();
        if (status === 503) {
          return Response.json(
            { status, code: 'service.unavailable', title: 'A dependency is unavailable' },
            { status, headers: { 'retry-after': '1', 'content-type': 'application/problem+json' } },
          );
        }
        if (status === 429) {
          const at = new Date(Date.now() + 1500).toUTCString();
          return Response.json(
            { status, code: 'rate_limit.exceeded' },
            { status, headers: { 'retry-after': at } },
          );
        }
        return fetch(request);
      }),
    });
    const started = Date.now();
    const contact = await iv.post('/contacts', {
      body: { studentId: student.id, name: 'Patient', source: 'event' },
    });
    const elapsed = Date.now() - started;
    expect(contact.name).toBe('Patient');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.headers.get('idempotency-key'))).size).toBe(1);
    // 1 s, then what is left of 1.5 s (the HTTP date has whole seconds, so at least 0.5 s).
    expect(elapsed).toBeGreaterThanOrEqual(1400);

    // A GET retries the same way; with retries off the 503 is thrown.
    synthetic = [503];
    const waits: number[] = [];
    const quick = client({
      fetch: recordingFetch(sent, (request) =>
        synthetic.shift()
          ? Promise.resolve(new Response(null, { status: 503, headers: { 'retry-after': '7' } }))
          : fetch(request),
      ),
      retries: { sleep: async (ms) => void waits.push(ms) },
    });
    await quick.get('/contacts/{id}', { params: { path: { id: contact.id } } });
    expect(waits).toEqual([7000]);
    synthetic = [503];
    const none = client({
      retries: 0,
      fetch: (request) =>
        synthetic.shift() ? Promise.resolve(new Response('busy', { status: 503 })) : fetch(request),
    });
    await expect(none.get('/contacts/{id}', { params: { path: { id: contact.id } } })).rejects.toMatchObject({
      status: 503,
      code: 'http.unexpected_response',
      detail: 'busy',
    });
  });

  it('gives up after a bounded number of attempts, and on a Retry-After it will not wait for', async () => {
    const { client } = await setup();
    let attempts = 0;
    const waits: number[] = [];
    const busy = client({
      retries: { maxRetries: 2, sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
      fetch: async () => {
        attempts++;
        return new Response(null, { status: 503 });
      },
    });
    await expect(busy.get('/tenant')).rejects.toMatchObject({ status: 503 });
    expect(attempts).toBe(3);
    expect(waits).toEqual([100, 200]); // half (the jitter) of 200 ms · 2^retry

    attempts = 0;
    const later = client({
      fetch: async () => {
        attempts++;
        return new Response(null, { status: 429, headers: { 'retry-after': '3600' } });
      },
    });
    await expect(later.get('/tenant')).rejects.toMatchObject({ status: 429 });
    expect(attempts).toBe(1);
  });

  it('does not retry a PATCH after a network failure (it might have been applied)', async () => {
    const { student, client } = await setup();
    let attempts = 0;
    const iv = client({
      fetch: async () => {
        attempts++;
        throw new TypeError('fetch failed');
      },
    });
    await expect(
      iv.patch('/students/{id}', { params: { path: { id: student.id } }, body: { name: 'Ada' } }),
    ).rejects.toThrow(TypeError);
    expect(attempts).toBe(1);
  });

  it('carries the ETag it saw as If-Match on a PATCH, and remembers the new one', async () => {
    const sent: Sent[] = [];
    const { student, client } = await setup();
    const iv = client({ fetch: recordingFetch(sent) });
    const created = await iv.post('/contacts', {
      body: { studentId: student.id, name: 'Mary', source: 'faculty' },
    });
    const path = { id: created.id };
    // The create's ETag (remembered under its Location) is enough for the first PATCH.
    expect(iv.etagOf(`/contacts/${created.id}`)).toBe(`"${created.id}:1"`);
    const renamed = await iv.patch('/contacts/{id}', { params: { path }, body: { title: 'Professor' } });
    expect(renamed.version).toBe(2);
    expect(sent.at(-1)!.headers.get('if-match')).toBe(`"${created.id}:1"`);
    expect(iv.etagOf(`/contacts/${created.id}`)).toBe(`"${created.id}:2"`);

    // Someone else changes it: our remembered ETag is stale, so the PATCH is refused.
    const elsewhere = client();
    await elsewhere.get('/contacts/{id}', { params: { path } });
    await elsewhere.patch('/contacts/{id}', { params: { path }, body: { organization: 'Vassar' } });
    await expect(
      iv.patch('/contacts/{id}', { params: { path }, body: { title: 'Dr' } }),
    ).rejects.toMatchObject({
      status: 412,
      code: 'precondition.failed',
    });
    // Reading again refreshes it.
    await iv.get('/contacts/{id}', { params: { path } });
    expect(iv.etagOf(`/contacts/${created.id}`)).toBe(`"${created.id}:3"`);
    const updated = await iv.patch('/contacts/{id}', { params: { path }, body: { title: 'Dr' } });
    expect(updated).toMatchObject({ title: 'Dr', organization: 'Vassar', version: 4 });

    // An If-Match the caller passes wins.
    await expect(
      iv.patch('/contacts/{id}', {
        params: { path, header: { 'if-match': `"${created.id}:1"` } },
        body: { title: 'X' },
      }),
    ).rejects.toMatchObject({ code: 'precondition.failed' });
    expect(sent.at(-1)!.headers.get('if-match')).toBe(`"${created.id}:1"`);
  });

  it('sends no If-Match it was not given when ETags are off (the API then asks for one)', async () => {
    const { student, client } = await setup();
    const iv = client({ etags: false });
    await iv.get('/students/{id}', { params: { path: { id: student.id } } });
    await expect(
      iv.patch('/students/{id}', { params: { path: { id: student.id } }, body: { name: 'Ada King' } }),
    ).rejects.toMatchObject({ status: 428, code: 'precondition.required' });
    expect(iv.etagOf(`/students/${student.id}`)).toBeUndefined();
  });

  it('exposes responses through raw', async () => {
    const { student, client } = await setup();
    const { data, response } = await client().raw.GET('/students/{id}', {
      params: { path: { id: student.id } },
    });
    expect(data?.id).toBe(student.id);
    expect(response.headers.get('etag')).toBe(`"${student.id}:1"`);
    await expect(
      client().raw.GET('/students/{id}', { params: { path: { id: crypto.randomUUID() } } }),
    ).rejects.toBeInstanceOf(InfoviewProblem);
  });
});
