import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The contact raised a specific job; recording it never breaks `outreach.no_job_ask`. */
export async function recordOpportunity({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { title: string; at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({
    type: 'record_opportunity',
    at,
    title: input.title,
  }));
}
