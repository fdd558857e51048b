import { Type } from 'typebox';
import { IfMatchOptional } from '../../http/if-match.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Timestamp } from '../../http/schemas.js';
import { TASK_STATUSES } from '../../services/tasks/present.js';

const Status = StringEnum(TASK_STATUSES, {
  description: 'open, completed, snoozed, dismissed (the student’s), or obsolete (no longer derived)',
});

export const Task = Type.Object(
  {
    id: Id,
    studentId: Id,
    key: Type.String({ description: 'Stable: evaluating again gives the same key' }),
    ruleId: Type.String(),
    title: Type.String(),
    interviewId: Nullable(Id),
    contactId: Nullable(Id),
    dueAt: Timestamp,
    remindAt: Timestamp,
    status: Status,
    snoozedUntil: Nullable(Timestamp),
    resolvedAt: Nullable(Timestamp),
    explanation: Type.Object(
      {
        ruleId: Type.String(),
        summary: Type.String(),
        anchor: Type.Object({ name: Type.String(), at: Timestamp }),
        policy: Type.Object({}, { additionalProperties: true, description: 'The policy values in force' }),
        passage: Type.String({ description: "The guide's words behind the rule" }),
      },
      { description: 'Why the task exists' },
    ),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Task', description: 'A thing the student should do, derived by the rule engine' },
);

const ETagHeader = { etag: { type: 'string', description: 'The task version: "<id>:<version>"' } };
const IfMatch = IfMatchOptional('task');

export const listTasksSchema = {
  operationId: 'listTasks',
  tags: ['tasks'],
  summary: 'List tasks by due time (obsolete ones only when asked for)',
  querystring: StrictObject({
    ...PageQuery,
    studentId: Type.Optional(Id),
    status: Type.Optional(Status),
    dueBefore: Type.Optional(Timestamp),
    dueAfter: Type.Optional(Timestamp),
  }),
  response: { 200: PageOf(Task, 'A page of tasks'), ...problems(...COMMON_PROBLEMS) },
};

export const getTaskSchema = {
  operationId: 'getTask',
  tags: ['tasks'],
  summary: 'Read a task with its explanation',
  params: IdParams,
  response: { 200: { ...Task, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

const statusChange = (operationId: string, summary: string, body = StrictObject({})) => ({
  operationId,
  tags: ['tasks'],
  summary,
  params: IdParams,
  headers: IfMatch,
  body,
  response: {
    200: { ...Task, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 412),
  },
});

export const completeTaskSchema = statusChange('completeTask', 'Mark a task done');
export const dismissTaskSchema = statusChange(
  'dismissTask',
  'Dismiss a task (no reminder for this occurrence)',
);
export const snoozeTaskSchema = {
  ...statusChange('snoozeTask', 'Remind me later', StrictObject({ until: Timestamp })),
  body: StrictObject({ until: Timestamp }),
};
