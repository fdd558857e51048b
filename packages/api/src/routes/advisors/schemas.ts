import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, Text, Timestamp } from '../../http/schemas.js';

export const Advisor = Type.Object(
  {
    id: Id,
    name: Type.String(),
    email: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Advisor', description: 'A career advisor' },
);

const ETagHeader = { etag: { type: 'string', description: 'The advisor version: "<id>:<version>"' } };

export const createAdvisorSchema = {
  operationId: 'createAdvisor',
  tags: ['advisors'],
  summary: 'Add a career advisor',
  body: StrictObject({
    name: Text(200, { minLength: 1 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  }),
  response: {
    201: { ...Advisor, headers: CreatedHeaders('advisor') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 409, 422),
  },
};

export const listAdvisorsSchema = {
  operationId: 'listAdvisors',
  tags: ['advisors'],
  summary: "List the tenant's advisors",
  querystring: StrictObject({ ...PageQuery }),
  response: { 200: PageOf(Advisor, 'A page of advisors'), ...problems(...COMMON_PROBLEMS) },
};

export const getAdvisorSchema = {
  operationId: 'getAdvisor',
  tags: ['advisors'],
  summary: 'Read an advisor',
  params: IdParams,
  response: { 200: { ...Advisor, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

const AssignmentParams = StrictObject({ id: Id, studentId: Id });

export const assignStudentSchema = {
  operationId: 'assignStudentToAdvisor',
  tags: ['advisors'],
  summary: "Put a student in the advisor's cohort (idempotent)",
  params: AssignmentParams,
  response: { 204: Type.Null({ description: 'Assigned' }), ...problems(...COMMON_PROBLEMS, 404) },
};

export const unassignStudentSchema = {
  operationId: 'unassignStudentFromAdvisor',
  tags: ['advisors'],
  summary: "Take a student out of the advisor's cohort",
  params: AssignmentParams,
  response: { 204: Type.Null({ description: 'Unassigned' }), ...problems(...COMMON_PROBLEMS, 404) },
};
