import { CHANNELS, MESSAGE_KINDS } from '@infoview/core';
import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';
import { SENT_STEP_KINDS } from '../../services/messages/record-sent.js';
import { action } from '../interviews/schemas.js';

const Kind = StringEnum(MESSAGE_KINDS);

const Finding = Type.Object(
  {
    ruleId: Type.String(),
    check: Type.String(),
    severity: StringEnum(['error', 'warning', 'hint'] as const),
    field: StringEnum(['subject', 'body'] as const),
    start: Type.Integer(),
    end: Type.Integer(),
    message: Type.String(),
    fix: Type.Optional(
      Type.Object({ replacement: Type.String() }, { description: 'A replacement for the span' }),
    ),
    ruleSummary: Type.Optional(Type.String({ description: 'What the rule asks, in one sentence' })),
    passage: Type.Optional(Type.String({ description: "The guide's words behind the rule" })),
  },
  { additionalProperties: true, description: 'One lint finding: the rule, a severity and the text span' },
);

export const Message = Type.Object(
  {
    id: Id,
    studentId: Id,
    interviewId: Nullable(Id),
    kind: Kind,
    subject: Nullable(Type.String()),
    body: Type.String(),
    sentAt: Timestamp,
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'Message' },
);

export const renderMessageSchema = {
  operationId: 'renderMessage',
  tags: ['messages'],
  summary: 'Fill the template of a message kind for an interview',
  body: StrictObject({
    kind: Kind,
    interviewId: Id,
    update: Type.Optional(Text(1000, { description: 'Keep-in-touch news in the student’s words' })),
  }),
  response: {
    200: Type.Object({ kind: Kind, interviewId: Id, subject: Type.String(), body: Type.String() }),
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 422),
  },
};

export const lintMessageSchema = {
  operationId: 'lintMessage',
  tags: ['messages'],
  summary: "Check a draft against the guide's rules",
  body: StrictObject({
    kind: Kind,
    subject: Type.Optional(Text(500)),
    body: Text(20_000),
    interviewId: Type.Optional(Id),
    sentAt: Type.Optional(Timestamp),
    channel: Type.Optional(StringEnum(CHANNELS)),
    suggestions: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3,
        description:
          'How many misspellings get a suggested fix (default 3); 0 is the quick check a client runs as the student types',
      }),
    ),
  }),
  response: {
    200: Type.Object({ findings: Type.Array(Finding) }),
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404),
  },
};

export const recordMessageSchema = {
  operationId: 'recordMessage',
  tags: ['messages'],
  summary: 'Record a message as sent (does not record an attempt: call /interviews/{id}/attempts)',
  body: StrictObject({
    kind: Kind,
    subject: Type.Optional(Nullable(Text(500))),
    body: Text(20_000, { minLength: 1 }),
    sentAt: Type.Optional(Timestamp),
    interviewId: Type.Optional(Id),
    studentId: Type.Optional(Id),
  }),
  response: {
    201: { ...Message, headers: CreatedHeaders('message') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 422),
  },
};

export const getMessageSchema = {
  operationId: 'getMessage',
  tags: ['messages'],
  summary: 'Read a recorded message',
  params: IdParams,
  response: {
    200: {
      ...Message,
      headers: { etag: { type: 'string', description: 'The message version: "<id>:<version>"' } },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

export const recordSentMessageSchema = action(
  'recordSentMessage',
  'The student sent this message: record it and its lifecycle step (the attempt, or the thank-you) in one step',
  StrictObject({
    kind: StringEnum(SENT_STEP_KINDS),
    subject: Type.Optional(Nullable(Text(500))),
    body: Text(20_000, { minLength: 1 }),
    channel: Type.Optional(StringEnum(CHANNELS, { description: 'For an attempt; default email' })),
    at: Type.Optional(Timestamp),
  }),
  { message: Message },
);
