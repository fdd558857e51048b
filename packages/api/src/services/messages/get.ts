import { and, eq } from 'drizzle-orm';
import { messages } from '../../db/schema/content.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { type MessageView, presentMessage } from './present.js';

/** One recorded message the caller may see (the `Location` of a recorded one). */
export async function getMessage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<MessageView> {
  const [row] = await ctx.db
    .select()
    .from(messages)
    .where(and(visibleStudents(ctx, messages.tenantId, messages.studentId), eq(messages.id, input.id)));
  if (!row) throw new ServiceError('message.not_found', `No message ${input.id}`);
  return presentMessage(row);
}
