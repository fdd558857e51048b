import type { InterviewState } from '@infoview/core';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { interviews } from '../../db/schema/interviews.js';
import { students } from '../../db/schema/students.js';
import { tasks } from '../../db/schema/tasks.js';
import { visibleStudents } from '../access.js';
import { requireRole, type ServiceContext } from '../context.js';
import { studentNotFound } from '../students/find.js';
import {
  type CohortStudentView,
  cohortFigures,
  DEFAULT_QUIET_AFTER_DAYS,
  presentCohortStudent,
  quietSince,
} from './summary.js';

export interface CohortInterviewView {
  id: string;
  contactId: string;
  contactName: string;
  organization: string | null;
  state: InterviewState;
  /** How many lifecycle events the interview has had. */
  events: number;
  lastEventAt: string | null;
  meetingAt: string | null;
  createdAt: string;
}

export interface CohortTaskView {
  id: string;
  title: string;
  ruleId: string;
  interviewId: string | null;
  dueAt: string;
  status: 'open' | 'snoozed';
  snoozedUntil: string | null;
  overdue: boolean;
}

export interface CohortStudentDetailView {
  student: CohortStudentView;
  interviews: CohortInterviewView[];
  /** Open and snoozed tasks, the soonest due first. */
  tasks: CohortTaskView[];
}

/**
 * One student of the caller's cohort, one step from the list: the same figures, every interview
 * (with its contact's name) and the work still to do. Read-only; a student the caller may not
 * see is a 404, as everywhere.
 */
export async function getCohortStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string; quietAfterDays?: number | undefined };
}): Promise<CohortStudentDetailView> {
  requireRole(ctx, 'admin', 'advisor', 'integration');
  const now = ctx.now();
  const figures = cohortFigures(now.toISOString());
  const [row] = await ctx.db
    .select({
      id: students.id,
      externalId: students.externalId,
      name: students.name,
      pipeline: figures.pipeline,
      overdue: figures.overdue,
      lastActivity: figures.lastActivity,
      lastOutreach: figures.lastOutreach,
    })
    .from(students)
    .where(and(visibleStudents(ctx, students.tenantId, students.id), eq(students.id, input.studentId)));
  if (!row) throw studentNotFound(input.studentId);

  const [interviewRows, taskRows] = await Promise.all([
    ctx.db
      .select({
        id: interviews.id,
        contactId: interviews.contactId,
        contactName: contacts.name,
        organization: contacts.organization,
        state: interviews.state,
        events: interviews.eventCount,
        lastEventAt: interviews.lastEventAt,
        meetingAt: interviews.meetingAt,
        createdAt: interviews.createdAt,
      })
      .from(interviews)
      .innerJoin(
        contacts,
        and(eq(contacts.tenantId, interviews.tenantId), eq(contacts.id, interviews.contactId)),
      )
      .where(and(eq(interviews.tenantId, ctx.tenantId), eq(interviews.studentId, row.id)))
      .orderBy(asc(interviews.id)),
    ctx.db
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.tenantId, ctx.tenantId),
          eq(tasks.studentId, row.id),
          inArray(tasks.status, ['open', 'snoozed']),
        ),
      )
      .orderBy(asc(tasks.dueAt), asc(tasks.id)),
  ]);

  const at = now.getTime();
  return {
    student: presentCohortStudent(row, quietSince(now, input.quietAfterDays ?? DEFAULT_QUIET_AFTER_DAYS)),
    interviews: interviewRows.map((i) => ({
      id: i.id,
      contactId: i.contactId,
      contactName: i.contactName,
      organization: i.organization,
      state: i.state,
      events: i.events,
      lastEventAt: i.lastEventAt?.toISOString() ?? null,
      meetingAt: i.meetingAt?.toISOString() ?? null,
      createdAt: i.createdAt.toISOString(),
    })),
    tasks: taskRows.map((t) => ({
      id: t.id,
      title: t.title,
      ruleId: t.ruleId,
      interviewId: t.interviewId,
      dueAt: t.dueAt.toISOString(),
      status: t.status as 'open' | 'snoozed',
      snoozedUntil: t.snoozedUntil?.toISOString() ?? null,
      // The same test as the list's count: past due, and open or no longer snoozed.
      overdue:
        t.dueAt.getTime() < at &&
        (t.status === 'open' || (t.snoozedUntil !== null && t.snoozedUntil.getTime() <= at)),
    })),
  };
}
