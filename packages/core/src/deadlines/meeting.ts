import type { Instant } from '../domain/types.js';
import type { Interview } from '../interview/interview.js';

/**
 * When the meeting ended: its start plus the real or planned length. Null before a meeting is set.
 * Example: `meetingEnd({ meeting: { at, durationMinutes: 30 }, actualMinutes: null }) === at + 30 * 60_000`.
 */
export function meetingEnd(interview: Pick<Interview, 'meeting' | 'actualMinutes'>): Instant | null {
  const m = interview.meeting;
  if (!m) return null;
  return m.at + (interview.actualMinutes ?? m.durationMinutes) * 60_000;
}

/**
 * What the after-meeting rules measure from: the meeting's end, or, for an interview completed
 * without a meeting time on record, when it was completed.
 * Example: `meetingEndedAt(completed) === meetingEnd(completed)`.
 */
export function meetingEndedAt(
  interview: Pick<Interview, 'meeting' | 'actualMinutes' | 'completedAt'>,
): Instant {
  return meetingEnd(interview) ?? interview.completedAt ?? 0;
}
