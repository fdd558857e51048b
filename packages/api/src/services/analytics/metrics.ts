import { CHANNELS, CONTACT_SOURCES, MILESTONE_KINDS } from '@infoview/core';

/**
 * The metrics a student's rollup row counts, by name. One list: the contribution writes these
 * names, the report reads them, docs/analytics.md explains each one.
 */
export const METRIC = {
  identified: 'identified',
  funnel: (stage: FunnelStage) => `funnel.${stage}`,
  sent: 'sent',
  sentReplied: 'sent.replied',
  sourceSent: (source: string) => `source.${source}.sent`,
  sourceReplied: (source: string) => `source.${source}.replied`,
  channelAttempts: (channel: string) => `channel.${channel}.attempts`,
  channelAnswered: (channel: string) => `channel.${channel}.answered`,
  attemptAttempts: (kind: AttemptKind) => `attempt.${kind}.attempts`,
  attemptAnswered: (kind: AttemptKind) => `attempt.${kind}.answered`,
  replyN: 'reply.n',
  replyDays: (days: number) => `reply.days.${days}`,
  meetingN: 'meeting.n',
  meetingDays: (days: number) => `meeting.days.${days}`,
  met: 'met',
  metThankedOnTime: 'met.thanked_on_time',
  metReferrals: 'met.referrals',
  metWithReferral: 'met.with_referral',
  touchDue: 'touch.due',
  touchKept: 'touch.kept',
  milestone: (kind: string) => `milestone.${kind}`,
} as const;

/** The funnel after `identified`, in order. */
export const FUNNEL_STAGES = ['outreach', 'replied', 'met', 'thanked', 'referral'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const ATTEMPT_KINDS = ['outreach', 'follow_up'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export { CHANNELS, CONTACT_SOURCES, MILESTONE_KINDS };

/** Day histograms stop here: a longer wait counts as this many days (the median is exact below it). */
export const MAX_DAYS = 365;
