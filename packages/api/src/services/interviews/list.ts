import type { InterviewState } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import { interviews } from '../../db/schema/interviews.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type InterviewView, presentInterview } from './present.js';

export interface ListInterviewsInput extends PageRequest {
  studentId?: string | undefined;
  contactId?: string | undefined;
  state?: InterviewState | undefined;
}

export async function listInterviews({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListInterviewsInput;
}): Promise<Page<InterviewView>> {
  const q = keyset(
    interviews.id,
    input,
    and(
      visibleStudents(ctx, interviews.tenantId, interviews.studentId),
      input.studentId === undefined ? undefined : eq(interviews.studentId, input.studentId),
      input.contactId === undefined ? undefined : eq(interviews.contactId, input.contactId),
      input.state === undefined ? undefined : eq(interviews.state, input.state),
    ),
  );
  const rows = await ctx.db.select().from(interviews).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentInterview);
}
