import type { PrepItem } from '@infoview/core';
import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** Ticks (or unticks) items of the preparation checklist. */
export async function updatePrep({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { items: Partial<Record<PrepItem, boolean>>; at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({ type: 'update_prep', at, items: input.items }));
}
