/** The rules of the method: one module each, the registry, and what derives from it. */
export * from './catalog.js';
export { evaluateNetwork, ruleEngine } from './engine.js';
export * from './ids.js';
export { type Finding, lintMessage, MESSAGE_LINT_RULES, type MessageLint, messageLint } from './lint.js';
export type { NetworkIndex } from './network.js';
export { isClosedQuestion, isReferralQuestion, openRewrite } from './prep-questions.js';
export { checkQuestionList, type QuestionFinding, questionListCheck } from './question-list.js';
export { RULE_MODULES } from './registry.js';
export {
  defineRule,
  type LifecycleHook,
  type MetContact,
  type RuleCheck,
  type RuleEffect,
  type RuleGuard,
  type RuleModule,
  type RuleRecord,
  type RuleRun,
  type RuleSource,
  type TaskSubject,
} from './rule.js';
export * from './types.js';
