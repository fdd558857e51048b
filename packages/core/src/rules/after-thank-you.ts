import { meetingEndedAt } from '../deadlines/meeting.js';
import { thankYouDueAt } from '../deadlines/thank-you.js';
import type { Duration } from '../domain/policy.js';
import type { Check } from '../interview/checks.js';
import type { LintFinding } from '../messages/finding.js';
import type { LintInput } from '../messages/lint-types.js';
import { contentStems } from '../messages/text.js';
import { calendarFor } from '../time/calendar.js';
import { contactName } from './network.js';
import { defineRule } from './rule.js';

const ID = 'after.thank_you';

// after.thank_you — guide: "email it within 24 hours … Express your appreciation … and mention one
// or two points that you learned during your conversation." Severity: warning when late, when the
// appreciation is missing, or when fewer points than policy.thankYouMinPoints are mentioned (found
// by content-word overlap, so it can miss); hint for more than policy.thankYouMaxPoints.

const HOUR = 3_600_000;
const APPRECIATION = /\b(?:thank|thanks|grateful|appreciat\w*)\b/i;
const LEARNED =
  /\b(?:learn(?:ed|t)|you (?:mentioned|said|explained|shared|suggested|described|told me)|your (?:advice|suggestions?|points?|insights?) (?:about|on)|hearing about|it was (?:helpful|useful|interesting) to)\b/i;

function describe(duration: Duration): string {
  const unit = duration.unit.replace('calendar_', '').replace('_', ' ');
  return `${duration.amount} ${duration.amount === 1 ? unit.replace(/s$/, '') : unit}`;
}

/** Whether `point` is mentioned in a text with content-word stems `stems` (half its words, at most 3). */
export function mentionsPoint(point: string, stems: ReadonlySet<string>): boolean {
  const words = [...new Set(contentStems(point))];
  if (words.length === 0) return false;
  const needed = Math.min(3, Math.ceil(words.length / 2));
  return words.filter((word) => stems.has(word)).length >= needed;
}

function note(check: string, severity: 'warning' | 'hint', message: string): LintFinding<typeof ID> {
  return { ruleId: ID, check, severity, field: 'body', start: 0, end: 0, message };
}

/** The lint of a thank_you draft: on time, appreciative, and mentioning one or two learned points. */
function thankYouLint({ draft, context, options, body }: LintInput): LintFinding<typeof ID>[] {
  if (draft.kind !== 'thank_you') return [];
  const { policy } = options;
  const findings: LintFinding<typeof ID>[] = [];
  const endedAt = options.meetingEndedAt ?? context.meeting?.endsAt;
  if (draft.sentAt !== undefined && endedAt !== undefined) {
    // Day-based windows are counted on the student's calendar (UTC when the context has no zone).
    const due = thankYouDueAt(endedAt, policy, calendarFor(context.student.timeZone ?? 'UTC', policy));
    if (draft.sentAt > due) {
      const hours = Math.round((draft.sentAt - endedAt) / HOUR);
      findings.push(
        note(
          'late',
          'warning',
          `Sent ${hours} h after the meeting; a thank-you is due within ${describe(policy.thankYouDueAfter)}.`,
        ),
      );
    }
  }
  if (!APPRECIATION.test(body.text)) {
    findings.push(note('appreciation', 'warning', 'Express your appreciation for their time and advice.'));
  }
  const points = options.learnedPoints ?? context.learnedPoints ?? [];
  const range =
    policy.thankYouMinPoints === policy.thankYouMaxPoints
      ? `${policy.thankYouMaxPoints}`
      : `${policy.thankYouMinPoints} or ${policy.thankYouMaxPoints}`;
  if (points.length === 0) {
    if (policy.thankYouMinPoints > 0 && !LEARNED.test(body.text)) {
      findings.push(
        note('points', 'warning', `Mention ${range} points you learned during the conversation.`),
      );
    }
    return findings;
  }
  const stems = new Set(contentStems(body.text));
  const mentioned = points.filter((point) => mentionsPoint(point, stems)).length;
  if (mentioned < policy.thankYouMinPoints) {
    findings.push(
      note(
        'points',
        'warning',
        `Mention ${range} points you learned, e.g. "${points[0]?.trim()}" from your notes.`,
      ),
    );
  } else if (mentioned > policy.thankYouMaxPoints) {
    findings.push(
      note('too_many_points', 'hint', `${mentioned} learned points are mentioned; ${range} read best.`),
    );
  }
  return findings;
}

/** A thank-you later than the policy's window still counts, with a note. */
const lateThankYou: Check = {
  name: 'lateThankYou',
  run: ({ interview, event, ctx }) => {
    if (event.type !== 'send_thank_you' || !interview.meeting) return null;
    const due = thankYouDueAt(meetingEndedAt(interview), ctx.policy, calendarFor(ctx.timeZone, ctx.policy));
    if (event.at <= due) return null;
    return {
      code: 'after.thank_you_late',
      ruleId: ID,
      interviewId: interview.id,
      policy: { thankYouDueAfter: ctx.policy.thankYouDueAfter },
      passage: afterThankYou.record.passage,
      message:
        'The thank-you went out later than the policy asks; a prompt thank-you leaves a better impression.',
    };
  },
};

export const afterThankYou = defineRule({
  record: {
    id: 'after.thank_you',
    summary: 'Email a thank-you within 24 h of the meeting, mentioning one or two things learned.',
    trigger: 'state completed; event send_thank_you; lint of a thank_you draft',
    condition: 'no thank-you sent, or one sent later than the window',
    effects: ['task', 'warning', 'lint'],
    policyKeys: ['thankYouDueAfter', 'thankYouMinPoints', 'thankYouMaxPoints'],
    source: 'guide',
    passage:
      'Write a thank you note after each informational interview and email it within 24 hours… mention one or two points that you learned during your conversation.',
  },
  checks: [{ events: ['send_thank_you'], check: lateThankYou }],
  lint: thankYouLint,
  interviews: {
    states: ['completed'],
    derive: (interview, run) => {
      const end = meetingEndedAt(interview);
      run.task(
        {
          key: `${ID}:${interview.id}`,
          interviewId: interview.id,
          contactId: interview.contactId,
          title: `Email a thank-you to ${contactName(run.network.contacts.get(interview.contactId))}`,
        },
        'meeting.end',
        end,
        thankYouDueAt(end, run.policy, run.calendar),
      );
    },
  },
});
