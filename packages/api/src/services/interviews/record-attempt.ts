import type { Channel } from '@infoview/core';
import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** An outreach attempt: the first is the outreach, later ones follow-ups (the lifecycle caps them). */
export async function recordAttempt({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { channel: Channel; at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (snapshot, at) => ({
    type: snapshot.attempts.length === 0 ? 'send_outreach' : 'send_follow_up',
    at,
    channel: input.channel,
  }));
}
