import { Type } from 'typebox';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, Nullable, StrictObject, StringEnum } from '../../http/schemas.js';
import { ANALYTICS_TABLES } from '../../services/analytics/csv.js';
import { MAX_WEEKS } from '../../services/analytics/window.js';

const Count = Nullable(Type.Integer({ minimum: 0 }));
const Share = Nullable(
  Type.Number({ minimum: 0, description: 'A ratio (0–1 for rates), rounded to 4 places' }),
);
const Suppressed = Type.Boolean({
  description: 'True when the figure is about fewer than k students: its values are null',
});

const Report = Type.Object(
  {
    scope: Type.Object({
      kind: StringEnum(['tenant', 'advisor', 'student']),
      advisorId: Type.Optional(Id),
      studentId: Type.Optional(Id),
    }),
    window: Type.Object(
      {
        from: Type.String({ format: 'date', description: "The first week's Monday" }),
        to: Type.String({ format: 'date', description: "The last week's Monday" }),
        weeks: Type.Integer(),
        weekStartsOn: StringEnum(['monday']),
        timeZone: StringEnum(['UTC'], { description: 'Weeks run Monday 00:00 to Sunday 24:00 in this zone' }),
      },
      { description: 'The weeks the figures cover' },
    ),
    privacy: Type.Object(
      {
        minStudents: Type.Integer({ description: 'k: figures about fewer students are suppressed' }),
        applied: Type.Boolean({ description: 'False only for a student reading their own figures' }),
        suppressedFigures: Type.Integer({ description: 'How many figures of this answer are suppressed' }),
      },
      { description: 'Small-group suppression (see docs/analytics.md)' },
    ),
    funnel: Type.Array(
      Type.Object({
        stage: StringEnum(['identified', 'outreach', 'replied', 'met', 'thanked', 'referral']),
        interviews: Count,
        suppressed: Suppressed,
      }),
      { description: 'Interviews identified in the window, and how many of them reached each stage' },
    ),
    replyRates: Type.Array(
      Type.Object({
        group: StringEnum(['all', 'source', 'channel', 'attempt']),
        key: Type.String({ description: 'The contact source, the channel or the attempt kind' }),
        sent: Count,
        replied: Count,
        rate: Share,
        suppressed: Suppressed,
      }),
      {
        description:
          'Reply rates: per first outreach (all, by source) and per attempt (by channel, by attempt kind)',
      },
    ),
    timing: Type.Array(
      Type.Object({
        measure: StringEnum(['days_to_reply', 'days_to_meeting']),
        median: Share,
        interviews: Count,
        suppressed: Suppressed,
      }),
      { description: 'Median whole days from the first outreach to the reply and to the meeting' },
    ),
    thankYou: Type.Object(
      { meetings: Count, thankedOnTime: Count, share: Share, suppressed: Suppressed },
      { description: "Meetings completed in the window, and those thanked within the policy's window" },
    ),
    referralYield: Type.Object(
      {
        completedInterviews: Count,
        referrals: Count,
        perInterview: Share,
        interviewsWithReferral: Count,
        suppressed: Suppressed,
      },
      { description: 'Referrals per interview completed in the window' },
    ),
    keepInTouch: Type.Object(
      { due: Count, kept: Count, adherence: Share, suppressed: Suppressed },
      { description: 'Keep-in-touch dues settled in the window, and those kept in time' },
    ),
    milestones: Type.Array(Type.Object({ kind: Type.String(), count: Count, suppressed: Suppressed })),
    weekly: Type.Array(
      Type.Object({
        week: Type.String({ format: 'date' }),
        identified: Count,
        outreach: Count,
        replied: Count,
        met: Count,
        thanked: Count,
        referral: Count,
        funnelSuppressed: Suppressed,
        sent: Count,
        sentReplied: Count,
        replyRate: Share,
        repliesSuppressed: Suppressed,
      }),
      {
        description:
          'Per week of the window: the funnel of its interviews, the reply rate of its first outreach',
      },
    ),
  },
  { $id: 'AnalyticsReport', description: 'Figures of a scope over a window of weeks (docs/analytics.md)' },
);

const WindowQuery = StrictObject({
  from: Type.Optional(
    Type.String({
      format: 'date',
      description: "The window's first day (its week counts whole); default 11 weeks before `to`",
    }),
  ),
  to: Type.Optional(
    Type.String({
      format: 'date',
      description: "The window's last day (its week counts whole); default today",
    }),
  ),
  table: Type.Optional(
    StringEnum([...ANALYTICS_TABLES], {
      description: 'With `Accept: text/csv`: the table to send (required then)',
    }),
  ),
});

const reportResponses = (summary: string) => ({
  200: {
    description: summary,
    content: {
      'application/json': { schema: Report },
      'text/csv': { schema: Type.String({ description: 'One table (`?table=`) as CSV with a header row' }) },
    },
  },
  ...problems(...COMMON_PROBLEMS),
});

const description = `Read from rollups kept current on every write. At most ${MAX_WEEKS} weeks at once.`;

export const tenantAnalyticsSchema = {
  operationId: 'getTenantAnalytics',
  tags: ['analytics'],
  summary: "The tenant's analytics (admins and integration keys)",
  description,
  querystring: WindowQuery,
  response: reportResponses("The tenant's figures"),
};

export const advisorAnalyticsSchema = {
  operationId: 'getAdvisorAnalytics',
  tags: ['analytics'],
  summary: "An advisor's cohort's analytics (the advisor, admins and integration keys)",
  description,
  params: StrictObject({ advisorId: Id }),
  querystring: WindowQuery,
  response: { ...reportResponses("The cohort's figures"), ...problems(404) },
};

export const studentAnalyticsSchema = {
  operationId: 'getStudentAnalytics',
  tags: ['analytics'],
  summary: "One student's analytics (whoever may see the student; suppressed unless it is the student)",
  description,
  params: StrictObject({ studentId: Id }),
  querystring: WindowQuery,
  response: { ...reportResponses("The student's figures"), ...problems(404) },
};

const Settings = Type.Object(
  {
    minStudents: Type.Integer({
      minimum: 2,
      maximum: 1000,
      description: 'k: figures about fewer students are suppressed (default 5)',
    }),
  },
  { $id: 'AnalyticsSettings', description: "The tenant's analytics settings" },
);

export const getAnalyticsSettingsSchema = {
  operationId: 'getAnalyticsSettings',
  tags: ['analytics'],
  summary: "The tenant's analytics settings",
  response: { 200: Settings, ...problems(...COMMON_PROBLEMS) },
};

export const putAnalyticsSettingsSchema = {
  operationId: 'putAnalyticsSettings',
  tags: ['analytics'],
  summary: "Sets the tenant's analytics settings (admins)",
  body: StrictObject({ minStudents: Settings.properties.minStudents }),
  response: { 200: Settings, ...problems(...COMMON_PROBLEMS, 413, 415) },
};
