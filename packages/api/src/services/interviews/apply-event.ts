import {
  type Interview,
  type InterviewEvent,
  type Actor as LifecycleActor,
  transition,
  type Warning,
} from '@infoview/core';
import { and, desc, eq, gte, or, type SQL, sql } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { interviewEvents, interviews } from '../../db/schema/interviews.js';
import { students } from '../../db/schema/students.js';
import { type ErrorCode, ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { visibleStudents } from '../access.js';
import { type Actor, markChanged, requireRole, type ServiceContext, withTransaction } from '../context.js';
import { isDoNotContact } from '../do-not-contact/listed.js';
import { policyForStudent } from '../policies/in-force.js';
import type { ExpectedVersion } from '../versioning.js';
import { interviewNotFound } from './find.js';
import { type InterviewView, presentEvent, presentInterview, type TimelineEventView } from './present.js';
import { factsOf, snapshotOf } from './snapshot.js';

// A client clock a little ahead is fine; an event dated later than that is a mistake.
const FUTURE_TOLERANCE_MS = 60_000;

/** What every lifecycle action answers: the interview after it, the new timeline entry, warnings. */
export interface ActionResult {
  interview: InterviewView;
  event: TimelineEventView;
  warnings: Warning[];
}

export type LoadedInterview = Awaited<ReturnType<typeof loadForAction>>;

/** The interview (locked), its contact's facts and the student's time zone: one query. */
export async function loadForAction(ctx: ServiceContext, id: string, scope: 'caller' | 'system') {
  const where =
    scope === 'caller'
      ? visibleStudents(ctx, interviews.tenantId, interviews.studentId)
      : eq(interviews.tenantId, ctx.tenantId);
  const [row] = await ctx.db
    .select({
      interview: interviews,
      known: contacts.known,
      emailKey: contacts.emailKey,
      profileUrlKey: contacts.profileUrlKey,
      timeZone: students.timeZone,
    })
    .from(interviews)
    .innerJoin(contacts, eq(contacts.id, interviews.contactId))
    .innerJoin(students, eq(students.id, interviews.studentId))
    .where(and(where, eq(interviews.id, id)))
    .for('update', { of: interviews });
  if (!row) throw interviewNotFound(id);
  return row;
}

/** The lifecycle's actor for the API caller. */
export function lifecycleActor(actor: Actor): LifecycleActor {
  switch (actor.role) {
    case 'student':
      return { kind: actor.actingAs ? 'integration' : 'student', id: actor.studentId };
    case 'advisor':
      return { kind: 'advisor', id: actor.advisorId };
    default:
      return { kind: actor.role, id: actor.apiKeyId };
  }
}

/**
 * Serialises the cap's read-then-write per professional: a transaction-scoped advisory lock on
 * each of the contact's normalised keys (tenant-qualified, sorted so two locks never deadlock),
 * held until commit. Two students recording outreach to one professional at once then count one
 * after the other, so the accepted attempts never exceed the cap. Its own statement, before the
 * count: under READ COMMITTED the count's snapshot is taken after the lock, so it sees the
 * other's committed attempt. PGlite runs one transaction at a time; the lock is a no-op there.
 */
async function lockProfessional(ctx: ServiceContext, keys: string[]) {
  for (const key of keys.sort()) {
    await ctx.db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`infoview.professional:${ctx.tenantId}:${key}`}, 0))`,
    );
  }
}

/**
 * Outreach requests the professional (same normalised email or profile URL) already received
 * from any of the tenant's students within the cap's period (`outreach.professional_cap`), and,
 * once the cap is reached, when they can next be asked: the instant the oldest of the latest
 * `maxRequests` requests leaves the period. Nothing about who sent them leaves this function.
 */
async function professionalRequests(
  ctx: ServiceContext,
  loaded: LoadedInterview,
  cap: { maxRequests: number; periodDays: number },
): Promise<{ professionalRequests: number; professionalNextAskAt?: number }> {
  const match: SQL[] = [];
  const keys: string[] = [];
  if (loaded.emailKey) {
    match.push(eq(contacts.emailKey, loaded.emailKey));
    keys.push(`email:${loaded.emailKey}`);
  }
  if (loaded.profileUrlKey) {
    match.push(eq(contacts.profileUrlKey, loaded.profileUrlKey));
    keys.push(`profile_url:${loaded.profileUrlKey}`);
  }
  if (match.length === 0) return { professionalRequests: 0 };
  await lockProfessional(ctx, keys);
  const periodMs = cap.periodDays * 86_400_000;
  const since = new Date(ctx.now().getTime() - periodMs);
  // The latest `maxRequests` requests, each row carrying the total count (a window over all of them).
  const rows = await ctx.db
    .select({ at: interviewEvents.at, n: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(interviewEvents)
    .innerJoin(interviews, eq(interviews.id, interviewEvents.interviewId))
    .innerJoin(contacts, eq(contacts.id, interviews.contactId))
    .where(
      and(
        eq(interviewEvents.tenantId, ctx.tenantId),
        eq(interviewEvents.type, 'send_outreach'),
        gte(interviewEvents.at, since),
        or(...match),
      ),
    )
    .orderBy(desc(interviewEvents.at))
    .limit(cap.maxRequests);
  const n = rows[0]?.n ?? 0;
  const oldest = n >= cap.maxRequests ? rows[cap.maxRequests - 1] : undefined;
  return {
    professionalRequests: n,
    ...(oldest ? { professionalNextAskAt: oldest.at.getTime() + periodMs } : {}),
  };
}

/**
 * Applies one lifecycle event to a loaded (locked) interview through core's `transition`, stores
 * the new snapshot and timeline entry and, as core's `reevaluate_network` effect asks, has the
 * student's network re-evaluated before the caller's transaction commits. A refusal becomes a problem whose `code` is core's refusal code.
 */
export async function commitEvent(
  ctx: ServiceContext,
  loaded: LoadedInterview,
  event: InterviewEvent,
  actor: LifecycleActor,
): Promise<ActionResult & { snapshot: Interview }> {
  const row = loaded.interview;
  const now = ctx.now();
  if (event.at > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ServiceError('event.invalid', 'The action is dated in the future', {
      errors: [{ path: '/body/at', message: 'must not be in the future' }],
    });
  }
  const policy = await policyForStudent(ctx, row.studentId);
  const cap = policy.professionalCap;
  const outreach = event.type === 'send_outreach';
  const result = transition(snapshotOf(row), event, {
    policy,
    timeZone: loaded.timeZone,
    contact: { known: loaded.known },
    actor,
    ...(outreach && (loaded.emailKey || loaded.profileUrlKey)
      ? { doNotContact: await isDoNotContact(ctx, loaded) }
      : {}),
    ...(cap && outreach ? await professionalRequests(ctx, loaded, cap) : {}),
  });
  if (!result.ok) {
    const { code, message, ruleId, passage, policy: values, state, nextAskAt } = result.refusal;
    throw new ServiceError(code satisfies ErrorCode, message, {
      extensions: {
        state,
        event: event.type,
        ...(ruleId ? { ruleId } : {}),
        ...(passage ? { passage } : {}),
        ...(values ? { policy: values } : {}),
        ...(nextAskAt ? { nextAskAt } : {}),
      },
    });
  }
  const { snapshot } = result;
  // The snapshot's timeline held one stand-in entry, so number the new one from the stored count.
  const entry = { ...result.entry, seq: row.eventCount + 1 };
  const [updated] = await ctx.db
    .update(interviews)
    .set({
      state: snapshot.state,
      facts: factsOf(snapshot),
      meetingAt: snapshot.meeting ? new Date(snapshot.meeting.at) : null,
      eventCount: entry.seq,
      lastEventAt: new Date(entry.at),
      version: sql`${interviews.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(interviews.tenantId, ctx.tenantId),
        eq(interviews.id, row.id),
        eq(interviews.version, row.version),
      ),
    )
    .returning();
  if (!updated) throw new ServiceError('precondition.failed', 'The interview was changed by someone else');
  const [stored] = await ctx.db
    .insert(interviewEvents)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      interviewId: row.id,
      seq: entry.seq,
      at: new Date(entry.at),
      type: entry.type,
      fromState: entry.from,
      toState: entry.to,
      actor: entry.actor,
      data: entry.data ?? null,
      createdAt: now,
    })
    .returning();
  // The lifecycle says when the network needs deriving again; the transaction does it before commit.
  if (result.effects.some((effect) => effect.type === 'reevaluate_network')) markChanged(ctx, row.studentId);
  return {
    interview: presentInterview(updated),
    event: presentEvent(stored!),
    warnings: result.warnings,
    snapshot,
  };
}

