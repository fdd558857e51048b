// The portal server's side of embedding (docs/embedding.md, "The server call"): type-checked by
// `pnpm docs:typecheck` against the generated SDK, so the snippet cannot drift from the API.
// In your own project, import from '@infoview/sdk' instead of the relative path.
import { createClient } from '../../packages/sdk/src/index.js';

const iv = createClient({
  baseUrl: 'https://infoview.example.edu',
  apiKey: process.env.INFOVIEW_API_KEY ?? '',
});

/** What the portal's own endpoint (behind its login) answers the page's fetchClientSecret with. */
export async function infoviewSession(studentExternalId: string) {
  const session = await iv.post('/sessions', {
    body: { studentExternalId, components: ['workspace', 'network', 'interview', 'tasks', 'feed'] },
  });
  return { clientSecret: session.clientSecret, expiresAt: session.expiresAt };
}

/** On sign-out: the session stops working at once. */
export async function endInfoviewSession(id: string) {
  await iv.delete('/sessions/{id}', { params: { path: { id } } });
}
