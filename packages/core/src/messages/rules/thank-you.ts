import type { Duration } from '../../policy/types.js';
import { addDuration, calendarFor } from '../../time/calendar.js';
import type { Finding } from '../finding.js';
import type { LintInput } from '../lint-types.js';
import { contentStems } from '../text.js';

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

function note(check: string, severity: 'warning' | 'hint', message: string): Finding {
  return { ruleId: 'after.thank_you', check, severity, field: 'body', start: 0, end: 0, message };
}

/** after.thank_you: on time, appreciative, and mentioning one or two learned points. */
export function thankYou({ draft, context, options, body }: LintInput): Finding[] {
  if (draft.kind !== 'thank_you') return [];
  const { policy } = options;
  const findings: Finding[] = [];
  const endedAt = options.meetingEndedAt ?? context.meeting?.endsAt;
  if (draft.sentAt !== undefined && endedAt !== undefined) {
    // Day-based windows are counted on the student's calendar (UTC when the context has no zone).
    const cal = calendarFor(context.student.timeZone ?? 'UTC', policy);
    const due = addDuration(endedAt, policy.thankYouDueAfter, cal);
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
