import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The student stops pursuing the interview (any open state). */
export async function withdrawInterview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { reason?: string | undefined; at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({
    type: 'withdraw',
    at,
    ...(input.reason ? { reason: input.reason } : {}),
  }));
}
