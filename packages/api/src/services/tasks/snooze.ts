import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import type { ExpectedVersion } from '../versioning.js';
import type { TaskView } from './present.js';
import { setTaskStatus } from './set-status.js';

/** Remind me later: the reminder moves to `until` (which must be in the future). */
export async function snoozeTask({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; expectedVersion: ExpectedVersion; until: string };
}): Promise<TaskView> {
  const until = new Date(input.until);
  if (!(until.getTime() > ctx.now().getTime())) {
    throw new ServiceError('request.validation_failed', 'until must be in the future', {
      errors: [{ path: '/body/until', message: 'must be in the future' }],
    });
  }
  return setTaskStatus(ctx, {
    id: input.id,
    expectedVersion: input.expectedVersion,
    status: 'snoozed',
    snoozedUntil: until,
  });
}
