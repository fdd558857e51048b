import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contacts } from '../../db/schema/contacts.js';
import { interviews } from '../../db/schema/interviews.js';
import { type MeetingSource, meetingChangesOf } from './meeting-event.js';

/**
 * The meetings of a batch of interviews by interview id, for reminder emails (one query for the
 * batch; the caller checks each reminder's tenant against `tenantId`). Interviews without one are left out.
 */
export async function meetingSourcesOf(
  db: Db,
  interviewIds: readonly string[],
): Promise<Map<string, MeetingSource & { tenantId: string }>> {
  if (interviewIds.length === 0) return new Map();
  const rows = await db
    .select({
      tenantId: interviews.tenantId,
      interviewId: interviews.id,
      state: interviews.state,
      facts: interviews.facts,
      contactName: contacts.name,
      organization: contacts.organization,
      meetingChanges: meetingChangesOf,
      updatedAt: interviews.updatedAt,
    })
    .from(interviews)
    .innerJoin(contacts, eq(contacts.id, interviews.contactId))
    .where(inArray(interviews.id, [...new Set(interviewIds)]));
  return new Map(rows.filter((row) => row.facts.meeting).map((row) => [row.interviewId, row]));
}
