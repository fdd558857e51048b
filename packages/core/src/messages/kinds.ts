/** Every kind of message the student sends (DOMAIN.md "Message kinds"). */
export const MESSAGE_KINDS = [
  'outreach',
  'follow_up',
  'referral_outreach',
  'thank_you',
  'report_back',
  'keep_in_touch',
  'milestone_news',
  'referral_ask',
] as const;

/** A kind of message, e.g. `'thank_you'`. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Whether `value` names a message kind. Example: `isMessageKind('outreach') === true`. */
export function isMessageKind(value: string): value is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(value);
}