export interface ActionInput {
  id: string;
  expectedVersion: ExpectedVersion;
}

/**
 * A lifecycle action by the API caller: role check, visible-or-404, `If-Match`, then
 * {@link commitEvent}. `makeEvent` builds the event from the current snapshot and the instant
 * (`at` from the body, else `ctx.now()`); `after` writes what belongs with it (a note, a referral).
 */
export async function applyInterviewEvent<X extends object = object>(
  ctx: ServiceContext,
  input: ActionInput & { at?: string | undefined },
  makeEvent: (snapshot: Interview, at: number) => InterviewEvent,
  after?: (ctx: ServiceContext, loaded: LoadedInterview, result: ActionResult) => Promise<X>,
): Promise<ActionResult & X> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const loaded = await loadForAction(ctx, input.id, 'caller');
    if (input.expectedVersion !== 'any' && loaded.interview.version !== input.expectedVersion) {
      throw new ServiceError(
        'precondition.failed',
        'The interview was changed by someone else; read it again',
      );
    }
    const at = input.at === undefined ? ctx.now().getTime() : new Date(input.at).getTime();
    const event = makeEvent(snapshotOf(loaded.interview), at);
    const { snapshot: _snapshot, ...result } = await commitEvent(
      ctx,
      loaded,
      event,
      lifecycleActor(ctx.actor),
    );
    const extra = after ? await after(ctx, loaded, result) : ({} as X);
    return { ...result, ...extra };
  });
}
