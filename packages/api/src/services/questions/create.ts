import { mergeQuestions, type Question, type QuestionCategory } from '@infoview/core';
import { tenantQuestions } from '../../db/schema/content.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { isUniqueViolation } from '../db-errors.js';
import { questionBank } from './bank.js';

/** Adds one of the tenant's own questions (admins and advisors), validated by core's `mergeQuestions`. */
export async function createQuestion({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; category: QuestionCategory; text: string; referral?: boolean | undefined };
}): Promise<Question> {
  requireRole(ctx, 'admin', 'advisor');
  try {
    return await withTransaction(ctx, async (ctx) => {
      const merged = mergeQuestions(await questionBank(ctx), [
        {
          id: input.id,
          category: input.category,
          text: input.text,
          ...(input.referral ? { referral: true } : {}),
        },
      ]);
      if (!merged.ok) {
        const duplicate = merged.issues.some((i) => i.message.includes('already in the bank'));
        throw new ServiceError(
          duplicate ? 'question.duplicate' : 'question.invalid',
          merged.issues[0]!.message,
          {
            errors: merged.issues.map((i) => ({ path: '/body', message: i.message })),
          },
        );
      }
      const question = merged.bank.at(-1)!;
      const now = ctx.now();
      await ctx.db.insert(tenantQuestions).values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        questionId: question.id,
        category: question.category,
        text: question.text,
        referral: question.referral ?? false,
        createdAt: now,
        updatedAt: now,
      });
      return question;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'tenant_questions_tenant_question_uq')) {
      throw new ServiceError('question.duplicate', `The tenant already has a question ${input.id}`);
    }
    throw error;
  }
}
