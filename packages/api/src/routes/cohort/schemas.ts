import { INTERVIEW_STATES } from '@infoview/core';
import { Type } from 'typebox';
import { instantOptions } from '../../http/instant.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, Nullable, StrictObject, StringEnum, Timestamp } from '../../http/schemas.js';
import { COHORT_SORTS } from '../../services/cohort/list.js';
import { DEFAULT_QUIET_AFTER_DAYS } from '../../services/cohort/summary.js';

const CohortStudent = Type.Object(
  {
    studentId: Id,
    externalId: Type.String(),
    name: Type.String(),
    pipeline: Type.Object(
      Object.fromEntries(INTERVIEW_STATES.map((state) => [state, Type.Optional(Type.Integer())])),
      { description: 'Interviews per state (states with none are absent)' },
    ),
    overdueTasks: Type.Integer({ description: 'Open tasks past their due time' }),
    lastActivityAt: Nullable(
      Type.String({
        ...instantOptions(),
        description: 'The latest lifecycle event, new interview or touchpoint of the student; null if none',
      }),
    ),
    lastOutreachAt: Nullable(
      Type.String({
        ...instantOptions(),
        description: 'The latest outreach attempt (first outreach or follow-up); null if none',
      }),
    ),
    quiet: Type.Boolean({ description: 'No outreach attempt within the last `quietAfterDays` days' }),
  },
  { $id: 'CohortStudent', description: "One student's pipeline, overdue work and recent activity" },
);

const QuietAfterDays = Type.Integer({
  minimum: 1,
  maximum: 366,
  description: `Days without an outreach attempt that make a student quiet (default ${DEFAULT_QUIET_AFTER_DAYS}: the guide's "about two weeks")`,
});

export const listCohortSchema = {
  operationId: 'listCohort',
  tags: ['cohort'],
  summary: "An advisor's cohort (an admin's tenant): pipelines, overdue tasks and recent activity",
  querystring: StrictObject({
    ...PageQuery,
    overdueOnly: Type.Optional(Type.Boolean({ description: 'Only students with overdue tasks' })),
    state: Type.Optional(
      StringEnum(INTERVIEW_STATES, { description: 'Only students with an interview in this state' }),
    ),
    quietOnly: Type.Optional(
      Type.Boolean({ description: 'Only students without an outreach attempt in `quietAfterDays` days' }),
    ),
    quietAfterDays: Type.Optional(QuietAfterDays),
    sort: Type.Optional(
      StringEnum(COHORT_SORTS, {
        description:
          'id (default), overdue (the most overdue tasks first) or lastActivity (the least recent first); ties by id',
      }),
    ),
    order: Type.Optional(
      StringEnum(['asc', 'desc'], { description: "Reverses a sort's default direction when given" }),
    ),
  }),
  response: { 200: PageOf(CohortStudent, 'A page of students'), ...problems(...COMMON_PROBLEMS) },
};

const CohortInterview = Type.Object(
  {
    id: Id,
    contactId: Id,
    contactName: Type.String(),
    organization: Nullable(Type.String()),
    state: StringEnum(INTERVIEW_STATES),
    events: Type.Integer({ description: 'Lifecycle events so far' }),
    lastEventAt: Nullable(Timestamp),
    meetingAt: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { $id: 'CohortInterview', description: "One of the student's interviews, as an advisor reads it" },
);

const CohortTask = Type.Object(
  {
    id: Id,
    title: Type.String(),
    ruleId: Type.String(),
    interviewId: Nullable(Id),
    dueAt: Timestamp,
    status: StringEnum(['open', 'snoozed']),
    snoozedUntil: Nullable(Timestamp),
    overdue: Type.Boolean({ description: 'Past due and open (or its snooze ended)' }),
  },
  { $id: 'CohortTask', description: 'Work the student still has to do' },
);

export const getCohortStudentSchema = {
  operationId: 'getCohortStudent',
  tags: ['cohort'],
  summary: 'One student of the cohort: figures, interviews and open tasks (read-only)',
  params: StrictObject({ studentId: Id }),
  querystring: StrictObject({ quietAfterDays: Type.Optional(QuietAfterDays) }),
  response: {
    200: Type.Object(
      {
        student: CohortStudent,
        interviews: Type.Array(CohortInterview),
        tasks: Type.Array(CohortTask, { description: 'Open and snoozed tasks, the soonest due first' }),
      },
      { $id: 'CohortStudentDetail', description: 'One student of the cohort' },
    ),
    ...problems(...COMMON_PROBLEMS, 404),
  },
};
