import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The meeting took place. */
export async function completeInterview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & {
    at?: string | undefined;
    actualMinutes?: number | undefined;
    invitedToStay?: boolean | undefined;
    businessCardReceived?: boolean | undefined;
    askedForReferral?: boolean | undefined;
  };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({
    type: 'complete',
    at,
    ...(input.actualMinutes === undefined ? {} : { actualMinutes: input.actualMinutes }),
    ...(input.invitedToStay === undefined ? {} : { invitedToStay: input.invitedToStay }),
    ...(input.businessCardReceived === undefined ? {} : { businessCardReceived: input.businessCardReceived }),
    ...(input.askedForReferral === undefined ? {} : { askedForReferral: input.askedForReferral }),
  }));
}
