import type { Meeting } from '@infoview/core';

/** A meeting as the API takes it (ISO start) → core's (epoch ms). */
export interface MeetingInput {
  at: string;
  durationMinutes: number;
  location?: string | null | undefined;
}

export const meetingOf = (m: MeetingInput): Meeting => ({
  at: new Date(m.at).getTime(),
  durationMinutes: m.durationMinutes,
  location: m.location ?? null,
});
