import type { ServiceContext } from '../context.js';
import { findVisibleTask } from './find.js';
import { presentTask, type TaskView } from './present.js';

export async function getTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<TaskView> {
  return presentTask(await findVisibleTask(ctx, input.id));
}
