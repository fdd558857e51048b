import { and, asc, eq, gt, gte, lt, or } from 'drizzle-orm';
import { interviews } from '../../db/schema/interviews.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { decodeTupleCursor, type Page, type PageRequest, pageSizeOf, toTuplePage } from '../pagination.js';

export interface MeetingView {
  interviewId: string;
  studentId: string;
  contactId: string;
  at: string;
  endsAt: string;
  durationMinutes: number;
  location: string | null;
}

/** Scheduled meetings of the students the caller sees, soonest first; by default from now on. */
export async function listMeetings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { studentId?: string | undefined; from?: string | undefined; to?: string | undefined };
}): Promise<Page<MeetingView>> {
  const size = pageSizeOf(input);
  const after =
    input.cursor === undefined ? undefined : decodeTupleCursor(input.cursor, ['instant', 'uuid'] as const);
  const from = input.from === undefined ? ctx.now() : new Date(input.from);
  const rows = await ctx.db
    .select({
      id: interviews.id,
      studentId: interviews.studentId,
      contactId: interviews.contactId,
      meetingAt: interviews.meetingAt,
      facts: interviews.facts,
    })
    .from(interviews)
    .where(
      and(
        visibleStudents(ctx, interviews.tenantId, interviews.studentId),
        eq(interviews.state, 'scheduled'),
        gte(interviews.meetingAt, from),
        input.to === undefined ? undefined : lt(interviews.meetingAt, new Date(input.to)),
        input.studentId === undefined ? undefined : eq(interviews.studentId, input.studentId),
        after === undefined
          ? undefined
          : or(
              gt(interviews.meetingAt, after[0]),
              and(eq(interviews.meetingAt, after[0]), gt(interviews.id, after[1])),
            ),
      ),
    )
    .orderBy(asc(interviews.meetingAt), asc(interviews.id))
    .limit(size + 1);
  return toTuplePage(
    rows,
    size,
    (row): MeetingView => {
      const meeting = row.facts.meeting!;
      return {
        interviewId: row.id,
        studentId: row.studentId,
        contactId: row.contactId,
        at: new Date(meeting.at).toISOString(),
        endsAt: new Date(meeting.at + meeting.durationMinutes * 60_000).toISOString(),
        durationMinutes: meeting.durationMinutes,
        location: meeting.location ?? null,
      };
    },
    (row) => [row.meetingAt!.toISOString(), row.id],
  );
}
