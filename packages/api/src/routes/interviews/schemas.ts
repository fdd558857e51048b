import { PREP_ITEMS } from '@infoview/core';
import { type TProperties, type TSchema, Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { IfMatchRequired } from '../../http/if-match.js';
import { instantOptions } from '../../http/instant.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';
import {
  ChannelSchema,
  Interview,
  InterviewStateSchema,
  TimelineEvent,
  TopicSchema,
} from '../../services/interviews/present.js';

const State = InterviewStateSchema;
const Channel = ChannelSchema;
const Topic = TopicSchema;

export { Interview, TimelineEvent };

export const Warning = Type.Object(
  {
    code: Type.String({ description: 'A stable warning code, e.g. follow_up.early (docs/lifecycle.md)' }),
    ruleId: Type.String(),
    message: Type.String(),
    interviewId: Type.Optional(Type.String()),
    policy: Type.Optional(Type.Object({}, { additionalProperties: true })),
    passage: Type.Optional(Type.String()),
    nextAskAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'outreach.professional_cap_reached: when the professional can next be asked',
      }),
    ),
  },
  { $id: 'Warning', description: 'Advice on an accepted action; never blocks' },
);

const ActionResult = (extra: TProperties) =>
  Type.Object(
    { interview: Interview, event: TimelineEvent, warnings: Type.Array(Warning), ...extra },
    { description: 'The interview after the action, the new timeline entry and any warnings' },
  );

const ETagHeader = {
  etag: { type: 'string', description: 'The interview version: "<id>:<version>"; send it as If-Match' },
};

const IfMatch = IfMatchRequired('interview');

const At = Type.Optional(
  Type.String({
    ...instantOptions(),
    description: 'When it happened; defaults to now. Not before the last timeline entry.',
  }),
);

export const createInterviewSchema = {
  operationId: 'createInterview',
  tags: ['interviews'],
  summary: 'Start an interview with a contact (one not-closed interview per contact)',
  body: StrictObject({ contactId: Id, topics: Type.Optional(Type.Array(Topic, { maxItems: 5 })) }),
  response: {
    201: { ...Interview, headers: CreatedHeaders('interview') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409),
  },
};

export const listInterviewsSchema = {
  operationId: 'listInterviews',
  tags: ['interviews'],
  summary: 'List the interviews the caller may see',
  querystring: StrictObject({
    ...PageQuery,
    studentId: Type.Optional(Id),
    contactId: Type.Optional(Id),
    state: Type.Optional(State),
  }),
  response: { 200: PageOf(Interview, 'A page of interviews'), ...problems(...COMMON_PROBLEMS) },
};

