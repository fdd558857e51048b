import { addDuration } from '../time/calendar.js';
import { orgKey } from './network.js';
import { defineRule } from './rule.js';

// follow_up.second_contact — the 3B7 routine: no reply `secondContactAfter` after the first
// attempt → reach a second person at the same organisation, unless one was reached already.

const ID = 'follow_up.second_contact';

export const followUpSecondContact = defineRule({
  record: {
    id: 'follow_up.second_contact',
    summary: 'Two-hour job search: no reply → reach a second person at the same organisation.',
    trigger: 'state awaiting_reply or followed_up under a policy with secondContactAfter',
    condition: 'no other interview at the same organisation has an attempt yet',
    effects: ['task'],
    policyKeys: ['secondContactAfter'],
    source: 'two_hour_job_search',
    passage:
      'The 3B7 routine: no reply in 3 business days → contact a second person at the same organisation.',
  },
  interviews: {
    states: ['awaiting_reply', 'followed_up'],
    derive: (interview, run) => {
      const after = run.policy.secondContactAfter;
      const first = interview.attempts[0];
      if (after === null || !first) return;
      const contact = run.network.contacts.get(interview.contactId);
      const org = orgKey(contact);
      if (!org || run.network.reachedElsewhereAt(org, interview.id)) return;
      run.task(
        {
          key: `${ID}:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: `Reach a second person at ${contact?.organization}`,
        },
        'attempt.first',
        first.at,
        addDuration(first.at, after, run.calendar),
      );
    },
  },
});
