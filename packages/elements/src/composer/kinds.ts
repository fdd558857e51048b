/** The message kinds whose sending is a lifecycle step (recorded with the step in one call). */
export const STEP_KINDS = ['outreach', 'follow_up', 'referral_outreach', 'thank_you'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const isStepKind = (kind: string): kind is StepKind =>
  (STEP_KINDS as readonly string[]).includes(kind);

/**
 * The kinds that fit the interview now, the one its state calls for first. The lifecycle's
 * `allowedEvents` (from the API) decide the steps; a referred contact's first message is a
 * referral outreach; after the meeting the keep-in-touch messages remain.
 */
export function kindsFor(
  interview: { state: string; allowedEvents: readonly string[] },
  contact: { referrerContactId: string | null },
): string[] {
  const allowed = new Set(interview.allowedEvents);
  const referred = contact.referrerContactId !== null;
  const kinds: string[] = [];
  if (allowed.has('send_outreach')) kinds.push(referred ? 'referral_outreach' : 'outreach');
  if (allowed.has('send_follow_up')) kinds.push('follow_up');
  if (allowed.has('send_thank_you')) kinds.push('thank_you');
  if (interview.state === 'completed' || interview.state === 'nurturing') {
    if (referred) kinds.push('report_back');
    kinds.push('keep_in_touch', 'milestone_news', 'referral_ask');
  }
  return kinds;
}
