/**
 * Messages: the kinds, their default templates, rendering, and the lint that checks a draft
 * against the guide's rules.
 */
export type { MessageContext, MessageMeeting, MessagePerson } from './context.js';
export { MESSAGE_ERROR_CODES, type MessageErrorCode, MessageTemplateError } from './errors.js';
export type { Finding, Fix, MessageField, Severity } from './finding.js';
export { isMessageKind, MESSAGE_KINDS, type MessageKind } from './kinds.js';
export { lintMessage, MESSAGE_LINT_RULES } from './lint.js';
export type { LintOptions, MessageDraft, RaisedOpportunity } from './lint-types.js';
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
