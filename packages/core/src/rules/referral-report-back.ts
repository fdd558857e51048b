import { meetingEndedAt } from '../deadlines/meeting.js';
import { addDuration } from '../time/calendar.js';
import { contactName, latestMet } from './network.js';
import { defineRule } from './rule.js';

// referral.report_back — once a referred contact's interview took place, tell the referrer how it
// went, `reportBackDueAfter` the meeting, unless a report_back touchpoint about it came since.

const ID = 'referral.report_back';

export const referralReportBack = defineRule({
  record: {
    id: 'referral.report_back',
    summary: 'When a referred interview completes, tell the referrer how it went.',
    trigger: 'a referred contact’s interview in state completed or nurturing',
    condition: 'no report-back touchpoint with the referrer since that meeting',
    effects: ['task'],
    policyKeys: ['reportBackDueAfter'],
    source: 'guide',
    passage:
      'Once you have the informational interview, make sure to follow-up with your original contact to let them know how it went.',
  },
  contacts: ({ id, contact, met }, run) => {
    const referrerId = contact?.referrerContactId;
    if (!referrerId) return;
    const { network } = run;
    const referrer = network.contacts.get(referrerId);
    const referrerMet = network.met.get(referrerId);
    const referrerTouches = network.touchpoints.get(referrerId) ?? [];
    for (const i of met) {
      const end = meetingEndedAt(i);
      const reported = referrerTouches.some(
        (t) =>
          t.at >= end &&
          t.kind === 'report_back' &&
          (t.aboutContactId === null || t.aboutContactId === undefined || t.aboutContactId === id),
      );
      if (reported) continue;
      run.task(
        {
          key: `${ID}:${i.id}`,
          interviewId: referrerMet ? latestMet(referrerMet).id : null,
          contactId: referrerId,
          title: `Tell ${contactName(referrer)} how your conversation with ${contactName(contact)} went`,
        },
        'referred_meeting.end',
        end,
        addDuration(end, run.policy.reportBackDueAfter, run.calendar),
      );
    }
  },
});
