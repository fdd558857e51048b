import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { IfMatchRequired } from '../../http/if-match.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, Text, Timestamp } from '../../http/schemas.js';
import { Policy } from '../policies/schemas.js';

const profileFields = {
  firstName: Text(100),
  lastName: Text(100),
  school: Text(200),
  program: Text(200),
  graduationYear: Type.Integer({ minimum: 1900, maximum: 2200 }),
  background: Text(2000),
  interests: Text(2000),
};

export const StudentProfile = StrictObject(
  {
    firstName: Type.Optional(profileFields.firstName),
    lastName: Type.Optional(profileFields.lastName),
    school: Type.Optional(profileFields.school),
    program: Type.Optional(profileFields.program),
    graduationYear: Type.Optional(profileFields.graduationYear),
    background: Type.Optional(profileFields.background),
    interests: Type.Optional(profileFields.interests),
  },
  { description: 'What message templates may say about the student' },
);

/** The profile in a JSON Merge Patch: the fields sent change, `null` removes one, the rest stay. */
const StudentProfilePatch = StrictObject(
  {
    firstName: Type.Optional(Nullable(profileFields.firstName)),
    lastName: Type.Optional(Nullable(profileFields.lastName)),
    school: Type.Optional(Nullable(profileFields.school)),
    program: Type.Optional(Nullable(profileFields.program)),
    graduationYear: Type.Optional(Nullable(profileFields.graduationYear)),
    background: Type.Optional(Nullable(profileFields.background)),
    interests: Type.Optional(Nullable(profileFields.interests)),
  },
  { description: 'Changes to the profile: the fields sent change, `null` removes one, the others stay' },
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
const IfMatchHeaders = IfMatchRequired('student');

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
    201: { ...Student, headers: CreatedHeaders('student') },
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
  summary: 'Change a student: a JSON Merge Patch, fields left out stay (If-Match required)',
  description:
    'The body is a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` or ' +
    '`application/json`: the fields sent change, `null` removes a field (`email`, a `profile` field, ' +
    'or the whole `profile`), the fields left out stay as they are.',
  params: IdParams,
  headers: IfMatchHeaders,
  body: StrictObject({
    name: Type.Optional(Text(200, { minLength: 1 })),
    email: Type.Optional(Nullable(Email)),
    timeZone: Type.Optional(TimeZone),
    profile: Type.Optional(Nullable(StudentProfilePatch)),
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
