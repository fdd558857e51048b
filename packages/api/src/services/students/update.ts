import type { StudentProfile } from '@infoview/core';
import { and, eq, sql } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { applyMergePatch } from '../../lib/merge-patch.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import { timeZoneInvalid } from './create.js';
import { findVisibleStudent, studentNotFound } from './find.js';
import { presentStudent, type StudentView } from './present.js';
import { isIanaTimeZone } from './time-zone.js';

export interface UpdateStudentInput {
  id: string;
  expectedVersion: ExpectedVersion;
  patch: {
    name?: string | undefined;
    email?: string | null | undefined;
    timeZone?: string | undefined;
    /** A JSON Merge Patch of the profile: fields left out stay, `null` removes one; `null` clears it. */
    profile?: { [K in keyof StudentProfile]?: StudentProfile[K] | null | undefined } | null | undefined;
  };
}

/** Admins, integration keys and the student themselves; advisors read only. */
export async function updateStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: UpdateStudentInput;
}): Promise<StudentView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  if (input.patch.timeZone !== undefined && !isIanaTimeZone(input.patch.timeZone)) {
    throw timeZoneInvalid(input.patch.timeZone);
  }
  return withTransaction(ctx, async (ctx) => {
    const current = await findVisibleStudent(ctx, input.id);
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    const { name, email, timeZone, profile } = input.patch;
    const [row] = await ctx.db
      .update(students)
      .set({
        ...(name === undefined ? {} : { name }),
        ...(email === undefined ? {} : { email }),
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(profile === undefined
          ? {}
          : {
              profile: (profile === null ? {} : applyMergePatch(current.profile, profile)) as StudentProfile,
            }),
        version: sql`${students.version} + 1`,
        updatedAt: ctx.now(),
      })
      .where(
        and(eq(students.tenantId, ctx.tenantId), eq(students.id, input.id), eq(students.version, expected)),
      )
      .returning();
    if (!row) staleOrMissing(true, () => studentNotFound(input.id));
    return presentStudent(row);
  });
}
