// Type-checked (never run) by `pnpm pack:check` in the throwaway project, under `strict`: the
// published declarations must type a consumer's calls, and refuse a mistake.
import { type Contact, createClient, type InfoviewClient, isInfoviewProblem } from '@infoview/sdk';

const iv: InfoviewClient = createClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'iv_test_x' });

export async function firstContact(studentId: string): Promise<Contact> {
  try {
    return await iv.post('/contacts', { body: { studentId, name: 'Grace Hopper', source: 'supervisor' } });
  } catch (error) {
    if (isInfoviewProblem(error, 'contact.duplicate')) throw new Error(error.detail ?? error.title);
    throw error;
  }
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error: no such path in the API; the published types must say so.
  await iv.get('/no-such-path');
  // @ts-expect-error: a contact needs a name.
  await iv.post('/contacts', { body: { studentId: 's', source: 'supervisor' } });
}
