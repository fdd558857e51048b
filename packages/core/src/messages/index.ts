/**
 * Messages: the kinds, their default templates, rendering, and what the lint works with (drafts,
 * findings, text analysis, the speller). Each lint rule lives in its rule's module (rules/);
 * `lintMessage` (rules/lint.ts) runs them.
 */
export type { MessageContext, MessageMeeting, MessagePerson } from './context.js';
export { MESSAGE_ERROR_CODES, type MessageErrorCode, MessageTemplateError } from './errors.js';
export type { Fix, LintFinding, MessageField, Severity } from './finding.js';
export { isMessageKind, MESSAGE_KINDS, type MessageKind } from './kinds.js';
export type {
  LintField,
  LintInput,
  LintOptions,
  LintRule,
  MessageDraft,
  RaisedOpportunity,
} from './lint-types.js';
export {
  type RenderedMessage,
  type RenderOptions,
  renderMessage,
  type TemplateFieldIssue,
  validateTemplate,
  validateTemplates,
} from './render.js';
export { createSpeller, type Speller, type SpellingDictionary, withWords } from './speller.js';
export type { TemplateIssue } from './template.js';
export { DEFAULT_TEMPLATES, type MessageTemplate, type MessageTemplates } from './templates.js';
export { isTemplateVariable, TEMPLATE_VARIABLES, type TemplateVariable, TOPIC_PHRASES } from './variables.js';
