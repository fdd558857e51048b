import {
  ATTEMPT_KINDS,
  CHANNELS,
  CONTACT_SOURCES,
  FUNNEL_STAGES,
  MAX_DAYS,
  METRIC,
  MILESTONE_KINDS,
} from './metrics.js';
import type { AnalyticsWindow } from './window.js';

/** Summed rollup rows of a scope: per metric over the window, and per week and metric. */
export interface Sums {
  total: Map<string, number>;
  /** Distinct students with a non-zero value of the metric in the window (for the tenant, a bound on the same side of k). */
  students: Map<string, number>;
  weekly: Map<string, Map<string, { value: number; students: number }>>;
}

/** Who a report is about, and whether its figures are shown whatever their size. */
export interface ReportScope {
  kind: 'tenant' | 'advisor' | 'student';
  advisorId?: string;
  studentId?: string;
}

export interface FunnelRow {
  stage: 'identified' | (typeof FUNNEL_STAGES)[number];
  interviews: number | null;
  suppressed: boolean;
}
export interface ReplyRateRow {
  group: 'all' | 'source' | 'channel' | 'attempt';
  key: string;
  sent: number | null;
  replied: number | null;
  rate: number | null;
  suppressed: boolean;
}
export interface TimingRow {
  measure: 'days_to_reply' | 'days_to_meeting';
  median: number | null;
  interviews: number | null;
  suppressed: boolean;
}
export interface ThankYouRow {
  meetings: number | null;
  thankedOnTime: number | null;
  share: number | null;
  suppressed: boolean;
}
export interface ReferralYieldRow {
  completedInterviews: number | null;
  referrals: number | null;
  perInterview: number | null;
  interviewsWithReferral: number | null;
  suppressed: boolean;
}
export interface KeepInTouchRow {
  due: number | null;
  kept: number | null;
  adherence: number | null;
  suppressed: boolean;
}
export interface MilestoneRow {
  kind: string;
  count: number | null;
  suppressed: boolean;
}
export interface WeekRow {
  week: string;
  identified: number | null;
  outreach: number | null;
  replied: number | null;
  met: number | null;
  thanked: number | null;
  referral: number | null;
  funnelSuppressed: boolean;
  sent: number | null;
  sentReplied: number | null;
  replyRate: number | null;
  repliesSuppressed: boolean;
}

