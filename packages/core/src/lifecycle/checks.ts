import { ruleRecord } from '../rules/catalog.js';
import { addDuration, calendarFor } from '../time/calendar.js';
import type { TransitionArgs } from './context.js';
import type { Meeting } from './interview.js';
import type { Warning } from './outcomes.js';

/** A named advisory check on a transition: it never refuses, it may warn. */
export interface Check {
  name: string;
  run: (args: TransitionArgs) => Warning | null;
}

/** `channel.first_contact`: phoning someone you do not know first. */
export const phoneToUnknown: Check = {
  name: 'phoneToUnknown',
  run: ({ interview, event, ctx }) => {
    if (event.type !== 'send_outreach' || ctx.contact.known || event.channel === 'email') return null;
    return {
      code: 'channel.phone_to_unknown',
      ruleId: 'channel.first_contact',
      interviewId: interview.id,
      policy: { channelEnforcement: ctx.policy.channelEnforcement },
      passage: ruleRecord('channel.first_contact').passage,
      message: `You do not know this person yet: email is the more considerate first contact than ${event.channel}.`,
    };
  },
};

/** `outreach.professional_cap` in warn mode. */
export const professionalCapWarning: Check = {
  name: 'professionalCapWarning',
  run: ({ interview, ctx }) => {
    const cap = ctx.policy.professionalCap;
    if (cap?.enforcement !== 'warn' || (ctx.professionalRequests ?? 0) < cap.maxRequests) return null;
    return {
      code: 'outreach.professional_cap_reached',
      ruleId: 'outreach.professional_cap',
      interviewId: interview.id,
      policy: { professionalCap: cap },
      message: `This professional already received ${ctx.professionalRequests} requests from your institution's students in the last ${cap.periodDays} days; consider someone else at the organisation.`,
    };
  },
};

/** `follow_up.due`: following up before the policy's wait is allowed but worth a word. */
export const earlyFollowUp: Check = {
  name: 'earlyFollowUp',
  run: ({ interview, event, ctx }) => {
    const first = interview.attempts[0];
    if (!first) return null;
    const due = addDuration(first.at, ctx.policy.followUpAfter, calendarFor(ctx.timeZone, ctx.policy));
    if (event.at >= due) return null;
    return {
      code: 'follow_up.early',
      ruleId: 'follow_up.due',
      interviewId: interview.id,
      policy: { followUpAfter: ctx.policy.followUpAfter },
      passage: ruleRecord('follow_up.due').passage,
      message: `The follow-up is due at ${new Date(due).toISOString()}; following up earlier may feel pushy.`,
    };
  },
};

function plannedMeeting(args: TransitionArgs): Meeting | null {
  const { event } = args;
  if (event.type === 'schedule_meeting') return event.meeting;
  if (event.type === 'receive_reply') return event.meeting ?? null;
  return null;
}

/** `meeting.length`: the meeting asked for and planned is 20–30 minutes. */
export const plannedLength: Check = {
  name: 'plannedLength',
  run: (args) => {
    const meeting = plannedMeeting(args);
    const { meetingMinMinutes: min, meetingMaxMinutes: max } = args.ctx.policy;
    if (!meeting || (meeting.durationMinutes >= min && meeting.durationMinutes <= max)) return null;
    const long = meeting.durationMinutes > max;
    return {
      code: long ? 'meeting.too_long' : 'meeting.too_short',
      ruleId: 'meeting.length',
      interviewId: args.interview.id,
      policy: { meetingMinMinutes: min, meetingMaxMinutes: max },
      passage: ruleRecord('meeting.length').passage,
      message: `A ${meeting.durationMinutes}-minute meeting is ${long ? 'longer' : 'shorter'} than the ${min}–${max} minutes the method asks for.`,
    };
  },
};

/** `meeting.length`: going over is recorded only as "invited to stay". */
export const overranUninvited: Check = {
  name: 'overranUninvited',
  run: ({ interview, event }) => {
    if (event.type !== 'complete' || !interview.meeting || event.actualMinutes === undefined) return null;
    if (event.actualMinutes <= interview.meeting.durationMinutes || event.invitedToStay) return null;
    return {
      code: 'meeting.overran_uninvited',
      ruleId: 'meeting.length',
      interviewId: interview.id,
      passage: ruleRecord('meeting.length').passage,
      message: `The meeting ran ${event.actualMinutes - interview.meeting.durationMinutes} minutes over without an invitation to stay.`,
    };
  },
};

/** `meeting.close`: ask for a business card and a referral before leaving. */
export const closingAsks: Check = {
  name: 'closingAsks',
  run: ({ interview, event }) => {
    if (event.type !== 'complete') return null;
    const missed = [
      event.businessCardReceived === false ? 'a business card' : null,
      event.askedForReferral === false ? 'a referral' : null,
    ].filter((x): x is string => x !== null);
    if (missed.length === 0) return null;
    return {
      code: 'meeting.close_missed',
      ruleId: 'meeting.close',
      interviewId: interview.id,
      passage: ruleRecord('meeting.close').passage,
      message: `You did not ask for ${missed.join(' or ')}; you can still ask in your thank-you.`,
    };
  },
};

/** `after.thank_you`: a thank-you later than the policy's window still counts, with a note. */
export const lateThankYou: Check = {
  name: 'lateThankYou',
  run: ({ interview, event, ctx }) => {
    if (event.type !== 'send_thank_you' || !interview.meeting) return null;
    const end =
      interview.meeting.at + (interview.actualMinutes ?? interview.meeting.durationMinutes) * 60_000;
    const due = addDuration(end, ctx.policy.thankYouDueAfter, calendarFor(ctx.timeZone, ctx.policy));
    if (event.at <= due) return null;
    return {
      code: 'after.thank_you_late',
      ruleId: 'after.thank_you',
      interviewId: interview.id,
      policy: { thankYouDueAfter: ctx.policy.thankYouDueAfter },
      passage: ruleRecord('after.thank_you').passage,
      message:
        'The thank-you went out later than the policy asks; a prompt thank-you leaves a better impression.',
    };
  },
};
