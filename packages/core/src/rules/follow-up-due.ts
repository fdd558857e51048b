import { followUpDueAt } from '../deadlines/attempts.js';
import type { Check } from '../interview/checks.js';
import { calendarFor } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// follow_up.due — no reply `followUpAfter` after the last attempt → follow up, while the policy
// allows more unsolicited attempts. Following up earlier is allowed, with a word.

const ID = 'follow_up.due';

/** Following up before the policy's wait is allowed but worth a word. */
const earlyFollowUp: Check = {
  name: 'earlyFollowUp',
  run: ({ interview, event, ctx }) => {
    const due = followUpDueAt(interview, ctx.policy, calendarFor(ctx.timeZone, ctx.policy));
    if (due === null || event.at >= due) return null;
    return {
      code: 'follow_up.early',
      ruleId: ID,
      interviewId: interview.id,
      policy: { followUpAfter: ctx.policy.followUpAfter },
      passage: followUpDue.record.passage,
      message: `The follow-up is due at ${new Date(due).toISOString()}; following up earlier may feel pushy.`,
    };
  },
};

export const followUpDue = defineRule({
  record: {
    id: 'follow_up.due',
    summary:
      'No reply → follow up this long after the last attempt (with the default two attempts: after the first).',
    trigger: 'state awaiting_reply or followed_up',
    condition: 'no reply and fewer attempts than allowed',
    effects: ['task', 'warning'],
    policyKeys: ['followUpAfter', 'maxUnsolicitedAttempts'],
    source: 'guide',
    passage:
      'Whether you make the initial contact by phone or email, if you haven’t heard back in about two weeks, it is completely appropriate to follow-up.',
  },
  checks: [{ events: ['send_follow_up'], check: earlyFollowUp }],
  interviews: {
    states: ['awaiting_reply', 'followed_up'],
    derive: (interview, run) => {
      const dueAt = followUpDueAt(interview, run.policy, run.calendar);
      if (dueAt === null) return;
      const { id, attempts, contactId } = interview;
      run.task(
        {
          key: `${ID}:${id}`,
          interviewId: id,
          contactId,
          title: `Follow up with ${contactName(run.network.contacts.get(contactId))}`,
        },
        attempts.length === 1 ? 'attempt.first' : 'attempt.last',
        attempts[attempts.length - 1]!.at,
        dueAt,
      );
    },
  },
});
