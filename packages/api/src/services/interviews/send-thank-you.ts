import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The thank-you went out: the contact joins the network (`nurturing`). */
export async function sendThankYou({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({ type: 'send_thank_you', at }));
}
