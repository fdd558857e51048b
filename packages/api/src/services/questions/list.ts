import type { Question, QuestionCategory } from '@infoview/core';
import type { ServiceContext } from '../context.js';
import {
  decodeTupleCursor,
  encodeTupleCursor,
  type Page,
  type PageRequest,
  pageSizeOf,
} from '../pagination.js';
import { questionBank } from './bank.js';

/** The question bank the caller's tenant uses; the cursor is the position in the bank's order. */
export async function listQuestions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { category?: QuestionCategory | undefined };
}): Promise<Page<Question>> {
  const size = pageSizeOf(input);
  const start = input.cursor === undefined ? 0 : decodeTupleCursor(input.cursor, ['int'] as const)[0];
  const bank = (await questionBank(ctx))
    .map((question, position) => ({ question, position }))
    .filter(({ question }) => input.category === undefined || question.category === input.category)
    .filter(({ position }) => position >= start);
  const page = bank.slice(0, size);
  const next = bank[size];
  return {
    data: page.map(({ question }) => question),
    nextCursor: next ? encodeTupleCursor([next.position]) : null,
  };
}
