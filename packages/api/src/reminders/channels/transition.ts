import { inArray } from 'drizzle-orm';
import { testClocks } from '../../db/schema/test-clocks.js';
import { systemContext } from '../system-context.js';
import { classifyReport, defineChannel } from './channel.js';

interface TransitionMessage {
  tenantId: string;
  interviewId: string | null;
  key: string;
  /** A sandbox tenant's frozen time; real tenants run on real time. */
  tenantNow: Date | undefined;
}

/**
 * A timed lifecycle transition (awaiting reply → unresponsive): applied through the interviews
 * service as the system, on the tenant's clock. Every timed-transition reminder takes it; no one
 * chooses it.
 */
export const transitionChannel = defineChannel<Map<string, Date>, TransitionMessage>({
  name: 'transition',
  description: 'the timed lifecycle transition, applied as the system',
  kinds: ['timed_transition'],
  choosable: false,
  byDefault: false,
  open(env) {
    return {
      load: async (reminders) => {
        const rows = await env.db
          .select()
          .from(testClocks)
          .where(inArray(testClocks.tenantId, [...new Set(reminders.map((r) => r.tenantId))]));
        return new Map(rows.map((c) => [c.tenantId, c.frozenTime]));
      },
      plan: () => [''],
      build: ({ reminder, context }) => ({
        tenantId: reminder.tenantId,
        interviewId: reminder.interviewId,
        key: reminder.sourceKey,
        tenantNow: context.get(reminder.tenantId),
      }),
      send: async (message) => {
        if (!message.interviewId)
          return { statusCode: null, error: 'no interview to transition', gone: true };
        const now = message.tenantNow ?? env.clock();
        await env.applyTimedTransition({
          ctx: systemContext(env, message.tenantId, () => now),
          input: { interviewId: message.interviewId, key: message.key },
        });
        return { statusCode: null, error: null };
      },
      classify: classifyReport,
    };
  },
});
