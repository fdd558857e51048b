import type { StudentProfile } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext } from '../context.js';
import { isUniqueViolation } from '../db-errors.js';
import { presentStudent, type StudentView } from './present.js';
import { isIanaTimeZone } from './time-zone.js';

export interface CreateStudentInput {
  externalId: string;
  name: string;
  email?: string | null | undefined;
  timeZone: string;
  profile?: StudentProfile | undefined;
}

export const timeZoneInvalid = (value: string) =>
  new ServiceError('student.time_zone_invalid', `timeZone "${value}" is not an IANA time zone`, {
    errors: [{ path: '/body/timeZone', message: 'must be an IANA time zone such as Europe/Paris' }],
  });

const externalIdTaken = (existingId: string | undefined) =>
  new ServiceError('student.external_id_taken', 'Another student has this externalId', {
    errors: [{ path: '/body/externalId', message: 'is already used by another student' }],
    ...(existingId ? { extensions: { existingId } } : {}),
  });

/** Portals provision students: admin and integration keys only. */
export async function createStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateStudentInput;
}): Promise<StudentView> {
  requireRole(ctx, 'admin', 'integration');
  if (!isIanaTimeZone(input.timeZone)) throw timeZoneInvalid(input.timeZone);
  const [existing] = await ctx.db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), eq(students.externalId, input.externalId)));
  if (existing) throw externalIdTaken(existing.id);
  const now = ctx.now();
  try {
    const [row] = await ctx.db
      .insert(students)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        externalId: input.externalId,
        name: input.name,
        email: input.email ?? null,
        timeZone: input.timeZone,
        profile: input.profile ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentStudent(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(undefined);
    throw error;
  }
}
