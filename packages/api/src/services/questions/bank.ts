import { QUESTION_BANK, type Question } from '@infoview/core';
import { asc, eq } from 'drizzle-orm';
import { tenantQuestions } from '../../db/schema/content.js';
import type { ServiceContext } from '../context.js';

/** The guide's questions, then the tenant's own (in the order they were added). */
export async function questionBank(ctx: ServiceContext): Promise<Question[]> {
  const rows = await ctx.db
    .select()
    .from(tenantQuestions)
    .where(eq(tenantQuestions.tenantId, ctx.tenantId))
    .orderBy(asc(tenantQuestions.id));
  return [
    ...QUESTION_BANK,
    ...rows.map(
      (r): Question => ({
        id: r.questionId,
        category: r.category,
        text: r.text,
        source: 'tenant',
        ...(r.referral ? { referral: true } : {}),
      }),
    ),
  ];
}
