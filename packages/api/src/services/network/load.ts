import type { Contact, Interview, Milestone, StudentNetwork, Touchpoint } from '@infoview/core';
import { sql } from 'drizzle-orm';
import type { TaskRow } from '../../db/schema/tasks.js';
import type { ServiceContext } from '../context.js';
import { snapshotOf } from '../interviews/snapshot.js';
import type { WaitingReminder } from '../reminders/sync.js';
import { rowsOf } from './rows-of.js';

/** A student whose row this transaction holds locked: re-evaluations of one student run one after another. */
export interface LockedStudent {
  id: string;
  timeZone: string;
  policyOverride: Record<string, unknown>;
}

/** What a task row carries into a re-evaluation (the student's status, and what the engine compares). */
export type StoredTask = Pick<
  TaskRow,
  'id' | 'key' | 'status' | 'dueAt' | 'snoozedUntil' | 'resolvedAt' | 'title' | 'remindAt' | 'explanation'
>;

/** A student's network, plus when each interview was identified (its row's creation), which the analytics count. */
export type LoadedNetwork = StudentNetwork & { identifiedAt: ReadonlyMap<string, number> };

/** Everything a re-evaluation reads once its student is locked: the network, the stored results, the policy row. */
export interface RuleInputs {
  network: LoadedNetwork;
  tasks: StoredTask[];
  /** The reminders still waiting (pending, or claimed ahead of their time), as `syncReminders` reads them. */
  waiting: WaitingReminder[];
  policy: { input: Record<string, unknown>; version: number } | null;
  /** The student's analytics contribution stored last time (services/analytics/store.ts), null before the first. */
  analytics: Record<string, number> | null;
}

