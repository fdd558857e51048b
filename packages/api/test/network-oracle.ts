import { evaluateNetwork } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { tasks } from '../src/db/schema/tasks.js';
import type { ServiceContext } from '../src/services/context.js';
import { loadNetwork } from '../src/services/network/load.js';
import { policyForStudent } from '../src/services/policies/in-force.js';

const quiet = { info() {}, warn() {}, error() {} };

/** What of a task the rule engine decides: compared between the stored rows and a fresh evaluation. */
export interface DerivedTask {
  key: string;
  ruleId: string;
  title: string;
  dueAt: string;
  remindAt: string;
}

/**
 * The student's stored tasks that are open or snoozed, beside what a fresh `evaluateNetwork` of
 * the stored network (under the policy in force) says they should be: every derived task the
 * student has not completed or dismissed at that same due time. Equal when re-evaluation kept up.
 */
export async function storedAndFresh(
  db: Db,
  tenantId: string,
  studentId: string,
): Promise<{ stored: DerivedTask[]; fresh: DerivedTask[] }> {
  const ctx: ServiceContext = {
    db,
    tenantId,
    actor: {
      apiKeyId: '00000000-0000-0000-0000-000000000000',
      scope: 'admin',
      role: 'admin',
      studentId: null,
      advisorId: null,
      actingAs: false,
    },
    now: () => new Date(),
    log: quiet,
  };
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.studentId, studentId)));
  const network = await loadNetwork(ctx, studentId);
  if (!network) throw new Error(`no student ${studentId}`);
  const evaluation = evaluateNetwork(network, await policyForStudent(ctx, studentId));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const view = (t: { key: string; ruleId: string; title: string; dueAt: number; remindAt: number }) => ({
    key: t.key,
    ruleId: t.ruleId,
    title: t.title,
    dueAt: new Date(t.dueAt).toISOString(),
    remindAt: new Date(t.remindAt).toISOString(),
  });
  const fresh = evaluation.tasks
    .filter((t) => {
      const row = byKey.get(t.key);
      const resolved = row && (row.status === 'completed' || row.status === 'dismissed');
      return !(resolved && row.dueAt.getTime() === t.dueAt);
    })
    .map(view);
  const stored = rows
    .filter((r) => r.status === 'open' || r.status === 'snoozed')
    .map((r) => view({ ...r, dueAt: r.dueAt.getTime(), remindAt: r.remindAt.getTime() }));
  const order = (a: DerivedTask, b: DerivedTask) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { stored: stored.sort(order), fresh: fresh.sort(order) };
}
