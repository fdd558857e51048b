import type { Policy } from '../domain/policy.js';
import type { MessageContext } from './context.js';
import { MessageTemplateError } from './errors.js';
import { isMessageKind, type MessageKind } from './kinds.js';
import {
  parseTemplate,
  renderNodes,
  type TemplateIssue,
  type TemplateNode,
  templateVariables,
} from './template.js';
import { DEFAULT_TEMPLATES, type MessageTemplate, type MessageTemplates } from './templates.js';
import { isTemplateVariable, messageVariables, type TemplateVariable } from './variables.js';

/** A rendered message, ready to lint and send. Example: `{ subject: 'Thank you for your time', body: 'Dear …' }`. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

/** A template problem in a field (and kind). Example: `{ code: 'message.unknown_variable', variable: 'x.y', field: 'body', offset: 2, message }`. */
export interface TemplateFieldIssue extends TemplateIssue {
  field: 'subject' | 'body';
  kind?: MessageKind;
}

/** Options for {@link renderMessage}. Example: `{ templates: tenantTemplates, policy: GUIDE_POLICY }`. */
export interface RenderOptions {
  /** The tenant's replacement templates; kinds not given use {@link DEFAULT_TEMPLATES}. */
  templates?: MessageTemplates;
  /** Meeting length and thank-you points come from here; the guide's 20-30 minutes and 2 otherwise. */
  policy?: Pick<Policy, 'meetingMinMinutes' | 'meetingMaxMinutes' | 'thankYouMaxPoints'>;
}

const FIELDS = ['subject', 'body'] as const;

function issuesOf(
  source: string,
  field: 'subject' | 'body',
): { nodes: TemplateNode[]; issues: TemplateFieldIssue[] } {
  const { nodes, issues } = parseTemplate(source);
  const all: TemplateFieldIssue[] = issues.map((issue) => ({ ...issue, field }));
  if (issues.length === 0) {
    for (const name of templateVariables(nodes)) {
      if (!isTemplateVariable(name)) {
        all.push({
          code: 'message.unknown_variable',
          message: `Unknown variable {{${name}}}.`,
          offset: source.indexOf(name),
          variable: name,
          field,
        });
      }
    }
  }
  return { nodes, issues: all };
}

/**
 * Check a template: syntax, and every variable known. Empty when valid.
 * Example: `validateTemplate({ subject: 'Hi', body: '{{student.nickname}}' })[0].variable === 'student.nickname'`.
 */
export function validateTemplate(template: MessageTemplate): TemplateFieldIssue[] {
  return FIELDS.flatMap((field) => issuesOf(template[field], field).issues);
}

/**
 * Check a tenant's template map: kinds must exist and every template be valid. Empty when valid.
 * Example: `validateTemplates({ outreach: { subject: 'Hi', body: '{{x}}' } }).length === 1`.
 */
export function validateTemplates(
  templates: Readonly<Record<string, MessageTemplate>>,
): TemplateFieldIssue[] {
  const issues: TemplateFieldIssue[] = [];
  for (const [kind, template] of Object.entries(templates)) {
    if (!isMessageKind(kind)) {
      issues.push({
        code: 'message.template_syntax',
        message: `Unknown message kind "${kind}".`,
        offset: 0,
        field: 'subject',
      });
      continue;
    }
    for (const issue of validateTemplate(template)) issues.push({ ...issue, kind });
  }
  return issues;
}

function tidy(text: string, field: 'subject' | 'body'): string {
  if (field === 'subject') return text.replace(/\s+/g, ' ').trim();
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,;:!?])/g, '$1')
    .replace(/ +\n/g, '\n')
    .replace(/\n /g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Render a message of `kind` for `context`. Throws {@link MessageTemplateError} naming the
 * unknown or missing variable; never renders a blank.
 * Example: `renderMessage('thank_you', ctx).subject === 'Thank you for your time'`.
 */
export function renderMessage(
  kind: MessageKind,
  context: MessageContext,
  options: RenderOptions = {},
): RenderedMessage {
  if (!isMessageKind(kind))
    throw new MessageTemplateError('message.unknown_kind', `Unknown message kind "${kind}".`);
  const template = options.templates?.[kind] ?? DEFAULT_TEMPLATES[kind];
  const values = messageVariables(context, {
    meetingMinMinutes: options.policy?.meetingMinMinutes ?? 20,
    meetingMaxMinutes: options.policy?.meetingMaxMinutes ?? 30,
    maxPoints: options.policy?.thankYouMaxPoints ?? 2,
  });
  const lookup = (name: string): string | undefined => {
    const value = values[name as TemplateVariable];
    if (value !== undefined && (value.includes('{{') || value.includes('}}'))) {
      throw new MessageTemplateError(
        'message.unsafe_value',
        `The value of {{${name}}} contains "{{" or "}}".`,
        {
          variable: name,
          kind,
        },
      );
    }
    return value;
  };
  const rendered: RenderedMessage = { subject: '', body: '' };
  for (const field of FIELDS) {
    const { nodes, issues } = issuesOf(template[field], field);
    const first = issues[0];
    if (first) {
      throw new MessageTemplateError(first.code, `${kind} ${field}: ${first.message}`, {
        kind,
        field,
        offset: first.offset,
        ...(first.variable ? { variable: first.variable } : {}),
      });
    }
    const { text, missing } = renderNodes(nodes, lookup);
    if (missing) {
      throw new MessageTemplateError(
        'message.missing_variable',
        `${kind} ${field}: no value for {{${missing.variable}}}.`,
        { variable: missing.variable, kind, field, offset: missing.offset },
      );
    }
    rendered[field] = tidy(text, field);
  }
  return rendered;
}
