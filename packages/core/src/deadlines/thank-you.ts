import type { Policy } from '../domain/policy.js';
import type { Instant } from '../domain/types.js';
import { addDuration, type Calendar } from '../time/calendar.js';

/**
 * `after.thank_you`: when the thank-you is due — `thankYouDueAfter` after the meeting ended.
 * The task, the late-thank-you warning and the lint all ask this one function.
 * Example: `thankYouDueAt(endedAt, GUIDE_POLICY, cal) === endedAt + 24 * 3_600_000`.
 */
export function thankYouDueAt(
  meetingEndedAt: Instant,
  policy: Pick<Policy, 'thankYouDueAfter'>,
  cal: Calendar,
): Instant {
  return addDuration(meetingEndedAt, policy.thankYouDueAfter, cal);
}
