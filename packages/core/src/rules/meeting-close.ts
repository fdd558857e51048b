import type { Check } from '../interview/checks.js';
import { defineRule } from './rule.js';

// meeting.close — before leaving, ask for a business card and a referral; a student who reports
// not asking gets a word when completing the meeting.

/** Ask for a business card and a referral before leaving. */
const closingAsks: Check = {
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
      passage: meetingClose.record.passage,
      message: `You did not ask for ${missed.join(' or ')}; you can still ask in your thank-you.`,
    };
  },
};

export const meetingClose = defineRule({
  record: {
    id: 'meeting.close',
    summary: 'Before leaving, ask for a business card and a referral.',
    trigger: 'event complete',
    condition: 'the student reports not asking',
    effects: ['warning'],
    policyKeys: [],
    source: 'guide',
    passage:
      'Before leaving, ask for a business card and ask if they can refer you to anyone else for you to speak with.',
  },
  checks: [{ events: ['complete'], check: closingAsks }],
});
