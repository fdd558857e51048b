import { and, eq } from 'drizzle-orm';
import { sessions } from '../../db/schema/sessions.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { presentSession, type SessionView } from './present.js';

/** The browser session making the request (an API key has none: 403). */
export async function getCurrentSession({
  ctx,
}: {
  ctx: ServiceContext;
  input?: undefined;
}): Promise<SessionView> {
  const id = ctx.actor.sessionId;
  if (!id) throw new ServiceError('auth.forbidden', 'Only a browser session has a current session');
  const [row] = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tenantId, ctx.tenantId), eq(sessions.id, id)));
  if (!row) throw new ServiceError('session.not_found', `No session ${id}`);
  return presentSession(row);
}
