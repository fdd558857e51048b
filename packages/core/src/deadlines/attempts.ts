import type { Policy } from '../domain/policy.js';
import type { Instant } from '../domain/types.js';
import type { TransitionArgs } from '../interview/context.js';
import type { Interview } from '../interview/interview.js';
import { addDuration, type Calendar, calendarFor } from '../time/calendar.js';

type Attempts = Pick<Interview, 'attempts'>;
type AttemptPolicy = Pick<Policy, 'followUpAfter' | 'moveOnAfter' | 'maxUnsolicitedAttempts'>;

/**
 * `follow_up.due`: when the next follow-up is due — `followUpAfter` after the last attempt — or
 * null when nothing was sent yet or every allowed attempt was made.
 * Example: `followUpDueAt(sentOnce, GUIDE_POLICY, cal)` is 14 days after the outreach.
 */
export function followUpDueAt(interview: Attempts, policy: AttemptPolicy, cal: Calendar): Instant | null {
  const { attempts } = interview;
  const last = attempts[attempts.length - 1];
  if (!last || attempts.length >= policy.maxUnsolicitedAttempts) return null;
  return addDuration(last.at, policy.followUpAfter, cal);
}

/**
 * `follow_up.move_on`: when the interview becomes unresponsive — `moveOnAfter` after the last
 * allowed attempt — or null while attempts are left.
 * Example: `moveOnAt(followedUp, GUIDE_POLICY, cal)` is 14 days after the follow-up.
 */
export function moveOnAt(interview: Attempts, policy: AttemptPolicy, cal: Calendar): Instant | null {
  const { attempts } = interview;
  const last = attempts[attempts.length - 1];
  if (!last || attempts.length < policy.maxUnsolicitedAttempts) return null;
  return addDuration(last.at, policy.moveOnAfter, cal);
}

/**
 * `moveOnAt` for a transition's arguments, on the student's calendar.
 * Example: `unresponsiveAt({ interview, ctx })`.
 */
export function unresponsiveAt(args: Pick<TransitionArgs, 'interview' | 'ctx'>): Instant | null {
  const { interview, ctx } = args;
  return moveOnAt(interview, ctx.policy, calendarFor(ctx.timeZone, ctx.policy));
}