interface RawStudent {
  id: string;
  time_zone: string;
  policy_override: Record<string, unknown> | string | null;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const date = (ms: number | string | null): Date | null => (ms === null ? null : new Date(Number(ms)));
const studentOf = (r: RawStudent): LockedStudent => ({
  id: r.id,
  timeZone: r.time_zone,
  policyOverride: json<Record<string, unknown> | null>(r.policy_override) ?? {},
});

/**
 * Locks the students this transaction changed — those its triggers recorded (migration 0005's
 * `infoview.changed_students`) and those a service `named` — in one statement, in id order (two
 * transactions changing the same students lock them in the same order, so they queue, not deadlock).
 */
export async function lockChangedStudents(
  ctx: ServiceContext,
  named: Iterable<string> = [],
): Promise<LockedStudent[]> {
  const rows = rowsOf<RawStudent>(
    await ctx.db.execute(sql`
      select s.id, s.time_zone, s.policy_override from students s
       where s.tenant_id = ${ctx.tenantId}
         and s.id = any(array_remove(string_to_array(coalesce(current_setting('infoview.changed_students', true), ''), ','), '')::uuid[]
                        || ${`{${[...named].join(',')}}`}::uuid[])
       order by s.id
         for update of s`),
  );
  return rows.map(studentOf);
}

/** Locks one student of the tenant (null when there is none). */
export async function lockStudent(ctx: ServiceContext, studentId: string): Promise<LockedStudent | null> {
  const [row] = rowsOf<RawStudent>(
    await ctx.db.execute(sql`
      select s.id, s.time_zone, s.policy_override from students s
       where s.tenant_id = ${ctx.tenantId} and s.id = ${studentId}
         for update of s`),
  );
  return row ? studentOf(row) : null;
}

interface RawInputs {
  contacts: unknown;
  interviews: unknown;
  touchpoints: unknown;
  milestones: unknown;
  tasks: unknown;
  waiting: unknown;
  policy: unknown;
  analytics: unknown;
}

/**
 * Everything the rule engine reads of a locked student, what it derived last time (tasks and the
 * reminders still waiting) and the tenant's policy row: one statement, one round trip, whatever
 * the network's size. Run after the lock, so its snapshot holds every write committed before it.
 * Instants travel as epoch milliseconds (what core reads), JSON columns as they are.
 */
export async function loadRuleInputs(
  ctx: ServiceContext,
  student: LockedStudent,
  now: Date,
): Promise<RuleInputs> {
  const t = ctx.tenantId;
  const s = student.id;
  const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::bigint`);
  const [row] = rowsOf<RawInputs>(
    await ctx.db.execute(sql`
      select
        (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'organization', c.organization,
                  'source', c.source, 'known', c.known, 'referrerContactId', c.referrer_contact_id)), '[]')
           from contacts c where c.tenant_id = ${t} and c.student_id = ${s}) as contacts,
        (select coalesce(json_agg(json_build_object('id', i.id, 'contactId', i.contact_id, 'state', i.state,
                  'topics', i.topics, 'facts', i.facts, 'createdAt', ${ms('i.created_at')})), '[]')
           from interviews i where i.tenant_id = ${t} and i.student_id = ${s}) as interviews,
        (select coalesce(json_agg(json_build_object('id', p.id, 'contactId', p.contact_id, 'at', ${ms('p.at')},
                  'kind', p.kind, 'channel', p.channel, 'aboutContactId', p.about_contact_id,
                  'milestoneId', p.milestone_id, 'summary', p.summary)), '[]')
           from touchpoints p where p.tenant_id = ${t} and p.student_id = ${s}) as touchpoints,
        (select coalesce(json_agg(json_build_object('id', m.id, 'kind', m.kind, 'at', ${ms('m.at')},
                  'description', m.description)), '[]')
           from milestones m where m.tenant_id = ${t} and m.student_id = ${s}) as milestones,
        (select coalesce(json_agg(json_build_object('id', k.id, 'key', k.key, 'status', k.status,
                  'dueAt', ${ms('k.due_at')}, 'snoozedUntil', ${ms('k.snoozed_until')},
                  'resolvedAt', ${ms('k.resolved_at')}, 'title', k.title, 'remindAt', ${ms('k.remind_at')},
                  'explanation', k.explanation)), '[]')
           from tasks k where k.tenant_id = ${t} and k.student_id = ${s}) as tasks,
        (select coalesce(json_agg(json_build_object('id', r.id, 'occurrence', r.occurrence, 'status', r.status,
                  'remindAt', ${ms('r.remind_at')}, 'payload', r.payload)), '[]')
           from reminders r where r.tenant_id = ${t} and r.student_id = ${s} and r.kind <> 'notice'
            and (r.status = 'pending' or (r.status = 'delivering' and r.remind_at > ${now.toISOString()}::timestamptz))) as waiting,
        (select json_build_object('input', tp.input, 'version', tp.version)
           from tenant_policies tp where tp.tenant_id = ${t}) as policy,
        (select a.figures from analytics_students a where a.tenant_id = ${t} and a.student_id = ${s}) as analytics`),
  );
  type Raw<K extends string> = Omit<Record<string, unknown>, K> & Record<K, number | null>;
  const contacts = json<Contact[]>(row!.contacts);
  const interviewRows = json<(Parameters<typeof snapshotOf>[0] & { createdAt: number })[]>(row!.interviews);
  const interviews = interviewRows.map((i): Interview => snapshotOf(i));
  const touchpoints = json<Raw<'at'>[]>(row!.touchpoints).map(
    (p): Touchpoint => ({
      id: p.id as string,
      contactId: p.contactId as string,
      at: Number(p.at),
      kind: p.kind as Touchpoint['kind'],
      ...(p.channel ? { channel: p.channel as NonNullable<Touchpoint['channel']> } : {}),
      aboutContactId: (p.aboutContactId as string | null) ?? null,
      milestoneId: (p.milestoneId as string | null) ?? null,
      summary: (p.summary as string | null) ?? null,
    }),
  );
  const milestones = json<Raw<'at'>[]>(row!.milestones).map(
    (m): Milestone => ({
      id: m.id as string,
      kind: m.kind as Milestone['kind'],
      at: Number(m.at),
      description: (m.description as string | null) ?? null,
    }),
  );
  const tasks = json<Raw<'dueAt' | 'snoozedUntil' | 'resolvedAt' | 'remindAt'>[]>(row!.tasks).map(
    (k): StoredTask => ({
      id: k.id as string,
      key: k.key as string,
      status: k.status as StoredTask['status'],
      dueAt: date(k.dueAt)!,
      snoozedUntil: date(k.snoozedUntil),
      resolvedAt: date(k.resolvedAt),
      title: k.title as string,
      remindAt: date(k.remindAt)!,
      explanation: k.explanation as StoredTask['explanation'],
    }),
  );
  const waiting = json<Raw<'remindAt'>[]>(row!.waiting).map(
    (r): WaitingReminder => ({
      id: r.id as string,
      occurrence: r.occurrence as string,
      status: r.status as WaitingReminder['status'],
      remindAt: date(r.remindAt)!,
      payload: r.payload as WaitingReminder['payload'],
    }),
  );
  return {
    network: {
      student: { id: student.id, timeZone: student.timeZone },
      contacts,
      interviews,
      touchpoints,
      milestones,
      identifiedAt: new Map(interviewRows.map((i) => [i.id, Number(i.createdAt)])),
    },
    tasks,
    waiting,
    policy: json<RuleInputs['policy']>(row!.policy),
    analytics: json<RuleInputs['analytics']>(row!.analytics ?? null),
  };
}

/**
 * Everything of one student's the rule engine reads: two statements (the lock, then one read),
 * whatever the size of the network. The student row is locked first: re-evaluations of one
 * student run one after another, so each sees the others' committed writes.
 */
export async function loadNetwork(ctx: ServiceContext, studentId: string): Promise<LoadedNetwork | null> {
  const student = await lockStudent(ctx, studentId);
  if (!student) return null;
  return (await loadRuleInputs(ctx, student, ctx.now())).network;
}
