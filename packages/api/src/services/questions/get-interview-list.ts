import type { ServiceContext } from '../context.js';
import { findVisibleInterview } from '../interviews/find.js';
import { policyForStudent } from '../policies/in-force.js';
import { questionBank } from './bank.js';
import { presentQuestionList, type QuestionListView, resolveItems } from './interview-list.js';

/** The interview's question list with core's findings. A question removed from the bank shows as its id. */
export async function getInterviewQuestions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { interviewId: string };
}): Promise<QuestionListView> {
  const interview = await findVisibleInterview(ctx, input.interviewId);
  const bank = await questionBank(ctx);
  const known = new Set(bank.map((q) => q.id));
  const items = interview.questionList.filter((item) => 'text' in item || known.has(item.questionId));
  return presentQuestionList(
    interview,
    resolveItems(bank, items),
    await policyForStudent(ctx, interview.studentId),
  );
}
