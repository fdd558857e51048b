import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { contacts } from '../../db/schema/contacts.js';
import { messages } from '../../db/schema/content.js';
import { professionalErasures } from '../../db/schema/do-not-contact.js';
import { feedItems } from '../../db/schema/feed-items.js';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import { interviews } from '../../db/schema/interviews.js';
import { referrals, touchpoints } from '../../db/schema/network.js';
import { reminders } from '../../db/schema/reminders.js';
import { tasks } from '../../db/schema/tasks.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { listIdentity } from '../do-not-contact/add.js';
import { identitiesOfContact, identityOf, type ProfessionalIdentity } from '../do-not-contact/identity.js';
import { redactMentions } from './redact.js';

/** The audit entry an erasure answers with: who asked, when, how many records. No personal data. */
export interface ProfessionalErasureView {
  id: string;
  at: string;
  requestedBy: string;
  counts: Record<string, number>;
}

const count = (rows: readonly unknown[]) => rows.length;

/**
 * A professional's erasure (a third party's right): every contact of any of the tenant's
 * students with the given normalised email or profile URL goes, with their interviews (timeline,
 * notes, referrals), messages, touchpoints, tasks, reminders (deliveries, feed items) and the
 * idempotency records whose stored responses show them; what other records say of them (a name
 * in a note, a message, a task title) is redacted; every identity they were known by is put on
 * the do-not-contact list; one audit entry of counts is left. One transaction: all or nothing.
 * The students' networks are re-evaluated before it commits (the triggers see the deletions).
 */
