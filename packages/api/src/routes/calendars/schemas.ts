import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, StrictObject, Timestamp } from '../../http/schemas.js';

/** An iCalendar object (RFC 5545) as a response body. */
export const CALENDAR_BODY = {
  description: 'An iCalendar object (RFC 5545)',
  content: { 'text/calendar': { schema: { type: 'string' } } },
};

export const getMeetingIcsSchema = {
  operationId: 'getMeetingIcs',
  tags: ['network'],
  summary: 'A meeting as an iCalendar event (its id is its interview id)',
  description:
    'UID stays the same when the meeting moves and SEQUENCE grows; a called-off meeting is METHOD:CANCEL with STATUS:CANCELLED. Instants are UTC.',
  params: IdParams,
  response: { 200: CALENDAR_BODY, ...problems(...COMMON_PROBLEMS, 404) },
};

export const CalendarFeed = Type.Object(
  {
    id: Id,
    studentId: Id,
    token: Type.String({ description: 'The feed token, shown this once (only its hash is kept)' }),
    path: Type.String({ description: 'Where calendar apps subscribe: the API origin + this path' }),
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { $id: 'CalendarFeed', description: "A student's calendar subscription, as created" },
);

const StudentParams = StrictObject({ id: Id });

export const createCalendarFeedSchema = {
  operationId: 'createCalendarFeed',
  tags: ['students'],
  summary: "Create the student's calendar subscription feed (revokes the one before)",
  params: StudentParams,
  response: {
    201: { ...CalendarFeed, headers: CreatedHeaders('calendar feed') },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

export const revokeCalendarFeedSchema = {
  operationId: 'revokeCalendarFeed',
  tags: ['students'],
  summary: "Revoke the student's calendar subscription feed at once",
  params: StudentParams,
  response: { 204: Type.Null({ description: 'Revoked' }), ...problems(...COMMON_PROBLEMS, 404) },
};

export const calendarFeedSchema = {
  operationId: 'getCalendarFeed',
  tags: ['students'],
  summary: "A student's calendar feed: meetings and task due times (no credentials: the token is one)",
  security: [],
  // No key, but limited per client address: the document gives it the RateLimit headers (swagger.ts).
  'x-rate-limited': true,
  params: StrictObject({
    token: Type.String({ pattern: '^iv_cal_[A-Za-z0-9_-]{40}\\.ics$', description: 'The feed token + .ics' }),
  }),
  response: { 200: CALENDAR_BODY, ...problems(404, 429, 500) },
};
