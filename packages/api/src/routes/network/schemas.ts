import { CHANNELS, MILESTONE_KINDS, TOUCHPOINT_KINDS } from '@infoview/core';
import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { instantOptions } from '../../http/instant.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';
import { Referral } from '../interviews/schemas.js';

const MilestoneKind = StringEnum(MILESTONE_KINDS);
const TouchpointKind = StringEnum(TOUCHPOINT_KINDS);
const Channel = StringEnum(CHANNELS);

export const Milestone = Type.Object(
  {
    id: Id,
    studentId: Id,
    kind: MilestoneKind,
    at: Timestamp,
    description: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'Milestone', description: 'A student outcome the people they spoke with will want to hear about' },
);

export const Touchpoint = Type.Object(
  {
    id: Id,
    studentId: Id,
    contactId: Id,
    kind: TouchpointKind,
    channel: Nullable(Channel),
    at: Timestamp,
    aboutContactId: Nullable(Id),
    milestoneId: Nullable(Id),
    summary: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'Touchpoint', description: 'A later contact with someone already interviewed' },
);

export const Meeting = Type.Object(
  {
    interviewId: Id,
    studentId: Id,
    contactId: Id,
    at: Timestamp,
    endsAt: Timestamp,
    durationMinutes: Type.Integer(),
    location: Nullable(Type.String()),
  },
  { $id: 'Meeting', description: "A scheduled meeting (derived from the interview's lifecycle)" },
);

export const createMilestoneSchema = {
  operationId: 'createMilestone',
  tags: ['network'],
  summary: 'Record a milestone (raises a task to tell every interviewed contact)',
  body: StrictObject({
    studentId: Id,
    kind: MilestoneKind,
    at: Type.Optional(Timestamp),
    description: Type.Optional(Nullable(Text(2000))),
  }),
  response: {
    201: { ...Milestone, headers: CreatedHeaders('milestone') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404),
  },
};

export const getMilestoneSchema = {
  operationId: 'getMilestone',
  tags: ['network'],
  summary: 'Read a milestone',
  params: IdParams,
  response: {
    200: {
      ...Milestone,
      headers: { etag: { type: 'string', description: 'The milestone version: "<id>:<version>"' } },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

export const listMilestonesSchema = {
  operationId: 'listMilestones',
  tags: ['network'],
  summary: 'List milestones',
  querystring: StrictObject({ ...PageQuery, studentId: Type.Optional(Id) }),
  response: { 200: PageOf(Milestone, 'A page of milestones'), ...problems(...COMMON_PROBLEMS) },
};

export const createTouchpointSchema = {
  operationId: 'createTouchpoint',
  tags: ['network'],
  summary: 'Record a touchpoint with a contact (resets keep-in-touch)',
  body: StrictObject({
    contactId: Id,
    kind: TouchpointKind,
    channel: Type.Optional(Nullable(Channel)),
    at: Type.Optional(Timestamp),
    aboutContactId: Type.Optional(Nullable(Id)),
    milestoneId: Type.Optional(Nullable(Id)),
    summary: Type.Optional(Nullable(Text(2000))),
  }),
  response: {
    201: { ...Touchpoint, headers: CreatedHeaders('touchpoint') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 422),
  },
};

export const getTouchpointSchema = {
  operationId: 'getTouchpoint',
  tags: ['network'],
  summary: 'Read a touchpoint',
  params: IdParams,
  response: {
    200: {
      ...Touchpoint,
      headers: { etag: { type: 'string', description: 'The touchpoint version: "<id>:<version>"' } },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

export const listTouchpointsSchema = {
  operationId: 'listTouchpoints',
  tags: ['network'],
  summary: 'List touchpoints (per contact or student)',
  querystring: StrictObject({ ...PageQuery, studentId: Type.Optional(Id), contactId: Type.Optional(Id) }),
  response: { 200: PageOf(Touchpoint, 'A page of touchpoints'), ...problems(...COMMON_PROBLEMS) },
};

export const listReferralsSchema = {
  operationId: 'listReferrals',
  tags: ['network'],
  summary: 'List referrals (per interview or student)',
  querystring: StrictObject({ ...PageQuery, studentId: Type.Optional(Id), interviewId: Type.Optional(Id) }),
  response: { 200: PageOf(Referral, 'A page of referrals'), ...problems(...COMMON_PROBLEMS) },
};

export const listMeetingsSchema = {
  operationId: 'listMeetings',
  tags: ['network'],
  summary: 'Upcoming meetings of the students the caller sees, soonest first',
  querystring: StrictObject({
    ...PageQuery,
    studentId: Type.Optional(Id),
    from: Type.Optional(Type.String({ ...instantOptions(), description: 'Default: now' })),
    to: Type.Optional(Timestamp),
  }),
  response: { 200: PageOf(Meeting, 'A page of meetings'), ...problems(...COMMON_PROBLEMS) },
};
