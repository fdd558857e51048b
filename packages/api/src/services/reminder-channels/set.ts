import { sql } from 'drizzle-orm';
import { reminderChannelPreferences } from '../../db/schema/reminder-channels.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import type { ReminderChannelsView, TaskChannel } from './get.js';

const unique = (channels: readonly TaskChannel[]) => [...new Set(channels)];

/** Sets the tenant's default channels (an empty list: task reminders go nowhere). */
export async function setTenantReminderChannels({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { channels: TaskChannel[] };
}): Promise<ReminderChannelsView> {
  requireRole(ctx, 'admin');
  const now = ctx.now();
  const channels = unique(input.channels);
  await ctx.db
    .insert(reminderChannelPreferences)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      studentId: null,
      channels,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [reminderChannelPreferences.tenantId],
      targetWhere: sql`${reminderChannelPreferences.studentId} is null`,
      set: { channels, updatedAt: now, version: sql`${reminderChannelPreferences.version} + 1` },
    });
  return { channels, source: 'tenant' };
}

/** Sets one student's channels: an admin, a portal, or the student themselves. */
export async function setStudentReminderChannels({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string; channels: TaskChannel[] };
}): Promise<ReminderChannelsView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  await findVisibleStudent(ctx, input.studentId);
  const now = ctx.now();
  const channels = unique(input.channels);
  await ctx.db
    .insert(reminderChannelPreferences)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      studentId: input.studentId,
      channels,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [reminderChannelPreferences.tenantId, reminderChannelPreferences.studentId],
      targetWhere: sql`${reminderChannelPreferences.studentId} is not null`,
      set: { channels, updatedAt: now, version: sql`${reminderChannelPreferences.version} + 1` },
    });
  return { channels, source: 'student' };
}
