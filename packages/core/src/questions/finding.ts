import type { Policy } from '../domain/policy.js';
import type { Fix, Severity } from '../messages/finding.js';
import type { Question } from './bank.js';

/**
 * One problem with a question list, found by the rule `ruleId`. `index` is the question's position
 * (null for the whole list); `start`/`end` are offsets into that question's text.
 * Example: `{ ruleId: 'prep.questions', check: 'closed_question', severity: 'hint', index: 0, start: 0, end: 24,
 *   message: '…', fix: { replacement: 'What do you like about your job?' } }`.
 */
export interface QuestionListFinding<Id extends string = string> {
  ruleId: Id;
  /** Stable sub-check of the rule, e.g. `'closed_question'`. */
  check: string;
  severity: Severity;
  index: number | null;
  questionId?: string;
  start: number;
  end: number;
  message: string;
  fix?: Fix;
}

/** What a question-list check reads of the policy. */
export type QuestionListPolicy = Pick<Policy, 'minReferralQuestions' | 'disabledRules'>;

/** One rule's check of a student's question list: pure, returns its findings under the rule's id. */
export type QuestionListRule<Id extends string = string> = (
  questions: readonly (Question | string)[],
  policy: QuestionListPolicy,
) => QuestionListFinding<Id>[];
