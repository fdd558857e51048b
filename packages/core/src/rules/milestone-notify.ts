import { meetingEndedAt } from '../deadlines/meeting.js';
import { addDuration } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

// milestone.notify — a milestone (a position, a major, a career path) raises a task to tell every
// contact interviewed before it, `milestoneNotifyDueAfter` the milestone, unless they were told.

const ID = 'milestone.notify';

export const milestoneNotify = defineRule({
  record: {
    id: 'milestone.notify',
    summary: 'A milestone raises a task to notify every contact the student has interviewed.',
    trigger: 'a milestone in the network',
    condition: 'a contact interviewed before the milestone has not had news of it',
    effects: ['task'],
    policyKeys: ['milestoneNotifyDueAfter'],
    source: 'guide',
    passage:
      'Finally, when you secure your new position, select your major, or have chosen your career path, notify the people you’ve spoken with.',
  },
  contacts: ({ id, contact, met, touchpoints, latest }, run) => {
    for (const m of run.network.milestones) {
      if (!met.some((i) => (i.completedAt ?? meetingEndedAt(i)) <= m.at)) continue;
      const told = touchpoints.some(
        (t) =>
          t.at >= m.at &&
          (t.milestoneId === m.id || (t.kind === 'milestone_news' && (t.milestoneId ?? null) === null)),
      );
      if (told) continue;
      run.task(
        {
          key: `${ID}:${m.id}:${id}`,
          interviewId: latest.id,
          contactId: id,
          title: `Tell ${contactName(contact)} your news: ${m.kind.replaceAll('_', ' ')}`,
        },
        `milestone.${m.kind}`,
        m.at,
        addDuration(m.at, run.policy.milestoneNotifyDueAfter, run.calendar),
      );
    }
  },
});
