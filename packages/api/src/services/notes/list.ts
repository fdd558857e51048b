import { and, eq } from 'drizzle-orm';
import { notes } from '../../db/schema/network.js';
import type { ServiceContext } from '../context.js';
import { findVisibleInterview } from '../interviews/find.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type NoteView, presentNote } from './present.js';

/** The notes written on one interview, oldest first. */
export async function listNotes({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { interviewId: string };
}): Promise<Page<NoteView>> {
  const interview = await findVisibleInterview(ctx, input.interviewId);
  const q = keyset(
    notes.id,
    input,
    and(eq(notes.tenantId, ctx.tenantId), eq(notes.interviewId, interview.id)),
  );
  const rows = await ctx.db.select().from(notes).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentNote);
}
