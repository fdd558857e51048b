import { INTERVIEW_STATES } from '@infoview/core';
import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, StrictObject } from '../../http/schemas.js';

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
  },
  { $id: 'CohortStudent', description: "One student's pipeline and overdue work" },
);

export const listCohortSchema = {
  operationId: 'listCohort',
  tags: ['cohort'],
  summary: "An advisor's cohort (an admin's tenant): pipelines and overdue tasks",
  querystring: StrictObject({
    ...PageQuery,
    overdueOnly: Type.Optional(Type.Boolean({ description: 'Only students with overdue tasks' })),
  }),
  response: { 200: PageOf(CohortStudent, 'A page of students'), ...problems(...COMMON_PROBLEMS) },
};
