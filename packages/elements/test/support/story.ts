import { createClient, type InfoviewClient } from '@infoview/sdk';
import type { ApiServer, TestTenant } from './api-server.js';

/** A student with a credential, and the SDK acting as that student from the test's side. */
export async function studentWith(server: ApiServer, tenant: TestTenant, name: string) {
  const student = await tenant.student(name);
  const iv = createClient({ baseUrl: server.baseUrl, apiKey: student.secret, retries: 0 });
  return { ...student, iv };
}

/** A contact and its interview, moved to `completed` on the sandbox clock (the meeting held). */
export async function completedInterview(
  iv: InfoviewClient,
  admin: InfoviewClient,
  studentId: string,
  name: string,
): Promise<string> {
  const contact = await iv.post('/contacts', {
    body: {
      studentId,
      name,
      source: 'friend',
      known: true,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
    },
  });
  const interview = await iv.post('/interviews', { body: { contactId: contact.id } });
  const id = interview.id;
  const path = { params: { path: { id } } };
  await iv.post('/interviews/{id}/attempts', { ...path, body: { channel: 'phone' } });
  const clock = await admin.get('/test-clock');
  const meetingAt = new Date(Date.parse(clock.frozenTime) + 3_600_000).toISOString();
  await iv.post('/interviews/{id}/reply', {
    ...path,
    body: { response: 'accepted', meeting: { at: meetingAt, durationMinutes: 30 } },
  });
  await admin.post('/test-clock/advance', { body: { by: 'PT2H' } });
  await iv.get('/interviews/{id}', path);
  await iv.post('/interviews/{id}/complete', { ...path, body: {} });
  return id;
}
