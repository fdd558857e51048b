import type { ServiceContext } from '../context.js';
import { findVisibleInterview } from './find.js';
import { type InterviewView, presentInterview } from './present.js';

export async function getInterview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<InterviewView> {
  return presentInterview(await findVisibleInterview(ctx, input.id));
}
