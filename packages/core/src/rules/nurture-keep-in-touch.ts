import { meetingEndedAt } from '../deadlines/meeting.js';
import { addDuration } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// nurture.keep_in_touch — every interviewed contact gets a touchpoint every `keepInTouchEvery`,
// measured from the latest meeting, thank-you or touchpoint: any touchpoint resets the timer.

const ID = 'nurture.keep_in_touch';

export const nurtureKeepInTouch = defineRule({
  record: {
    id: 'nurture.keep_in_touch',
    summary: 'Each interviewed contact gets a touchpoint every few months; any touchpoint resets the timer.',
    trigger: 'a contact with an interview in state completed or nurturing',
    condition: 'the contact was interviewed; due this long after the last meeting, thank-you or touchpoint',
    effects: ['task'],
    policyKeys: ['keepInTouchEvery'],
    source: 'guide',
    passage: 'Try to stay in touch with your contacts every few months by sending a friendly email.',
  },
  contacts: ({ id, contact, met, touchpoints, latest }, run) => {
    let anchor = 0;
    let anchorName = 'meeting.end';
    for (const i of met) {
      const end = meetingEndedAt(i);
      if (end > anchor) {
        anchor = end;
        anchorName = 'meeting.end';
      }
      if (i.thankYouAt !== null && i.thankYouAt > anchor) {
        anchor = i.thankYouAt;
        anchorName = 'thank_you.sent';
      }
    }
    // Any logged touchpoint resets the timer, whatever its kind.
    for (const t of touchpoints) {
      if (t.at > anchor) {
        anchor = t.at;
        anchorName = 'touchpoint.last';
      }
    }
    run.task(
      {
        key: `${ID}:${id}`,
        interviewId: latest.id,
        contactId: id,
        title: `Keep in touch with ${contactName(contact)}`,
      },
      anchorName,
      anchor,
      addDuration(anchor, run.policy.keepInTouchEvery, run.calendar),
    );
  },
});