export const getInterviewSchema = {
  operationId: 'getInterview',
  tags: ['interviews'],
  summary: 'Read an interview',
  params: IdParams,
  response: { 200: { ...Interview, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

export const listTimelineSchema = {
  operationId: 'listInterviewTimeline',
  tags: ['interviews'],
  summary: "The interview's timeline, oldest first",
  params: IdParams,
  querystring: StrictObject({ ...PageQuery }),
  response: {
    200: PageOf(TimelineEvent, 'A page of timeline entries'),
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

const MeetingInput = {
  at: Timestamp,
  durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  location: Type.Optional(Nullable(Text(500))),
};

export function action<B extends TSchema>(
  operationId: string,
  summary: string,
  body: B,
  extra: TProperties = {},
) {
  return {
    operationId,
    tags: ['interviews'],
    summary: `${summary} (If-Match required)`,
    params: IdParams,
    headers: IfMatch,
    body,
    response: {
      200: { ...ActionResult(extra), headers: ETagHeader },
      ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 412, 422, 428),
    },
  };
}

export const recordAttemptSchema = action(
  'recordAttempt',
  'Record an outreach attempt: the outreach, or a follow-up after it',
  StrictObject({ channel: Channel, at: At }),
);
export const recordReplySchema = action(
  'recordReply',
  'Record the contact’s reply (accepted, optionally with the meeting, or declined)',
  StrictObject({
    response: StringEnum(['accepted', 'declined'] as const),
    meeting: Type.Optional(StrictObject(MeetingInput)),
    at: At,
  }),
);
export const scheduleMeetingSchema = action(
  'scheduleMeeting',
  'Set or move the meeting (`at` is the meeting’s start)',
  StrictObject(MeetingInput),
);
export const cancelMeetingSchema = action(
  'cancelMeeting',
  'The meeting will not happen (cancelled, or a no-show)',
  StrictObject({ reason: StringEnum(['cancelled', 'no_show'] as const), at: At }),
);
export const completeInterviewSchema = action(
  'completeInterview',
  'The meeting took place',
  StrictObject({
    at: At,
    actualMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    invitedToStay: Type.Optional(Type.Boolean()),
    businessCardReceived: Type.Optional(Type.Boolean()),
    askedForReferral: Type.Optional(Type.Boolean()),
  }),
);
export const updatePrepSchema = action(
  'updatePrep',
  'Tick or untick items of the preparation checklist',
  StrictObject({
    items: StrictObject(Object.fromEntries(PREP_ITEMS.map((item) => [item, Type.Optional(Type.Boolean())]))),
    at: At,
  }),
);
export const Note = Type.Object(
  {
    id: Id,
    interviewId: Id,
    studentId: Id,
    notes: Type.String(),
    learnedPoints: Type.Array(Type.String()),
    at: Timestamp,
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'Note' },
);
export const recordNotesSchema = action(
  'recordNotes',
  'Write the notes after the meeting, with the points learned',
  StrictObject({
    notes: Text(20_000, { minLength: 1, description: 'Personal data: stored, never logged' }),
    learnedPoints: Type.Optional(Type.Array(Text(500, { minLength: 1 }), { maxItems: 20 })),
    at: At,
  }),
  { note: Note },
);
export const sendThankYouSchema = action('sendThankYou', 'The thank-you went out', StrictObject({ at: At }));
export const Referral = Type.Object(
  {
    id: Id,
    studentId: Id,
    interviewId: Id,
    contactId: Nullable(Id),
    name: Type.String(),
    at: Timestamp,
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'Referral' },
);
export const recordReferralSchema = action(
  'recordReferral',
  'Record a referral: link a contact, or add one with source referral',
  StrictObject({
    name: Text(200, { minLength: 1 }),
    contactId: Type.Optional(Id),
    contact: Type.Optional(
      StrictObject({
        organization: Type.Optional(Nullable(Text(200))),
        title: Type.Optional(Nullable(Text(200))),
        email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
        phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()./ -]{3,40}$' }))),
        profileUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2048 }))),
        known: Type.Optional(Type.Boolean()),
      }),
    ),
    at: At,
  }),
  { referral: Referral, contact: Nullable(Type.Object({ id: Id }, { additionalProperties: true })) },
);
export const recordNoReferralSchema = action(
  'recordNoReferral',
  'The contact had nobody to recommend',
  StrictObject({ at: At }),
);
export const recordOpportunitySchema = action(
  'recordOpportunity',
  'The contact raised a specific job',
  StrictObject({ title: Text(300, { minLength: 1 }), at: At }),
);
export const withdrawInterviewSchema = action(
  'withdrawInterview',
  'The student stops pursuing the interview',
  StrictObject({ reason: Type.Optional(Text(1000)), at: At }),
);

export const listNotesSchema = {
  operationId: 'listInterviewNotes',
  tags: ['interviews'],
  summary: 'The notes written on an interview',
  params: IdParams,
  querystring: StrictObject({ ...PageQuery }),
  response: { 200: PageOf(Note, 'A page of notes'), ...problems(...COMMON_PROBLEMS, 404) },
};

const QuestionFinding = Type.Object(
  {
    ruleId: Type.String(),
    check: Type.String(),
    severity: StringEnum(['error', 'warning', 'hint'] as const),
    index: Nullable(Type.Integer()),
    questionId: Type.Optional(Type.String()),
    start: Type.Integer(),
    end: Type.Integer(),
    message: Type.String(),
    fix: Type.Optional(Type.Object({ replacement: Type.String() }, { additionalProperties: true })),
  },
  { $id: 'QuestionFinding', additionalProperties: true },
);

export const QuestionList = Type.Object(
  {
    interviewId: Id,
    items: Type.Array(
      Type.Object({
        questionId: Nullable(Type.String()),
        text: Type.String(),
        category: Nullable(Type.String()),
        referral: Type.Boolean(),
      }),
    ),
    findings: Type.Array(QuestionFinding),
    passes: Type.Boolean({ description: 'No warning or error: the prep item question_list is ticked' }),
    version: Type.Integer({ description: 'The interview version (the ETag is the interview’s)' }),
  },
  {
    $id: 'QuestionList',
    description: "The interview's ordered question list with the prep.questions findings",
  },
);

export const getQuestionListSchema = {
  operationId: 'getInterviewQuestions',
  tags: ['questions'],
  summary: "An interview's question list, checked",
  params: IdParams,
  response: { 200: { ...QuestionList, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

export const putQuestionListSchema = {
  operationId: 'setInterviewQuestions',
  tags: ['questions'],
  summary: "Replace an interview's question list (If-Match required)",
  params: IdParams,
  headers: IfMatch,
  body: StrictObject({
    items: Type.Array(
      Type.Union([
        StrictObject({ questionId: Text(100, { minLength: 1 }) }),
        StrictObject({ text: Text(300, { minLength: 1 }) }),
      ]),
      { maxItems: 50 },
    ),
  }),
  response: {
    200: { ...QuestionList, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 412, 422, 428),
  },
};
