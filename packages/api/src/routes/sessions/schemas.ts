import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';
import { SESSION_COMPONENT_NAMES } from '../../services/sessions/components.js';
import { MAX_SESSION_TTL_MINUTES } from '../../services/sessions/create.js';
import { SESSION_KINDS } from '../../services/sessions/kinds.js';

const sessionProperties = {
  id: Id,
  kind: StringEnum(SESSION_KINDS, { description: 'Whom the session acts for' }),
  studentId: Nullable(Id),
  advisorId: Nullable(Id),
  components: Type.Array(StringEnum(SESSION_COMPONENT_NAMES), {
    description: 'The components the session may drive',
  }),
  expiresAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  createdAt: Timestamp,
};

export const Session = Type.Object(sessionProperties, {
  description: 'A browser session (never its client secret)',
});

export const CreatedSession = Type.Object(
  {
    ...sessionProperties,
    clientSecret: Type.String({
      description: 'The bearer token for the browser (`iv_sess_…`). Shown this once; hand it to the page',
    }),
  },
  { description: 'The new session, with its client secret' },
);

export const CreateSessionBody = StrictObject({
  studentExternalId: Type.Optional(
    Text(255, { minLength: 1, description: "The student's externalId (the portal's own id)" }),
  ),
  studentId: Type.Optional(Id),
  advisorId: Type.Optional(Id),
  components: Type.Array(StringEnum(SESSION_COMPONENT_NAMES), {
    minItems: 1,
    maxItems: SESSION_COMPONENT_NAMES.length,
    uniqueItems: true,
    description: 'The components the page embeds; the session reaches only the operations they use',
  }),
  ttlMinutes: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_SESSION_TTL_MINUTES,
      description: "Minutes until it expires; default the tenant's sessions.ttlMinutes",
    }),
  ),
});

export const createSessionSchema = {
  operationId: 'createSession',
  tags: ['sessions'],
  summary: 'Mint a browser session for one student or advisor (its client secret is shown once)',
  description:
    'Server side only (admin or integration key). Name exactly one of `studentExternalId`, `studentId` or ' +
    '`advisorId`. The session acts as that student or advisor would with their own key, only for the ' +
    'operations its components use, until `expiresAt`. See docs/embedding.md.',
  body: CreateSessionBody,
  response: {
    201: { ...CreatedSession, headers: CreatedHeaders('session') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 422),
  },
};

export const getCurrentSessionSchema = {
  operationId: 'getCurrentSession',
  tags: ['sessions'],
  summary: 'The browser session making this request: its subject, components and expiry',
  response: { 200: Session, ...problems(...COMMON_PROBLEMS) },
};

export const revokeSessionSchema = {
  operationId: 'revokeSession',
  tags: ['sessions'],
  summary: 'Revoke a browser session at once',
  params: IdParams,
  response: { 204: Type.Null({ description: 'Revoked' }), ...problems(...COMMON_PROBLEMS, 404) },
};
