import type { Question } from '@infoview/core';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { questionBank } from './bank.js';

/** One question of the bank the caller's tenant uses: the guide's or the tenant's own. */
export async function getQuestion({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<Question> {
  const question = (await questionBank(ctx)).find((q) => q.id === input.id);
  if (!question) throw new ServiceError('question.not_found', `No question ${input.id}`);
  return question;
}
