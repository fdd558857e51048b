import type { TransitionArgs } from '../interview/context.js';
import type { Interview } from '../interview/interview.js';

/** A named, pure update of the snapshot's facts (the state and timeline are handled by `transition`). */
export interface Action {
  name: string;
  apply: (args: TransitionArgs) => Partial<Interview>;
}

export const recordAttempt: Action = {
  name: 'recordAttempt',
  apply: ({ interview, event }) => {
    if (event.type !== 'send_outreach' && event.type !== 'send_follow_up') return {};
    const kind = event.type === 'send_outreach' ? 'outreach' : 'follow_up';
    return { attempts: [...interview.attempts, { at: event.at, channel: event.channel, kind }] };
  },
};

export const recordReply: Action = {
  name: 'recordReply',
  apply: ({ event }) => {
    if (event.type === 'receive_reply') {
      return event.meeting
        ? { reply: { at: event.at, response: event.response }, meeting: { ...event.meeting } }
        : { reply: { at: event.at, response: event.response } };
    }
    // Scheduling a meeting without a recorded reply means the contact said yes.
    return { reply: { at: event.at, response: 'accepted' } };
  },
};

export const setMeeting: Action = {
  name: 'setMeeting',
  apply: ({ event }) => (event.type === 'schedule_meeting' ? { meeting: { ...event.meeting } } : {}),
};

export const close: Action = {
  name: 'close',
  apply: ({ event }) => ({ closedAt: event.at }),
};

export const recordCompletion: Action = {
  name: 'recordCompletion',
  apply: ({ interview, event }) => {
    if (event.type !== 'complete') return {};
    const planned = interview.meeting?.durationMinutes ?? 0;
    const ranOver = event.actualMinutes !== undefined && event.actualMinutes > planned;
    return {
      completedAt: event.at,
      invitedToStay: Boolean(event.invitedToStay),
      // Going longer is recorded only as "invited to stay" (meeting.length).
      actualMinutes: ranOver && !event.invitedToStay ? null : (event.actualMinutes ?? null),
    };
  },
};

export const updatePrep: Action = {
  name: 'updatePrep',
  apply: ({ interview, event }) =>
    event.type === 'update_prep' ? { prep: { ...interview.prep, ...event.items } } : {},
};

export const recordNotes: Action = {
  name: 'recordNotes',
  apply: ({ interview, event }) =>
    event.type === 'record_notes'
      ? { notesAt: interview.notesAt ?? event.at, learnedPoints: [...event.learnedPoints] }
      : {},
};

export const recordThankYou: Action = {
  name: 'recordThankYou',
  apply: ({ event }) => ({ thankYouAt: event.at }),
};

export const countReferral: Action = {
  name: 'countReferral',
  apply: ({ interview }) => ({ referralCount: interview.referralCount + 1 }),
};

export const recordNoReferral: Action = {
  name: 'recordNoReferral',
  apply: () => ({ noReferralAvailable: true }),
};

export const recordOpportunity: Action = {
  name: 'recordOpportunity',
  apply: ({ interview, event }) =>
    event.type === 'record_opportunity'
      ? { opportunities: [...interview.opportunities, { at: event.at, title: event.title }] }
      : {},
};
