import { DURATION_UNITS, PRESET_NAMES, REMINDER_ANCHORS } from '@infoview/core';
import { Type } from 'typebox';
import { IfMatchRequired } from '../../http/if-match.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, Nullable, StringEnum, Timestamp } from '../../http/schemas.js';
import { Reevaluation } from '../reevaluations/schemas.js';

const PolicyFields = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'Policy keys (followUpAfter, moveOnAfter, quietHours, …); see docs/rules.md for each key and its default',
  },
);

const Duration = Type.Object({ amount: Type.Integer(), unit: StringEnum(DURATION_UNITS) });
const Enforcement = StringEnum(['warn', 'refuse'] as const);

/** The policy in force, as core's `Policy` (new keys from core still pass through). */
export const Policy = Type.Object(
  {
    preset: StringEnum(PRESET_NAMES),
    followUpAfter: Duration,
    moveOnAfter: Duration,
    maxUnsolicitedAttempts: Type.Integer(),
    secondContactAfter: Nullable(Duration),
    prepDueBefore: Duration,
    minReferralQuestions: Type.Integer(),
    meetingMinMinutes: Type.Integer(),
    meetingMaxMinutes: Type.Integer(),
    notesDueAfter: Duration,
    thankYouDueAfter: Duration,
    thankYouMinPoints: Type.Integer(),
    thankYouMaxPoints: Type.Integer(),
    reportBackDueAfter: Duration,
    keepInTouchEvery: Duration,
    milestoneNotifyDueAfter: Duration,
    outreachMaxWords: Nullable(Type.Integer()),
    outreachConnectionFirst: Type.Boolean(),
    outreachNoJobMention: Type.Boolean(),
    channelEnforcement: Enforcement,
    professionalCap: Nullable(
      Type.Object({ maxRequests: Type.Integer(), periodDays: Type.Integer(), enforcement: Enforcement }),
    ),
    weekend: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
    holidays: Type.Array(Type.String({ format: 'date' })),
    quietHours: Nullable(Type.Object({ start: Type.String(), end: Type.String() })),
    disabledRules: Type.Array(Type.String()),
    customRules: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          title: Type.String(),
          description: Type.Optional(Type.String()),
          anchor: StringEnum(REMINDER_ANCHORS),
          offset: Duration,
          states: Type.Array(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    studentOverridable: Type.Array(Type.String()),
  },
  {
    $id: 'Policy',
    additionalProperties: true,
    description: 'The policy in force; see docs/rules.md for what each key drives',
  },
);

export const PolicyDocument = Type.Object(
  {
    id: Id,
    input: PolicyFields,
    policy: Policy,
    version: Type.Integer({ description: '0 until the tenant first replaces its policy' }),
    updatedAt: Nullable(Timestamp),
  },
  {
    $id: 'PolicyDocument',
    description: "The tenant's policy: what it chose (`input`) and what is in force (`policy`)",
  },
);

const ETagHeader = { etag: { type: 'string', description: 'The policy version: "<tenant id>:<version>"' } };

export const getPolicySchema = {
  operationId: 'getPolicy',
  tags: ['tenant'],
  summary: "The tenant's policy in force",
  response: { 200: { ...PolicyDocument, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS) },
};

export const replacePolicySchema = {
  operationId: 'replacePolicy',
  tags: ['tenant'],
  summary: 'Replace the policy or choose a preset (admin; If-Match required)',
  headers: IfMatchRequired('policy'),
  body: Type.Object(
    { preset: Type.Optional(StringEnum(PRESET_NAMES)) },
    {
      additionalProperties: true,
      maxProperties: 64,
      description: 'A preset plus the keys to change; validated as a whole',
    },
  ),
  response: {
    200: {
      ...Type.Object(
        {
          ...PolicyDocument.properties,
          reevaluation: {
            ...Reevaluation,
            description:
              'The re-evaluation of every student this change queued; follow it with `GET /reevaluations/{id}` (the `Location` header names it too)',
          },
        },
        {
          description:
            "The tenant's policy: what it chose (`input`) and what is in force (`policy`), and the re-evaluation the change queued",
        },
      ),
      headers: {
        ...ETagHeader,
        location: {
          type: 'string',
          description: 'The re-evaluation this change queued: `/reevaluations/{id}`',
        },
      },
    },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 412, 422, 428),
  },
};
