import { moveOnAt, unresponsiveAt } from '../deadlines/attempts.js';
import type { TransitionArgs } from '../interview/context.js';
import type { Guard } from '../interview/guards.js';
import { defineRule } from './rule.js';

// follow_up.move_on — after the last allowed unsolicited attempt, wait `moveOnAfter`, then move on:
// the interview becomes unresponsive (a timed transition), and a further attempt is refused.

const ID = 'follow_up.move_on';

function attemptPolicy({ ctx }: Pick<TransitionArgs, 'ctx'>) {
  return { moveOnAfter: ctx.policy.moveOnAfter, maxUnsolicitedAttempts: ctx.policy.maxUnsolicitedAttempts };
}

/** The one wording of "no more attempts", for the refused event and the engine's blocked action alike. */
function attemptLimitMessage(made: number, max: number): string {
  return `${made} of ${max} unsolicited attempts made: move on to other contacts.`;
}

/** Never more unsolicited attempts than the policy allows (2 by default). */
const underAttemptLimit: Guard = {
  name: 'underAttemptLimit',
  check: ({ interview, ctx }) => interview.attempts.length < ctx.policy.maxUnsolicitedAttempts,
  refusal: (args) => ({
    code: 'attempts.limit_reached',
    ruleId: ID,
    policy: { maxUnsolicitedAttempts: args.ctx.policy.maxUnsolicitedAttempts },
    message: attemptLimitMessage(args.interview.attempts.length, args.ctx.policy.maxUnsolicitedAttempts),
  }),
};

/** The timed transition fires only once the wait after the last attempt is over. */
const moveOnDue: Guard = {
  name: 'moveOnDue',
  check: (args) => {
    const at = unresponsiveAt(args);
    return at !== null && args.event.at >= at;
  },
  refusal: (args) => {
    const at = unresponsiveAt(args);
    return {
      code: 'unresponsive.not_yet_due',
      ruleId: ID,
      policy: attemptPolicy(args),
      message:
        at === null
          ? 'Not every allowed attempt has been made yet; follow up before moving on.'
          : `The interview becomes unresponsive at ${new Date(at).toISOString()}, not before.`,
    };
  },
};

export const followUpMoveOn = defineRule({
  record: {
    id: 'follow_up.move_on',
    summary:
      'No reply this long after the last attempt → the interview becomes unresponsive; a further unsolicited attempt is refused.',
    trigger: 'state awaiting_reply or followed_up with every allowed attempt made; event send_follow_up',
    condition: 'no reply by the last attempt plus the wait',
    effects: ['timed_transition', 'refusal'],
    policyKeys: ['moveOnAfter', 'maxUnsolicitedAttempts'],
    source: 'guide',
    passage: 'If you don’t hear back after the second attempt, move on to your other potential contacts.',
  },
  guards: [
    { events: ['send_follow_up'], guard: underAttemptLimit },
    { events: ['mark_unresponsive'], guard: moveOnDue },
  ],
  interviews: {
    states: ['awaiting_reply', 'followed_up'],
    derive: (interview, run) => {
      const at = moveOnAt(interview, run.policy, run.calendar);
      if (at === null) return;
      const { id, attempts } = interview;
      run.timedTransition(
        { key: `${ID}:${id}`, interviewId: id, event: 'mark_unresponsive', at },
        'attempt.last',
        attempts[attempts.length - 1]!.at,
      );
      run.refusal({
        ruleId: ID,
        interviewId: id,
        event: 'send_follow_up',
        code: 'attempts.limit_reached',
        message: attemptLimitMessage(attempts.length, run.policy.maxUnsolicitedAttempts),
      });
    },
  },
});
