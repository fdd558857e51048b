import { ruleRecord } from '../rules/catalog.js';
import type { RuleId } from '../rules/ids.js';
import { addDuration, calendarFor } from '../time/calendar.js';
import type { TransitionArgs } from './context.js';
import type { RefusalCode } from './outcomes.js';

/** What a failing guard says. */
export interface GuardRefusal {
  code: RefusalCode;
  message: string;
  ruleId?: RuleId;
  policy?: Record<string, unknown>;
}

/**
 * A named condition on a transition. A guard that fails refuses the event with its own code,
 * so combinations still explain themselves.
 */
export interface Guard {
  name: string;
  check: (args: TransitionArgs) => boolean;
  refusal: (args: TransitionArgs) => GuardRefusal;
}

/** All guards must pass; the first failing one explains the refusal. */
export function and(...guards: Guard[]): Guard {
  return {
    name: `and(${guards.map((g) => g.name).join(', ')})`,
    check: (args) => guards.every((g) => g.check(args)),
    refusal: (args) => (guards.find((g) => !g.check(args)) ?? guards[0]!).refusal(args),
  };
}

/** Any guard may pass; when none does, the last one explains the refusal. */
export function or(...guards: Guard[]): Guard {
  return {
    name: `or(${guards.map((g) => g.name).join(', ')})`,
    check: (args) => guards.some((g) => g.check(args)),
    refusal: (args) => guards[guards.length - 1]!.refusal(args),
  };
}

/** The guard must fail; `refusal` explains when it passes instead. */
export function not(guard: Guard, refusal: (args: TransitionArgs) => GuardRefusal): Guard {
  return { name: `not(${guard.name})`, check: (args) => !guard.check(args), refusal };
}

function attemptLimitPolicy(args: TransitionArgs) {
  return { maxUnsolicitedAttempts: args.ctx.policy.maxUnsolicitedAttempts };
}

/** `follow_up.move_on`: never more unsolicited attempts than the policy allows (2 by default). */
export const underAttemptLimit: Guard = {
  name: 'underAttemptLimit',
  check: ({ interview, ctx }) => interview.attempts.length < ctx.policy.maxUnsolicitedAttempts,
  refusal: (args) => ({
    code: 'attempts.limit_reached',
    ruleId: 'follow_up.move_on',
    policy: attemptLimitPolicy(args),
    message: `${args.interview.attempts.length} unsolicited attempts already made; the policy allows ${args.ctx.policy.maxUnsolicitedAttempts}. ${ruleRecord('follow_up.move_on').passage}`,
  }),
};

/** When the interview may be marked unresponsive: every attempt made and the wait elapsed. */
export function unresponsiveAt(args: Pick<TransitionArgs, 'interview' | 'ctx'>): number | null {
  const { interview, ctx } = args;
  const last = interview.attempts[interview.attempts.length - 1];
  if (!last || interview.attempts.length < ctx.policy.maxUnsolicitedAttempts) return null;
  return addDuration(last.at, ctx.policy.moveOnAfter, calendarFor(ctx.timeZone, ctx.policy));
}

/** `follow_up.move_on`: the timed transition fires only once the wait after the last attempt is over. */
export const moveOnDue: Guard = {
  name: 'moveOnDue',
  check: (args) => {
    const at = unresponsiveAt(args);
    return at !== null && args.event.at >= at;
  },
  refusal: (args) => {
    const at = unresponsiveAt(args);
    return {
      code: 'unresponsive.not_yet_due',
      ruleId: 'follow_up.move_on',
      policy: { moveOnAfter: args.ctx.policy.moveOnAfter, ...attemptLimitPolicy(args) },
      message:
        at === null
          ? 'Not every allowed attempt has been made yet; follow up before moving on.'
          : `The interview becomes unresponsive at ${new Date(at).toISOString()}, not before.`,
    };
  },
};

/** `channel.first_contact` when the tenant refuses: an unknown person is first contacted by email. */
export const channelAllowed: Guard = {
  name: 'channelAllowed',
  check: ({ event, ctx }) =>
    ctx.policy.channelEnforcement !== 'refuse' ||
    ctx.contact.known ||
    (event.type === 'send_outreach' && event.channel === 'email'),
  refusal: () => ({
    code: 'channel.phone_to_unknown',
    ruleId: 'channel.first_contact',
    policy: { channelEnforcement: 'refuse' },
    message: `First contact with someone you do not know is by email. ${ruleRecord('channel.first_contact').passage}`,
  }),
};

/** `outreach.professional_cap` when the tenant refuses: one professional is not asked too often. */
export const professionalCapAllows: Guard = {
  name: 'professionalCapAllows',
  check: ({ ctx }) => {
    const cap = ctx.policy.professionalCap;
    return cap?.enforcement !== 'refuse' || (ctx.professionalRequests ?? 0) < cap.maxRequests;
  },
  refusal: ({ ctx }) => ({
    code: 'outreach.professional_cap_reached',
    ruleId: 'outreach.professional_cap',
    policy: { professionalCap: ctx.policy.professionalCap },
    message: `This professional already received ${ctx.professionalRequests ?? 0} requests from your institution's students in the last ${ctx.policy.professionalCap?.periodDays} days (the cap is ${ctx.policy.professionalCap?.maxRequests}).`,
  }),
};

/** The meeting has a time. */
export const hasMeeting: Guard = {
  name: 'hasMeeting',
  check: ({ interview }) => interview.meeting !== null,
  refusal: () => ({
    code: 'meeting.not_scheduled',
    message: 'The meeting has no date yet; schedule it before completing it.',
  }),
};

/** A meeting is completed only once it has started. */
export const meetingStarted: Guard = {
  name: 'meetingStarted',
  check: ({ interview, event }) => interview.meeting !== null && event.at >= interview.meeting.at,
  refusal: ({ interview }) => ({
    code: 'meeting.not_yet_held',
    message: `The meeting starts at ${new Date(interview.meeting?.at ?? 0).toISOString()}; it cannot be completed before then.`,
  }),
};

/** Candidate selectors: which target an event leads to. */
export const replyAccepted: Guard = {
  name: 'replyAccepted',
  check: ({ event }) => event.type === 'receive_reply' && event.response === 'accepted',
  refusal: () => ({ code: 'event.invalid', message: 'the reply was not an acceptance' }),
};
export const replyDeclined: Guard = {
  name: 'replyDeclined',
  check: ({ event }) => event.type === 'receive_reply' && event.response === 'declined',
  refusal: () => ({ code: 'event.invalid', message: 'the reply was not a refusal' }),
};
