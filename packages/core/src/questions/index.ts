/** The question bank: the guide's five categories and tenant additions. The list check is `prep.questions` (rules/prep-questions.ts). */
export {
  mergeQuestions,
  QUESTION_BANK,
  QUESTION_CATEGORIES,
  QUESTION_CATEGORY_TITLES,
  type Question,
  type QuestionCategory,
  type QuestionIssue,
  type QuestionSource,
  selectQuestions,
} from './bank.js';
export type { QuestionListFinding, QuestionListPolicy, QuestionListRule } from './finding.js';
