import type { MessageKind } from './kinds.js';

/** Every error code the message templates raise (stable). Example: `MESSAGE_ERROR_CODES.includes(error.code)`. */
export const MESSAGE_ERROR_CODES = [
  'message.unknown_kind',
  'message.template_syntax',
  'message.unknown_variable',
  'message.missing_variable',
  'message.unsafe_value',
] as const;

/** A message error code, e.g. `'message.missing_variable'`. */
export type MessageErrorCode = (typeof MESSAGE_ERROR_CODES)[number];

/**
 * A template could not be rendered: it names the variable (or the syntax problem) so the
 * student or tenant can fix it. Never a blank in the text instead.
 * Example: `new MessageTemplateError('message.missing_variable', 'No value for {{learned.points}}.', { variable: 'learned.points' })`.
 */
export class MessageTemplateError extends Error {
  override readonly name = 'MessageTemplateError';
  readonly code: MessageErrorCode;
  readonly variable: string | undefined;
  readonly kind: MessageKind | undefined;
  readonly field: 'subject' | 'body' | undefined;
  /** Offset of the problem in the template source, when known. */
  readonly offset: number | undefined;

  constructor(
    code: MessageErrorCode,
    message: string,
    details: { variable?: string; kind?: MessageKind; field?: 'subject' | 'body'; offset?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.variable = details.variable;
    this.kind = details.kind;
    this.field = details.field;
    this.offset = details.offset;
  }
}
