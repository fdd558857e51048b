import type { Contact, Interview, Milestone, StudentNetwork, Touchpoint } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { interviews } from '../../db/schema/interviews.js';
import { milestones, touchpoints } from '../../db/schema/network.js';
import { students } from '../../db/schema/students.js';
import type { ServiceContext } from '../context.js';
import { snapshotOf } from '../interviews/snapshot.js';

/** A student's network, plus when each interview was identified (its row's creation), which the analytics count. */
export type LoadedNetwork = StudentNetwork & { identifiedAt: ReadonlyMap<string, number> };

/**
 * Everything of one student's the rule engine reads, in a constant number of queries (five,
 * whatever the size of the network). The student row is locked first: re-evaluations of one
 * student run one after another, so each sees the others' committed writes.
 */
export async function loadNetwork(ctx: ServiceContext, studentId: string): Promise<LoadedNetwork | null> {
  const [student] = await ctx.db
    .select({ id: students.id, timeZone: students.timeZone })
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), eq(students.id, studentId)))
    .for('update');
  if (!student) return null;
  const contactRows = await ctx.db
    .select({
      id: contacts.id,
      name: contacts.name,
      organization: contacts.organization,
      source: contacts.source,
      known: contacts.known,
      referrerContactId: contacts.referrerContactId,
    })
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.studentId, studentId)));
  const interviewRows = await ctx.db
    .select({
      id: interviews.id,
      contactId: interviews.contactId,
      state: interviews.state,
      topics: interviews.topics,
      facts: interviews.facts,
      createdAt: interviews.createdAt,
    })
    .from(interviews)
    .where(and(eq(interviews.tenantId, ctx.tenantId), eq(interviews.studentId, studentId)));
  const touchpointRows = await ctx.db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.tenantId, ctx.tenantId), eq(touchpoints.studentId, studentId)));
  const milestoneRows = await ctx.db
    .select()
    .from(milestones)
    .where(and(eq(milestones.tenantId, ctx.tenantId), eq(milestones.studentId, studentId)));
  return {
    student: { id: student.id, timeZone: student.timeZone },
    contacts: contactRows satisfies Contact[],
    interviews: interviewRows.map((row): Interview => snapshotOf(row)),
    identifiedAt: new Map(interviewRows.map((row) => [row.id, row.createdAt.getTime()])),
    touchpoints: touchpointRows.map(
      (t): Touchpoint => ({
        id: t.id,
        contactId: t.contactId,
        at: t.at.getTime(),
        kind: t.kind,
        ...(t.channel ? { channel: t.channel } : {}),
        aboutContactId: t.aboutContactId,
        milestoneId: t.milestoneId,
        summary: t.summary,
      }),
    ),
    milestones: milestoneRows.map(
      (m): Milestone => ({ id: m.id, kind: m.kind, at: m.at.getTime(), description: m.description }),
    ),
  };
}
