import { meetingEndedAt } from '../deadlines/meeting.js';
import { thankYouDueAt } from '../deadlines/thank-you.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// referral.ask — a completed interview with no referral recorded (and no "there is nobody")
// raises a task to ask for one, due with the thank-you, where the guide suggests asking.

const ID = 'referral.ask';

export const referralAsk = defineRule({
  record: {
    id: 'referral.ask',
    summary: 'A completed interview with no referral recorded raises a task to ask for one.',
    trigger: 'state completed or nurturing',
    condition: 'no referral recorded and the contact did not say there is nobody',
    effects: ['task'],
    policyKeys: ['thankYouDueAfter'],
    source: 'guide',
    passage:
      'Referrals – always try to get the name of at least one additional contact during each informational interview.',
  },
  interviews: {
    states: ['completed', 'nurturing'],
    derive: (interview, run) => {
      if (interview.referralCount > 0 || interview.noReferralAvailable) return;
      const end = meetingEndedAt(interview);
      run.task(
        {
          key: `${ID}:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: `Ask ${contactName(run.network.contacts.get(interview.contactId))} who else you could speak with`,
        },
        'meeting.end',
        end,
        thankYouDueAt(end, run.policy, run.calendar),
      );
    },
  },
});
