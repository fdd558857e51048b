import type { Channel } from '@infoview/core';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import type { ActionInput, ActionResult } from '../interviews/apply-event.js';
import { recordAttempt } from '../interviews/record-attempt.js';
import { sendThankYou } from '../interviews/send-thank-you.js';
import type { MessageView } from './present.js';
import { recordMessage } from './record.js';

/** The kinds whose sending is a lifecycle step: an outreach attempt, or the thank-you. */
export const SENT_STEP_KINDS = ['outreach', 'follow_up', 'referral_outreach', 'thank_you'] as const;
export type SentStepKind = (typeof SENT_STEP_KINDS)[number];

/**
 * The student sent a message from their own mail client: the message and its lifecycle step
 * (the attempt, or the thank-you) are recorded in one transaction under the interview's If-Match,
 * so a stale tab records neither and a retry can never leave a message without its step.
 */
export async function recordSentMessage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & {
    kind: SentStepKind;
    subject?: string | null | undefined;
    body: string;
    channel?: Channel | undefined;
    at?: string | undefined;
  };
}): Promise<ActionResult & { message: MessageView }> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const step = { id: input.id, expectedVersion: input.expectedVersion, at: input.at };
    const result =
      input.kind === 'thank_you'
        ? await sendThankYou({ ctx, input: step })
        : await recordAttempt({ ctx, input: { ...step, channel: input.channel ?? 'email' } });
    const message = await recordMessage({
      ctx,
      input: {
        kind: input.kind,
        subject: input.subject,
        body: input.body,
        interviewId: input.id,
        sentAt: result.event.at,
      },
    });
    return { ...result, message };
  });
}
