import {
  addDuration,
  type Calendar,
  calendarFor,
  type Interview,
  meetingEndedAt,
  type Policy,
  type StudentNetwork,
  thankYouDueAt,
} from '@infoview/core';
import { MAX_DAYS, METRIC } from './metrics.js';
import { weekOf, wholeDays } from './weeks.js';

/** A student's contribution to the rollups: `week|metric` → count (no zero entries). */
export type Contribution = Map<string, number>;

/** What the contribution is computed from: the network the rule engine read, and when each interview was identified. */
export interface ContributionInput {
  network: StudentNetwork;
  /** Interview id → when it was created (the interview's "identified" instant). */
  identifiedAt: ReadonlyMap<string, number>;
  /** The student's policy in force: the thank-you and keep-in-touch windows. */
  policy: Policy;
}

/**
 * Everything one student adds to the analytics, per week. A pure function of the stored network,
 * so the rollups can be diffed on every write and recomputed from scratch to check them. Each
 * figure is counted in the week of the instant docs/analytics.md names for it.
 */
export function contributionOf({ network, identifiedAt, policy }: ContributionInput): Contribution {
  const out: Contribution = new Map();
  const add = (at: number, metric: string, n = 1) => {
    if (n === 0) return;
    const key = `${weekOf(at)}|${metric}`;
    out.set(key, (out.get(key) ?? 0) + n);
  };
  const cal = calendarFor(network.student.timeZone, policy);
  const sources = new Map(network.contacts.map((c) => [c.id, c.source]));

  for (const interview of network.interviews) {
    const identified = identifiedAt.get(interview.id);
    if (identified !== undefined) countFunnel(interview, identified, add);
    countAttempts(interview, sources.get(interview.contactId) ?? 'other', add);
    if (interview.completedAt !== null) countMeeting(interview, interview.completedAt, policy, cal, add);
  }
  countKeepInTouch(network, policy, cal, add);
  for (const m of network.milestones) add(m.at, METRIC.milestone(m.kind));
  return out;
}

type Add = (at: number, metric: string, n?: number) => void;

/** The funnel: interviews identified in the week, and how far each has come since. */
function countFunnel(i: Interview, identified: number, add: Add): void {
  add(identified, METRIC.identified);
  if (i.attempts.length > 0) add(identified, METRIC.funnel('outreach'));
  if (i.reply !== null) add(identified, METRIC.funnel('replied'));
  if (i.completedAt !== null) add(identified, METRIC.funnel('met'));
  if (i.thankYouAt !== null) add(identified, METRIC.funnel('thanked'));
  if (i.referralCount > 0) add(identified, METRIC.funnel('referral'));
}

/**
 * Reply rates and time to reply, in the week of the attempt. An attempt is answered when it is
 * the last one sent before the reply (accepted or declined).
 */
function countAttempts(i: Interview, source: string, add: Add): void {
  const first = i.attempts[0];
  if (!first) return;
  const replied = i.reply !== null;
  add(first.at, METRIC.sent);
  add(first.at, METRIC.sourceSent(source));
  if (replied) {
    add(first.at, METRIC.sentReplied);
    add(first.at, METRIC.sourceReplied(source));
    add(first.at, METRIC.replyN);
    add(first.at, METRIC.replyDays(Math.min(MAX_DAYS, wholeDays(first.at, i.reply!.at))));
  }
  let answered = -1;
  if (replied) {
    for (let n = 0; n < i.attempts.length; n++) if (i.attempts[n]!.at <= i.reply!.at) answered = n;
  }
  i.attempts.forEach((attempt, n) => {
    add(attempt.at, METRIC.channelAttempts(attempt.channel));
    add(attempt.at, METRIC.attemptAttempts(attempt.kind));
    if (n === answered) {
      add(attempt.at, METRIC.channelAnswered(attempt.channel));
      add(attempt.at, METRIC.attemptAnswered(attempt.kind));
    }
  });
  if (i.completedAt !== null && i.meeting !== null) {
    add(first.at, METRIC.meetingN);
    add(first.at, METRIC.meetingDays(Math.min(MAX_DAYS, wholeDays(first.at, i.meeting.at))));
  }
}

/** A completed interview, in the week it completed: thanked in time, referrals it yielded. */
function countMeeting(i: Interview, completedAt: number, policy: Policy, cal: Calendar, add: Add): void {
  add(completedAt, METRIC.met);
  if (i.thankYouAt !== null && i.thankYouAt <= thankYouDueAt(meetingEndedAt(i), policy, cal)) {
    add(completedAt, METRIC.metThankedOnTime);
  }
  add(completedAt, METRIC.metReferrals, i.referralCount);
  if (i.referralCount > 0) add(completedAt, METRIC.metWithReferral);
}

/**
 * Keep-in-touch adherence per interviewed contact, as the rule `nurture.keep_in_touch` times it:
 * from the latest meeting end or thank-you, a touchpoint is due every `keepInTouchEvery`. Each due
 * is counted once, in the week it was settled: kept (a touchpoint came by the due time, counted
 * when it came) or missed (counted when it fell due); the next due runs from that touchpoint.
 */
function countKeepInTouch(network: StudentNetwork, policy: Policy, cal: Calendar, add: Add): void {
  const anchors = new Map<string, number>();
  for (const i of network.interviews) {
    if (i.completedAt === null) continue;
    const at = Math.max(meetingEndedAt(i), i.thankYouAt ?? 0);
    anchors.set(i.contactId, Math.max(anchors.get(i.contactId) ?? 0, at));
  }
  const touches = new Map<string, number[]>();
  for (const t of network.touchpoints) {
    const list = touches.get(t.contactId);
    if (list) list.push(t.at);
    else touches.set(t.contactId, [t.at]);
  }
  for (const [contactId, start] of anchors) {
    const times = (touches.get(contactId) ?? []).filter((at) => at > start).sort((a, b) => a - b);
    let anchor = start;
    for (const at of times) {
      const due = addDuration(anchor, policy.keepInTouchEvery, cal);
      add(Math.min(at, due), METRIC.touchDue);
      if (at <= due) add(at, METRIC.touchKept);
      anchor = at;
    }
    add(addDuration(anchor, policy.keepInTouchEvery, cal), METRIC.touchDue);
  }
}
