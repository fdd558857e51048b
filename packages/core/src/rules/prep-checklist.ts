import { PREP_ITEMS, type PrepItem } from '../interview/interview.js';
import { addDuration } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// prep.checklist — the guide's "Preparing For Your Meeting": every item done `prepDueBefore` the
// meeting; the task names the items still open.

const ID = 'prep.checklist';

function missingPrep(prep: Partial<Record<PrepItem, boolean>>): PrepItem[] {
  const missing: PrepItem[] = [];
  for (const item of PREP_ITEMS) if (!prep[item]) missing.push(item);
  return missing;
}

export const prepChecklist = defineRule({
  record: {
    id: 'prep.checklist',
    summary:
      'Before the meeting: research the person and the organisation, the industry’s trends, a written question list, an elevator pitch, a resume at hand.',
    trigger: 'state scheduled with a meeting time',
    condition: 'a checklist item is not done',
    effects: ['task'],
    policyKeys: ['prepDueBefore'],
    source: 'guide',
    passage:
      'Research the individual you’re meeting with through LinkedIn and look at the organization’s website… Prepare a written list of questions in advance.',
  },
  interviews: {
    states: ['scheduled'],
    derive: (interview, run) => {
      const meeting = interview.meeting;
      if (!meeting) return;
      const missing = missingPrep(interview.prep);
      if (missing.length === 0) return;
      const before = run.policy.prepDueBefore;
      run.task(
        {
          key: `${ID}:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: `Prepare for the meeting with ${contactName(run.network.contacts.get(interview.contactId))}: ${missing.join(', ').replaceAll('_', ' ')}`,
        },
        'meeting.start',
        meeting.at,
        addDuration(meeting.at, { amount: -before.amount, unit: before.unit }, run.calendar),
      );
    },
  },
});
