import type { ServiceContext } from '../context.js';
import type { ExpectedVersion } from '../versioning.js';
import type { TaskView } from './present.js';
import { setTaskStatus } from './set-status.js';

/** The student did it; kept as completed while the task's due time stays the same. */
export async function completeTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; expectedVersion: ExpectedVersion };
}): Promise<TaskView> {
  return setTaskStatus(ctx, { ...input, status: 'completed' });
}
