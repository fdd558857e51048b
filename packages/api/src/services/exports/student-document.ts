import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ContactRow } from '../../db/schema/contacts.js';
import { contacts } from '../../db/schema/contacts.js';
import { type MessageRow, messages } from '../../db/schema/content.js';
import { type InterviewRow, interviewEvents, interviews } from '../../db/schema/interviews.js';
import {
  type MilestoneRow,
  milestones,
  type NoteRow,
  notes,
  type ReferralRow,
  referrals,
  type TouchpointRow,
  touchpoints,
} from '../../db/schema/network.js';
import type { StudentRow } from '../../db/schema/students.js';
import { type TaskRow, tasks } from '../../db/schema/tasks.js';
import { presentContact } from '../contacts/present.js';
import type { ServiceContext } from '../context.js';
import { presentEvent, presentInterview } from '../interviews/present.js';
import { presentMessage } from '../messages/present.js';
import { presentMilestone } from '../milestones/present.js';
import { presentNote } from '../notes/present.js';
import { presentReferral } from '../referrals/present.js';
import { presentStudent } from '../students/present.js';
import { presentTask } from '../tasks/present.js';
import { presentTouchpoint } from '../touchpoints/present.js';
import { pagesOf } from './pages.js';

/**
 * The student export's format version. Additions (a new optional field, a new section) keep it;
 * anything that removes, renames or changes the meaning of a field bumps it (docs/data-export.md).
 */
export const STUDENT_EXPORT_VERSION = 1;
export const STUDENT_EXPORT_FORMAT = 'infoview.student-export';

/** One JSON array member after another, a page of rows at a time: never the whole section in memory. */
async function* section<Row>(
  name: string,
  pages: AsyncIterable<Row[]>,
  view: (rows: Row[]) => Promise<unknown[]> | unknown[],
): AsyncGenerator<string> {
  yield `,${JSON.stringify(name)}:[`;
  let first = true;
  for await (const page of pages) {
    const items = await view(page);
    if (items.length === 0) continue;
    yield (first ? '' : ',') + items.map((item) => JSON.stringify(item)).join(',');
    first = false;
  }
  yield ']';
}

/** A page of interviews with their timelines (one query for the page's events) and question lists. */
async function interviewsWithTimelines(ctx: ServiceContext, page: InterviewRow[]) {
  const events = await ctx.db
    .select()
    .from(interviewEvents)
    .where(
      and(
        eq(interviewEvents.tenantId, ctx.tenantId),
        inArray(
          interviewEvents.interviewId,
          page.map((i) => i.id),
        ),
      ),
    )
    .orderBy(asc(interviewEvents.interviewId), asc(interviewEvents.seq));
  const byInterview = new Map<string, ReturnType<typeof presentEvent>[]>();
  for (const event of events) {
    const list = byInterview.get(event.interviewId) ?? [];
    list.push(presentEvent(event));
    byInterview.set(event.interviewId, list);
  }
  return page.map((row) => ({
    ...presentInterview(row),
    questionList: row.questionList,
    timeline: byInterview.get(row.id) ?? [],
  }));
}

/**
 * The student's whole record as one JSON document, in chunks (see routes/students/export-schema.ts
 * for its schema). Each section is read a page at a time, so memory stays flat for a student with
 * thousands of interviews. Sections are read one after another, not in one snapshot: a write
 * during the export may show in a later section and not an earlier one.
 */
export async function* studentDocument(ctx: ServiceContext, student: StudentRow): AsyncGenerator<string> {
  const id = student.id;
  yield `{"format":${JSON.stringify(STUDENT_EXPORT_FORMAT)},"version":${STUDENT_EXPORT_VERSION}`;
  yield `,"exportedAt":${JSON.stringify(ctx.now().toISOString())}`;
  yield `,"student":${JSON.stringify(presentStudent(student))}`;
  yield* section('contacts', pagesOf<ContactRow>(ctx, contacts, id), (rows) => rows.map(presentContact));
  yield* section('interviews', pagesOf<InterviewRow>(ctx, interviews, id), (rows) =>
    interviewsWithTimelines(ctx, rows),
  );
  yield* section('notes', pagesOf<NoteRow>(ctx, notes, id), (rows) => rows.map(presentNote));
  yield* section('referrals', pagesOf<ReferralRow>(ctx, referrals, id), (rows) => rows.map(presentReferral));
  yield* section('messages', pagesOf<MessageRow>(ctx, messages, id), (rows) => rows.map(presentMessage));
  yield* section('touchpoints', pagesOf<TouchpointRow>(ctx, touchpoints, id), (rows) =>
    rows.map(presentTouchpoint),
  );
  yield* section('milestones', pagesOf<MilestoneRow>(ctx, milestones, id), (rows) =>
    rows.map(presentMilestone),
  );
  yield* section('tasks', pagesOf<TaskRow>(ctx, tasks, id), (rows) => rows.map(presentTask));
  yield '}';
}
