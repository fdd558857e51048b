import { meetingEndedAt } from '../deadlines/meeting.js';
import { addDuration } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// after.notes — write notes `notesDueAfter` the meeting, while none are recorded.

const ID = 'after.notes';

export const afterNotes = defineRule({
  record: {
    id: 'after.notes',
    summary: 'Write notes (who, date, useful information and advice) right after the meeting.',
    trigger: 'state completed or nurturing',
    condition: 'no notes recorded',
    effects: ['task'],
    policyKeys: ['notesDueAfter'],
    source: 'guide',
    passage:
      'After your meeting, jot down some notes (name of your contact, date, and useful information or advice, etc.).',
  },
  interviews: {
    states: ['completed', 'nurturing'],
    derive: (interview, run) => {
      if (interview.notesAt !== null) return;
      const end = meetingEndedAt(interview);
      run.task(
        {
          key: `${ID}:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: `Write notes on your meeting with ${contactName(run.network.contacts.get(interview.contactId))}`,
        },
        'meeting.end',
        end,
        addDuration(end, run.policy.notesDueAfter, run.calendar),
      );
    },
  },
});
