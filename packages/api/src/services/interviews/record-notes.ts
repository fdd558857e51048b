import { notes } from '../../db/schema/network.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';
import { type NoteView, presentNote } from '../notes/present.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/**
 * Notes written after the meeting: the text is stored as a note (personal data, never logged nor
 * put in the timeline); the learned points go into the interview (thank-you templates use them).
 */
export async function recordNotes({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { notes: string; learnedPoints?: string[] | undefined; at?: string | undefined };
}): Promise<ActionResult & { note: NoteView }> {
  const learnedPoints = input.learnedPoints ?? [];
  return applyInterviewEvent(
    ctx,
    input,
    (_s, at) => ({ type: 'record_notes', at, learnedPoints }),
    async (ctx, loaded, result) => {
      const now = ctx.now();
      const [row] = await ctx.db
        .insert(notes)
        .values({
          id: newId(now.getTime()),
          tenantId: ctx.tenantId,
          studentId: loaded.interview.studentId,
          interviewId: loaded.interview.id,
          text: input.notes,
          learnedPoints,
          at: new Date(result.event.at),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return { note: presentNote(row!) };
    },
  );
}
