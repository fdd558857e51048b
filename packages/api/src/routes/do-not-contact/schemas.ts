import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, StrictObject, StringEnum, Timestamp } from '../../http/schemas.js';

/** A professional named by one identity, as contacts carry them (matched after normalising). */
const ProfessionalBody = (description: string) =>
  StrictObject(
    {
      email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
      profileUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    },
    { description },
  );

export const DoNotContactEntry = Type.Object(
  {
    id: Id,
    kind: StringEnum(['email', 'profile_url'], { description: 'Which identity the entry matches' }),
    reason: StringEnum(['requested', 'erased'], {
      description: 'requested: an admin added it; erased: the professional was erased',
    }),
    createdAt: Timestamp,
  },
  {
    $id: 'DoNotContactEntry',
    description:
      'A professional who asked not to be contacted. Only a keyed hash of the normalised email or URL is kept, so it is never shown back',
  },
);

export const addDoNotContactSchema = {
  operationId: 'addDoNotContact',
  tags: ['do-not-contact'],
  summary:
    'Put a professional on the do-not-contact list (admin; by exactly one email or profile URL; 200 with the existing entry when already listed)',
  body: ProfessionalBody('Exactly one of email or profileUrl'),
  response: {
    200: DoNotContactEntry,
    201: {
      ...DoNotContactEntry,
      headers: {
        location: { type: 'string', description: 'The URL of the new entry (DELETE it to remove)' },
        etag: { type: 'string', description: 'Names this representation of the new entry' },
      },
    },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 422),
  },
};

export const listDoNotContactSchema = {
  operationId: 'listDoNotContact',
  tags: ['do-not-contact'],
  summary: "The tenant's do-not-contact list (admin): ids, kinds and reasons, never the values",
  querystring: StrictObject({ ...PageQuery }),
  response: {
    200: PageOf(DoNotContactEntry, 'A page of do-not-contact entries'),
    ...problems(...COMMON_PROBLEMS),
  },
};

export const removeDoNotContactSchema = {
  operationId: 'removeDoNotContact',
  tags: ['do-not-contact'],
  summary: 'Take an entry off the do-not-contact list (admin)',
  params: IdParams,
  response: { 204: Type.Null({ description: 'Removed' }), ...problems(...COMMON_PROBLEMS, 404) },
};

export const ProfessionalErasure = Type.Object(
  {
    id: Id,
    at: Timestamp,
    requestedBy: { ...Id, description: 'The API key that asked' },
    counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
      description:
        'How many records of each kind were erased or redacted, and how many do-not-contact entries were added',
    }),
  },
  {
    $id: 'ProfessionalErasure',
    description:
      "The audit entry of a professional's erasure: who asked, when, how many records; no personal data",
  },
);

export const eraseProfessionalSchema = {
  operationId: 'eraseProfessional',
  tags: ['do-not-contact'],
  summary:
    "Erase a professional from every student's contacts and put them on the do-not-contact list (admin; by exactly one email or profile URL)",
  body: ProfessionalBody('Exactly one of email or profileUrl'),
  response: {
    201: {
      ...ProfessionalErasure,
      headers: {
        location: { type: 'string', description: 'The audit entry: /professional-erasures/{id}' },
        etag: { type: 'string', description: 'Names this representation of the audit entry' },
      },
    },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 422),
  },
};
