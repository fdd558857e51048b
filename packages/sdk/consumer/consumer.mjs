// Run by `pnpm pack:check` with plain Node in a throwaway project that installed the packed
// tarball, against an API server the check started (embedded defaults, a loopback port).
import assert from 'node:assert/strict';
import { createClient, isInfoviewProblem, paginate } from '@infoview/sdk';

const baseUrl = process.env.INFOVIEW_URL;
const apiKey = process.env.INFOVIEW_API_KEY;
assert.ok(baseUrl && apiKey, 'INFOVIEW_URL and INFOVIEW_API_KEY are set by the check');

const admin = createClient({ baseUrl, apiKey });
const tenant = await admin.get('/tenant');
assert.equal(typeof tenant.id, 'string');

const portalKey = await admin.post('/api-keys', {
  body: { name: 'pack-check portal', scope: 'integration' },
});
const externalId = `s-${crypto.randomUUID()}`;
const portal = createClient({ baseUrl, apiKey: portalKey.secret });
const student = await portal.post('/students', {
  body: { externalId, name: 'Ada Lovelace', timeZone: 'Europe/London' },
});

const iv = createClient({ baseUrl, apiKey: portalKey.secret, actingAs: externalId });
const contact = await iv.post('/contacts', {
  body: { studentId: student.id, name: 'Grace Hopper', source: 'supervisor', known: true },
});
assert.equal(contact.name, 'Grace Hopper');
const interviews = [];
for await (const interview of paginate(iv, '/interviews')) interviews.push(interview);
assert.deepEqual(interviews, []);

// A problem document arrives as an InfoviewProblem with its stable code.
try {
  await iv.get('/contacts/{id}', { params: { path: { id: '00000000-0000-7000-8000-000000000000' } } });
  assert.fail('a missing contact is a 404');
} catch (error) {
  assert.ok(isInfoviewProblem(error), String(error));
  assert.equal(error.status, 404);
}

console.log(
  `@infoview/sdk from its tarball: tenant, student, contact ${contact.id}, ${interviews.length} interview(s)`,
);
