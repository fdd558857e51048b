import type { Guard } from '../interview/guards.js';

// The lifecycle's own guards: what must hold for the story to make sense, whatever the policy.
// Guards that come from a rule of the method live in that rule's module (rules/).

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
