import { CONTACT_SOURCES } from '@infoview/core';
import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { IfMatchOptional, IfMatchRequired } from '../../http/if-match.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';

const Source = StringEnum(CONTACT_SOURCES, {
  description: 'Where the student found the contact (guide: "Finding People")',
});

export const Contact = Type.Object(
  {
    id: Id,
    studentId: Id,
    name: Type.String(),
    organization: Nullable(Type.String()),
    title: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    profileUrl: Nullable(Type.String()),
    source: Source,
    known: Type.Boolean({
      description: 'Whether the student already knows the person (drives the first channel)',
    }),
    referrerContactId: Nullable(Id),
    foundVia: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Contact', description: 'A professional the student may interview' },
);

const contactFields = {
  name: Text(200, { minLength: 1 }),
  organization: Type.Optional(Nullable(Text(200))),
  title: Type.Optional(Nullable(Text(200))),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()./ -]{3,40}$' }))),
  profileUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2048 }))),
  source: Source,
  known: Type.Optional(Type.Boolean()),
  referrerContactId: Type.Optional(Nullable(Id)),
  foundVia: Type.Optional(
    Nullable(Text(1000, { description: 'How the student found the name, in their words' })),
  ),
};

const ETagHeader = {
  etag: { type: 'string', description: 'The contact version: "<id>:<version>"; send it as If-Match' },
};

export const createContactSchema = {
  operationId: 'createContact',
  tags: ['contacts'],
  summary: "Add a contact to a student's network (duplicates are refused)",
  body: StrictObject({ studentId: Id, ...contactFields }),
  response: {
    201: { ...Contact, headers: CreatedHeaders('contact') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 422),
  },
};

export const listContactsSchema = {
  operationId: 'listContacts',
  tags: ['contacts'],
  summary: 'List the contacts the caller may see',
  querystring: StrictObject({
    ...PageQuery,
    studentId: Type.Optional(Id),
    source: Type.Optional(Source),
    organization: Type.Optional(Text(200)),
    known: Type.Optional(Type.Boolean()),
  }),
  response: { 200: PageOf(Contact, 'A page of contacts'), ...problems(...COMMON_PROBLEMS) },
};

export const getContactSchema = {
  operationId: 'getContact',
  tags: ['contacts'],
  summary: 'Read a contact',
  params: IdParams,
  response: { 200: { ...Contact, headers: ETagHeader }, ...problems(...COMMON_PROBLEMS, 404) },
};

export const updateContactSchema = {
  operationId: 'updateContact',
  tags: ['contacts'],
  summary: 'Change a contact: a JSON Merge Patch, fields left out stay (If-Match required)',
  description:
    'The body is a JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` or ' +
    '`application/json`: the fields sent change, `null` removes a field that may be empty ' +
    '(`organization`, `email`, …), the fields left out stay as they are.',
  params: IdParams,
  headers: IfMatchRequired('contact'),
  body: StrictObject({
    name: Type.Optional(contactFields.name),
    organization: contactFields.organization,
    title: contactFields.title,
    email: contactFields.email,
    phone: contactFields.phone,
    profileUrl: contactFields.profileUrl,
    source: Type.Optional(Source),
    known: contactFields.known,
    referrerContactId: contactFields.referrerContactId,
    foundVia: contactFields.foundVia,
  }),
  response: {
    200: { ...Contact, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 412, 422, 428),
  },
};

export const deleteContactSchema = {
  operationId: 'deleteContact',
  tags: ['contacts'],
  summary: 'Delete a contact (If-Match honoured when sent)',
  params: IdParams,
  headers: IfMatchOptional('contact'),
  response: { 204: Type.Null({ description: 'Deleted' }), ...problems(...COMMON_PROBLEMS, 404, 412) },
};
