/** The question bank: the guide's five categories, tenant additions, and the list check. */
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
export {
  checkQuestionList,
  isClosedQuestion,
  isReferralQuestion,
  openRewrite,
  type QuestionFinding,
} from './check.js';