export interface AnalyticsReport {
  scope: ReportScope;
  window: { from: string; to: string; weeks: number; weekStartsOn: 'monday'; timeZone: 'UTC' };
  privacy: { minStudents: number; applied: boolean; suppressedFigures: number };
  funnel: FunnelRow[];
  replyRates: ReplyRateRow[];
  timing: TimingRow[];
  thankYou: ThankYouRow;
  referralYield: ReferralYieldRow;
  keepInTouch: KeepInTouchRow;
  milestones: MilestoneRow[];
  weekly: WeekRow[];
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * The figures of a scope from its summed rollups. `minStudents` is k; `applied` false only when
 * a student reads their own figures. A suppressed figure keeps its row with null values.
 */
export function buildReport(
  scope: ReportScope,
  window: AnalyticsWindow,
  sums: Sums,
  minStudents: number,
  applied: boolean,
): AnalyticsReport {
  let suppressedFigures = 0;
  const v = (metric: string) => sums.total.get(metric) ?? 0;
  const who = (metric: string) => sums.students.get(metric) ?? 0;
  const hide = (students: number) => {
    const hidden = applied && students < minStudents;
    if (hidden) suppressedFigures++;
    return hidden;
  };

  const funnel: FunnelRow[] = (['identified', ...FUNNEL_STAGES] as const).map((stage) => {
    const metric = stage === 'identified' ? METRIC.identified : METRIC.funnel(stage);
    const students = who(metric);
    return hide(students)
      ? { stage, interviews: null, suppressed: true }
      : { stage, interviews: v(metric), suppressed: false };
  });

  const rate = (group: ReplyRateRow['group'], key: string, sent: string, replied: string): ReplyRateRow => {
    const students = who(sent);
    return hide(students)
      ? { group, key, sent: null, replied: null, rate: null, suppressed: true }
      : {
          group,
          key,
          sent: v(sent),
          replied: v(replied),
          rate: ratio(v(replied), v(sent)),
          suppressed: false,
        };
  };
  const replyRates: ReplyRateRow[] = [
    rate('all', 'first_outreach', METRIC.sent, METRIC.sentReplied),
    ...CONTACT_SOURCES.map((s) => rate('source', s, METRIC.sourceSent(s), METRIC.sourceReplied(s))),
    ...CHANNELS.map((c) => rate('channel', c, METRIC.channelAttempts(c), METRIC.channelAnswered(c))),
    ...ATTEMPT_KINDS.map((k) => rate('attempt', k, METRIC.attemptAttempts(k), METRIC.attemptAnswered(k))),
  ];

  const timing = (measure: TimingRow['measure'], n: string, bucket: (d: number) => string): TimingRow => {
    const students = who(n);
    if (hide(students)) return { measure, median: null, interviews: null, suppressed: true };
    return { measure, median: medianOf(v(n), (d) => v(bucket(d))), interviews: v(n), suppressed: false };
  };

  const metStudents = who(METRIC.met);
  const thankYou: ThankYouRow = hide(metStudents)
    ? { meetings: null, thankedOnTime: null, share: null, suppressed: true }
    : {
        meetings: v(METRIC.met),
        thankedOnTime: v(METRIC.metThankedOnTime),
        share: ratio(v(METRIC.metThankedOnTime), v(METRIC.met)),
        suppressed: false,
      };
  const referralYield: ReferralYieldRow = hide(metStudents)
    ? {
        completedInterviews: null,
        referrals: null,
        perInterview: null,
        interviewsWithReferral: null,
        suppressed: true,
      }
    : {
        completedInterviews: v(METRIC.met),
        referrals: v(METRIC.metReferrals),
        perInterview: ratio(v(METRIC.metReferrals), v(METRIC.met)),
        interviewsWithReferral: v(METRIC.metWithReferral),
        suppressed: false,
      };
  const touchStudents = who(METRIC.touchDue);
  const keepInTouch: KeepInTouchRow = hide(touchStudents)
    ? { due: null, kept: null, adherence: null, suppressed: true }
    : {
        due: v(METRIC.touchDue),
        kept: v(METRIC.touchKept),
        adherence: ratio(v(METRIC.touchKept), v(METRIC.touchDue)),
        suppressed: false,
      };
  const milestones: MilestoneRow[] = MILESTONE_KINDS.map((kind) => {
    const students = who(METRIC.milestone(kind));
    return hide(students)
      ? { kind, count: null, suppressed: true }
      : { kind, count: v(METRIC.milestone(kind)), suppressed: false };
  });

  const weekly: WeekRow[] = window.weeks.map((week) => {
    const cells = sums.weekly.get(week);
    const wv = (metric: string) => cells?.get(metric)?.value ?? 0;
    const ws = (metric: string) => cells?.get(metric)?.students ?? 0;
    const funnelHidden = hide(ws(METRIC.identified));
    const repliesHidden = hide(ws(METRIC.sent));
    return {
      week,
      identified: funnelHidden ? null : wv(METRIC.identified),
      outreach: funnelHidden ? null : wv(METRIC.funnel('outreach')),
      replied: funnelHidden ? null : wv(METRIC.funnel('replied')),
      met: funnelHidden ? null : wv(METRIC.funnel('met')),
      thanked: funnelHidden ? null : wv(METRIC.funnel('thanked')),
      referral: funnelHidden ? null : wv(METRIC.funnel('referral')),
      funnelSuppressed: funnelHidden,
      sent: repliesHidden ? null : wv(METRIC.sent),
      sentReplied: repliesHidden ? null : wv(METRIC.sentReplied),
      replyRate: repliesHidden ? null : ratio(wv(METRIC.sentReplied), wv(METRIC.sent)),
      repliesSuppressed: repliesHidden,
    };
  });

  const timingRows = [
    timing('days_to_reply', METRIC.replyN, METRIC.replyDays),
    timing('days_to_meeting', METRIC.meetingN, METRIC.meetingDays),
  ];

  return {
    scope,
    window: {
      from: window.from,
      to: window.to,
      weeks: window.weeks.length,
      weekStartsOn: 'monday',
      timeZone: 'UTC',
    },
    privacy: { minStudents, applied, suppressedFigures },
    funnel,
    replyRates,
    timing: timingRows,
    thankYou,
    referralYield,
    keepInTouch,
    milestones,
    weekly,
  };
}

/**
 * The exact median of `n` whole-day values given as a histogram (`count(d)` values of `d` days):
 * the middle value, or the mean of the two middle ones. Null when there are none.
 * Example: values 1, 2, 2, 9 → 2.
 */
export function medianOf(n: number, count: (days: number) => number): number | null {
  if (n <= 0) return null;
  const lo = Math.floor((n - 1) / 2);
  const hi = Math.floor(n / 2);
  let seen = 0;
  let low: number | null = null;
  for (let d = 0; d <= MAX_DAYS; d++) {
    seen += count(d);
    if (low === null && seen > lo) low = d;
    if (seen > hi) return (low! + d) / 2;
  }
  return low;
}