export async function eraseProfessional({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email?: string | undefined; profileUrl?: string | undefined };
}): Promise<ProfessionalErasureView> {
  requireRole(ctx, 'admin');
  const identity = identityOf(input);
  return withTransaction(ctx, async (ctx) => {
    const tenant = eq(contacts.tenantId, ctx.tenantId);
    const byKeys = (emails: string[], urls: string[]) =>
      ctx.db
        .select()
        .from(contacts)
        .where(
          and(
            tenant,
            or(
              emails.length > 0 ? inArray(contacts.emailKey, emails) : sql`false`,
              urls.length > 0 ? inArray(contacts.profileUrlKey, urls) : sql`false`,
            ),
          ),
        )
        .for('update');
    const first = await byKeys(
      identity.kind === 'email' ? [identity.key] : [],
      identity.kind === 'profile_url' ? [identity.key] : [],
    );
    // Once more with every key those contacts carry: another student may know them only by the other.
    const keysOf = (kind: 'emailKey' | 'profileUrlKey') => [
      ...new Set(first.map((c) => c[kind]).filter((k): k is string => k !== null)),
    ];
    const matched =
      first.length === 0
        ? first
        : await byKeys(
            [...new Set([...keysOf('emailKey'), ...(identity.kind === 'email' ? [identity.key] : [])])],
            [
              ...new Set([
                ...keysOf('profileUrlKey'),
                ...(identity.kind === 'profile_url' ? [identity.key] : []),
              ]),
            ],
          );
    const contactIds = matched.map((c) => c.id);
    // What they were known by, to list and to redact: the identity asked for and every contact's own.
    const identities = new Map<string, ProfessionalIdentity>([
      [`${identity.kind}:${identity.key}`, identity],
    ]);
    for (const c of matched) for (const i of identitiesOfContact(c)) identities.set(`${i.kind}:${i.key}`, i);
    const mentions = [
      identity.key,
      ...matched.flatMap((c) => [c.name, c.email, c.phone, c.profileUrl, c.emailKey, c.profileUrlKey]),
    ].filter((v): v is string => typeof v === 'string' && v.trim() !== '');

    const counts: Record<string, number> = {
      contacts: 0,
      interviews: 0,
      messages: 0,
      touchpoints: 0,
      referrals: 0,
      tasks: 0,
      reminders: 0,
      feedItems: 0,
      idempotencyRecords: 0,
      redactedFields: 0,
      doNotContactEntries: 0,
    };
    if (contactIds.length > 0) {
      const interviewIds = (
        await ctx.db
          .select({ id: interviews.id })
          .from(interviews)
          .where(and(eq(interviews.tenantId, ctx.tenantId), inArray(interviews.contactId, contactIds)))
      ).map((r) => r.id);
      const ofInterviews = (column: PgColumn): SQL =>
        interviewIds.length > 0 ? inArray(column, interviewIds) : sql`false`;

      // Messages only lose their interview when it is deleted (set null), so they go first.
      counts.messages = count(
        await ctx.db
          .delete(messages)
          .where(and(eq(messages.tenantId, ctx.tenantId), ofInterviews(messages.interviewId)))
          .returning({ id: messages.id }),
      );
      const reminderWhere = and(
        eq(reminders.tenantId, ctx.tenantId),
        or(ofInterviews(reminders.interviewId), inArray(sql`${reminders.payload}->>'contactId'`, contactIds)),
      );
      counts.feedItems = count(
        await ctx.db
          .delete(feedItems)
          .where(
            and(
              eq(feedItems.tenantId, ctx.tenantId),
              or(
                ofInterviews(feedItems.interviewId),
                inArray(
                  feedItems.reminderId,
                  ctx.db.select({ id: reminders.id }).from(reminders).where(reminderWhere),
                ),
              ),
            ),
          )
          .returning({ id: feedItems.id }),
      );
      // Their deliveries go with them (on delete cascade); a queued wake-up finds no row and sends nothing.
      counts.reminders = count(
        await ctx.db.delete(reminders).where(reminderWhere).returning({ id: reminders.id }),
      );
      counts.tasks = count(
        await ctx.db
          .delete(tasks)
          .where(
            and(
              eq(tasks.tenantId, ctx.tenantId),
              or(inArray(tasks.contactId, contactIds), ofInterviews(tasks.interviewId)),
            ),
          )
          .returning({ id: tasks.id }),
      );
      // Referrals other interviews recorded of them (their own interviews' go with those).
      counts.referrals = count(
        await ctx.db
          .delete(referrals)
          .where(and(eq(referrals.tenantId, ctx.tenantId), inArray(referrals.contactId, contactIds)))
          .returning({ id: referrals.id }),
      );
      counts.touchpoints = count(
        await ctx.db
          .delete(touchpoints)
          .where(and(eq(touchpoints.tenantId, ctx.tenantId), inArray(touchpoints.contactId, contactIds)))
          .returning({ id: touchpoints.id }),
      );
      // Contacts they referred stay and lose the link; their version moves so ETags stay true.
      await ctx.db
        .update(contacts)
        .set({ referrerContactId: null, version: sql`${contacts.version} + 1`, updatedAt: ctx.now() })
        .where(and(tenant, inArray(contacts.referrerContactId, contactIds)));
      // Timeline, notes and the interviews' referrals go with the interviews (on delete cascade).
      counts.interviews = count(
        await ctx.db
          .delete(interviews)
          .where(and(eq(interviews.tenantId, ctx.tenantId), ofInterviews(interviews.id)))
          .returning({ id: interviews.id }),
      );
      counts.contacts = count(
        await ctx.db
          .delete(contacts)
          .where(and(tenant, inArray(contacts.id, contactIds)))
          .returning({ id: contacts.id }),
      );
      // Stored responses that showed them (a create's body names the contact or interview id).
      const shown = [...contactIds, ...interviewIds, ...mentions];
      counts.idempotencyRecords = count(
        await ctx.db
          .delete(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.tenantId, ctx.tenantId),
              or(...shown.map((s) => sql`strpos(lower(${idempotencyKeys.responseBody}), lower(${s})) > 0`)),
            ),
          )
          .returning({ id: idempotencyKeys.id }),
      );
    }
    counts.redactedFields = await redactMentions(ctx, mentions);
    for (const i of identities.values()) {
      const { created } = await listIdentity(ctx, i, 'erased');
      if (created) counts.doNotContactEntries! += 1;
    }
    const now = ctx.now();
    const [audit] = await ctx.db
      .insert(professionalErasures)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        requestedBy: ctx.actor.apiKeyId,
        at: now,
        counts,
      })
      .returning();
    ctx.log.info({ erasureId: audit!.id, counts }, 'professional erased');
    return {
      id: audit!.id,
      at: audit!.at.toISOString(),
      requestedBy: audit!.requestedBy,
      counts: audit!.counts,
    };
  });
}
