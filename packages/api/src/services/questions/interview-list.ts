import { checkQuestionList, type Question, type QuestionFinding } from '@infoview/core';
import type { QuestionListItem } from '../../db/schema/interviews.js';
import { ServiceError } from '../../errors.js';

export interface QuestionListView {
  interviewId: string;
  /** The list in order: bank questions carry their id, the student's own only their text. */
  items: { questionId: string | null; text: string; category: string | null; referral: boolean }[];
  /** Core's `prep.questions` / `outreach.no_job_ask` findings; the list passes with no warning or error. */
  findings: QuestionFinding[];
  passes: boolean;
  version: number;
}

/** Resolves stored items against the bank (unknown ids are refused when the list is written). */
export function resolveItems(
  bank: readonly Question[],
  items: readonly QuestionListItem[],
): (Question | string)[] {
  const byId = new Map(bank.map((q) => [q.id, q]));
  const unknown: string[] = [];
  const resolved = items.map((item) => {
    if ('text' in item) return item.text;
    const question = byId.get(item.questionId);
    if (!question) unknown.push(item.questionId);
    return question ?? item.questionId;
  });
  if (unknown.length > 0) {
    throw new ServiceError('question.unknown', `Unknown question ids: ${unknown.join(', ')}`, {
      errors: unknown.map((id) => ({ path: '/body/items', message: `names an unknown question ${id}` })),
    });
  }
  return resolved;
}

export function presentQuestionList(
  interview: { id: string; version: number },
  list: (Question | string)[],
  policy: Parameters<typeof checkQuestionList>[1],
): QuestionListView {
  const findings = checkQuestionList(list, policy);
  return {
    interviewId: interview.id,
    items: list.map((q) =>
      typeof q === 'string'
        ? { questionId: null, text: q, category: null, referral: false }
        : { questionId: q.id, text: q.text, category: q.category, referral: q.referral ?? false },
    ),
    findings,
    passes: findings.every((f) => f.severity === 'hint'),
    version: interview.version,
  };
}
