import { and, eq, isNull } from 'drizzle-orm';
import { reminderChannelPreferences } from '../../db/schema/reminder-channels.js';
import { type ChoosableChannel, DEFAULT_CHANNELS } from '../../lib/reminder-channels.gen.js';
import { requireRole, type ServiceContext } from '../context.js';
import { findVisibleStudent } from '../students/find.js';

/** A channel tenants and students choose for task reminders (the registry's choosable channels). */
export type TaskChannel = ChoosableChannel;

export interface ReminderChannelsView {
  channels: TaskChannel[];
  /** Where the answer comes from: the student's own choice, the tenant's, or the default. */
  source: 'student' | 'tenant' | 'default';
}

async function tenantChannels(ctx: ServiceContext): Promise<ReminderChannelsView> {
  const [row] = await ctx.db
    .select({ channels: reminderChannelPreferences.channels })
    .from(reminderChannelPreferences)
    .where(
      and(
        eq(reminderChannelPreferences.tenantId, ctx.tenantId),
        isNull(reminderChannelPreferences.studentId),
      ),
    );
  return row
    ? { channels: row.channels, source: 'tenant' }
    : { channels: [...DEFAULT_CHANNELS], source: 'default' };
}

/** The tenant's default channels for task reminders. */
export async function getTenantReminderChannels({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  requireRole(ctx, 'admin', 'integration');
  return tenantChannels(ctx);
}

/** The channels a student's task reminders go to (theirs, else the tenant's, else the default). */
export async function getStudentReminderChannels({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<ReminderChannelsView> {
  await findVisibleStudent(ctx, input.studentId);
  const [row] = await ctx.db
    .select({ channels: reminderChannelPreferences.channels })
    .from(reminderChannelPreferences)
    .where(
      and(
        eq(reminderChannelPreferences.tenantId, ctx.tenantId),
        eq(reminderChannelPreferences.studentId, input.studentId),
      ),
    );
  return row ? { channels: row.channels, source: 'student' } : tenantChannels(ctx);
}
