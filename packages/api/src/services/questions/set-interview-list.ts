import { and, eq, sql } from 'drizzle-orm';
import { interviews, type QuestionListItem } from '../../db/schema/interviews.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { commitEvent, lifecycleActor, loadForAction } from '../interviews/apply-event.js';
import { policyForStudent } from '../policies/in-force.js';
import type { ExpectedVersion } from '../versioning.js';
import { questionBank } from './bank.js';
import { presentQuestionList, type QuestionListView, resolveItems } from './interview-list.js';

/**
 * Replaces the interview's ordered question list (If-Match required). When the list passes core's
 * check and the meeting is scheduled, the prep item `question_list` is ticked through the lifecycle.
 */
export async function setInterviewQuestions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { interviewId: string; expectedVersion: ExpectedVersion; items: QuestionListItem[] };
}): Promise<QuestionListView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const loaded = await loadForAction(ctx, input.interviewId, 'caller');
    const current = loaded.interview;
    if (input.expectedVersion !== 'any' && current.version !== input.expectedVersion) {
      throw new ServiceError(
        'precondition.failed',
        'The interview was changed by someone else; read it again',
      );
    }
    const list = resolveItems(await questionBank(ctx), input.items);
    const policy = await policyForStudent(ctx, current.studentId);
    const [updated] = await ctx.db
      .update(interviews)
      .set({ questionList: input.items, version: sql`${interviews.version} + 1`, updatedAt: ctx.now() })
      .where(
        and(
          eq(interviews.tenantId, ctx.tenantId),
          eq(interviews.id, current.id),
          eq(interviews.version, current.version),
        ),
      )
      .returning();
    let view = presentQuestionList(updated!, list, policy);
    if (view.passes && updated!.state === 'scheduled' && !updated!.facts.prep.question_list) {
      const { interview } = await commitEvent(
        ctx,
        { ...loaded, interview: updated! },
        { type: 'update_prep', at: ctx.now().getTime(), items: { question_list: true } },
        lifecycleActor(ctx.actor),
      );
      view = { ...view, version: interview.version };
    }
    return view;
  });
}
