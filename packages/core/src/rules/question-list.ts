import type { Question } from '../questions/bank.js';
import type { QuestionListFinding, QuestionListPolicy, QuestionListRule } from '../questions/finding.js';
import type { RuleId } from './ids.js';
import { RULE_MODULES } from './registry.js';
import type { RuleModule } from './rule.js';

/** One problem with a question list, under a built-in rule id. */
export type QuestionFinding = QuestionListFinding<RuleId>;

/** The question-list check over a list of rule modules: every module's `questionList`, in order. */
export function questionListCheck<Id extends string>(
  modules: readonly RuleModule<Id>[],
): (questions: readonly (Question | string)[], policy: QuestionListPolicy) => QuestionListFinding<Id>[] {
  const rules = modules.flatMap((m) =>
    m.questionList ? [{ id: m.record.id, run: m.questionList as QuestionListRule<Id> }] : [],
  );
  return (questions, policy) => {
    const disabled = new Set(policy.disabledRules);
    const findings: QuestionListFinding<Id>[] = [];
    for (const rule of rules) if (!disabled.has(rule.id)) findings.push(...rule.run(questions, policy));
    // Question by question (the whole list last); within a question, in the registry's order.
    return findings
      .map((finding, order) => ({ finding, order }))
      .sort(
        (a, b) =>
          (a.finding.index ?? questions.length) - (b.finding.index ?? questions.length) || a.order - b.order,
      )
      .map(({ finding }) => finding);
  };
}

/**
 * Check a student's ordered question list for one interview: closed questions get a hint with an
 * open-ended rewrite, job asks an error, and too few referral questions a warning.
 * Example: `checkQuestionList(['Do you like your job?'], GUIDE_POLICY).map((f) => f.check)` → `['closed_question', 'referral_question']`.
 */
export const checkQuestionList: (
  questions: readonly (Question | string)[],
  policy: QuestionListPolicy,
) => QuestionFinding[] = questionListCheck<RuleId>(RULE_MODULES);
