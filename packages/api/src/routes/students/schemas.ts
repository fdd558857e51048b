import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, Text, Timestamp } from '../../http/schemas.js';
import { Policy } from '../policy/schemas.js';

export const StudentProfile = StrictObject(
  {
    firstName: Type.Optional(Text(100)),
    lastName: Type.Optional(Text(100)),
    school: Type.Optional(Text(200)),
    program: Type.Optional(Text(200)),
    graduationYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
    background: Type.Optional(Text(2000)),
    interests: Type.Optional(Text(2000)),
  },
  { description: 'What message templates may say about the student' },
);

const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'An IANA time zone, e.g. America/New_York',
});
const ExternalId = Type.String({
  minLength: 1,
  maxLength: 255,
  // It travels in the Infoview-Acting-As header, so only visible ASCII (no spaces or controls).
  pattern: '^[\\x21-\\x7E]+$',
  description: "The portal's id for the student (visible ASCII: it is sent as Infoview-Acting-As)",
});
const Email = Type.String({ format: 'email', maxLength: 320 });

export const Student = Type.Object(
  {
    id: Id,
    externalId: Type.String(),
    name: Type.String(),
    email: Nullable(Type.String()),
    timeZone: Type.String(),
    profile: Type.Object({
      firstName: Type.Optional(Type.String()),
      lastName: Type.Optional(Type.String()),
      school: Type.Optional(Type.String()),
      program: Type.Optional(Type.String()),
      graduationYear: Type.Optional(Type.Integer()),
      background: Type.Optional(Type.String()),
      interests: Type.Optional(Type.String()),
    }),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Student', description: 'A student' },
);

const ETagHeader = {
  etag: { type: 'string', description: 'The student version: "<id>:<version>"; send it as If-Match' },
};
const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 1024, description: 'The ETag you read (required)' })),
});

export const createStudentSchema = {
  operationId: 'createStudent',
  tags: ['students'],
  summary: 'Add a student (admin or integration key)',
  body: StrictObject({
    externalId: ExternalId,
    name: Text(200, { minLength: 1 }),
    email: Type.Optional(Nullable(Email)),
    timeZone: TimeZone,
    profile: Type.Optional(StudentProfile),
  }),
  response: {
    201: { ...Student, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 409, 422),
  },
};

export const listStudentsSchema = {
  operationId: 'listStudents',
  tags: ['students'],
  summary: 'List the students the caller may see',
  querystring: StrictObject({
    ...PageQuery,
    externalId: Type.Optional(ExternalId),
    advisorId: Type.Optional(Id),
  }),
  response: { 200: PageOf(Student, 'A page of students'), ...problems(...COMMON_PROBLEMS) },
};

export const getStudentSchema = {
  operationId: 'getStudent',
  tags: ['students'],
  summary: 'Read a student',
  params: IdParams,
  response: { 200: { ...Student, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

export const updateStudentSchema = {
  operationId: 'updateStudent',
  tags: ['students'],
  summary: 'Change a student (If-Match required)',
  params: IdParams,
  headers: IfMatchHeaders,
  body: StrictObject({
    name: Type.Optional(Text(200, { minLength: 1 })),
    email: Type.Optional(Nullable(Email)),
    timeZone: Type.Optional(TimeZone),
    profile: Type.Optional(StudentProfile),
  }),
  response: {
    200: { ...Student, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 412, 428),
  },
};

const StudentPolicy = Type.Object(
  {
    id: Id,
    override: Type.Object(
      {},
      { additionalProperties: true, description: 'The policy values the student set; `{}` = none' },
    ),
    overridable: Type.Array(Type.String(), {
      description: "The keys the tenant lets students set (its policy's `studentOverridable`)",
    }),
    policy: Policy,
    version: Type.Integer({ description: "The student's version (the override is part of the student)" }),
    updatedAt: Timestamp,
  },
  {
    $id: 'StudentPolicy',
    description:
      "A student's own policy values and the policy in force for them: the tenant's, with the override's allowed keys applied",
  },
);

export const getStudentPolicySchema = {
  operationId: 'getStudentPolicy',
  tags: ['students'],
  summary: "A student's policy override and the policy in force for them",
  params: IdParams,
  response: { 200: { ...StudentPolicy, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

export const replaceStudentPolicySchema = {
  operationId: 'replaceStudentPolicy',
  tags: ['students'],
  summary: "Replace a student's policy override; `{}` clears it (If-Match required)",
  params: IdParams,
  headers: IfMatchHeaders,
  body: Type.Object(
    {},
    {
      additionalProperties: true,
      maxProperties: 64,
      description:
        "Policy keys the tenant's `studentOverridable` lists, with the student's values; validated as for the tenant",
    },
  ),
  response: {
    200: { ...StudentPolicy, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 412, 422, 428),
  },
};
