import type { ServiceContext } from '../context.js';
import type { ExpectedVersion } from '../versioning.js';
import type { TaskView } from './present.js';
import { setTaskStatus } from './set-status.js';

/** The student does not want this task; no reminder until the rules derive a new occurrence. */
export async function dismissTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; expectedVersion: ExpectedVersion };
}): Promise<TaskView> {
  return setTaskStatus(ctx, { ...input, status: 'dismissed' });
}
