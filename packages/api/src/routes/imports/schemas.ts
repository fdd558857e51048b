import { CONTACT_SOURCES } from '@infoview/core';
import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StringEnum, Timestamp } from '../../http/schemas.js';
import { CONTACT_FORMATS, ROSTER_FORMATS } from '../../services/imports/formats/index.js';
import { IMPORT_ROW_STATUSES, IMPORT_STATES } from '../../services/imports/present.js';

/** The content types an upload may carry; the format is named in the query, not guessed. */
export const UPLOAD_CONTENT_TYPES = [
  'text/csv',
  'text/vcard',
  'text/x-vcard',
  'text/directory',
  'application/x-ndjson',
  'application/jsonl',
  'text/plain',
  'application/octet-stream',
];

const File = Type.String({ format: 'binary', description: 'The file, streamed' });
const UploadBody = {
  content: Object.fromEntries(UPLOAD_CONTENT_TYPES.map((type) => [type, { schema: File }])),
};

const Counts = Type.Record(Type.String(), Type.Integer(), {
  description:
    'Rows per class: new, duplicate, unchanged, invalid (preview); created, merged, refused (commit); missing (full roster sync)',
});

export const Import = Type.Object(
  {
    id: Id,
    kind: StringEnum(['contacts', 'roster']),
    studentId: Nullable(Id),
    options: Type.Object({
      format: Type.String(),
      source: Type.Optional(Type.String()),
      known: Type.Optional(Type.Boolean()),
      mode: Type.Optional(StringEnum(['upsert', 'full'])),
    }),
    state: StringEnum([...IMPORT_STATES]),
    total: Type.Integer({ description: "The file's records, a bad one included" }),
    done: Type.Integer({ description: 'Records the current phase (preview, then commit) has been through' }),
    percent: Type.Integer({
      minimum: 0,
      maximum: 100,
      description: 'Of the current phase; 100 once previewed or completed',
    }),
    counts: Counts,
    createdAt: Timestamp,
    previewedAt: Nullable(Timestamp),
    finishedAt: Nullable(Timestamp),
  },
  {
    $id: 'Import',
    description: 'An import: uploaded, previewed in the background, then committed in the background',
  },
);

const ImportRecord = Type.Object(
  {
    seq: Type.Integer({ description: "The record's place in the file, from 1" }),
    line: Nullable(Type.Integer({ description: 'The line the record starts on' })),
    status: StringEnum([...IMPORT_ROW_STATUSES]),
    fields: Nullable(Type.Record(Type.String(), Nullable(Type.String()))),
    targetId: Nullable(Id),
    sameAsSeq: Nullable(Type.Integer()),
    changes: Nullable(Type.Record(Type.String(), Nullable(Type.String()))),
    reason: Nullable(Type.String()),
    code: Nullable(Type.String()),
  },
  {
    $id: 'ImportRecord',
    description: "One record of the file and its class (the preview's or the commit's)",
  },
);

/** An accepted upload or commit points at its progress. */
const ProgressHeaders = {
  location: { type: 'string', description: 'The import: GET it for the progress' },
};

export const startContactImportSchema = {
  operationId: 'startContactImport',
  tags: ['imports', 'contacts'],
  summary: "Upload a contacts file (LinkedIn Connections.csv, vCard, CSV) for a student's preview",
  params: IdParams,
  querystring: Type.Object(
    {
      format: StringEnum([...CONTACT_FORMATS], {
        description: 'linkedin: Connections.csv; vcard: 2.1/3.0/4.0; csv: with `mapping`',
      }),
      source: Type.Optional(
        StringEnum(CONTACT_SOURCES, {
          description: "Every row's source; LinkedIn defaults to online_network, others to other",
        }),
      ),
      known: Type.Optional(
        Type.Boolean({
          description: 'Whether the student already knows these people (the channel rule); default false',
        }),
      ),
      mapping: Type.Optional(
        Type.String({
          maxLength: 4000,
          description:
            'csv: JSON object of contact field → column header, e.g. {"name":"Full name","email":"E-mail"}',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  body: UploadBody,
  response: {
    202: { ...Import, headers: ProgressHeaders },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404),
  },
};

export const startRosterImportSchema = {
  operationId: 'startRosterImport',
  tags: ['imports', 'students'],
  summary:
    'Upload a roster of students (CSV or JSON lines) for a preview of the bulk upsert (admin, integration)',
  querystring: Type.Object(
    {
      format: StringEnum([...ROSTER_FORMATS]),
      mode: Type.Optional(
        StringEnum(['upsert', 'full'], {
          description: 'full: also report the students missing from the file (never deleted)',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  body: UploadBody,
  response: {
    202: { ...Import, headers: ProgressHeaders },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS),
  },
};

export const getImportSchema = {
  operationId: 'getImport',
  tags: ['imports'],
  summary: "An import's progress: state, counts and percent",
  params: IdParams,
  response: { 200: Import, ...problems(...COMMON_PROBLEMS, 404) },
};

export const listImportRowsSchema = {
  operationId: 'listImportRows',
  tags: ['imports'],
  summary: 'The preview (or the outcome) record by record, in file order',
  params: IdParams,
  querystring: Type.Object(
    { ...PageQuery, status: Type.Optional(StringEnum([...IMPORT_ROW_STATUSES])) },
    { additionalProperties: false },
  ),
  response: { 200: PageOf(ImportRecord, 'A page of records'), ...problems(...COMMON_PROBLEMS, 404) },
};

export const commitImportSchema = {
  operationId: 'commitImport',
  tags: ['imports'],
  summary: 'Commit a previewed import (runs in the background; again returns it as it is)',
  params: IdParams,
  response: { 202: { ...Import, headers: ProgressHeaders }, ...problems(...COMMON_PROBLEMS, 404, 409) },
};

export const cancelImportSchema = {
  operationId: 'cancelImport',
  tags: ['imports'],
  summary: 'Cancel an import before it completes (rows already committed stay)',
  params: IdParams,
  response: { 200: Import, ...problems(...COMMON_PROBLEMS, 404, 409) },
};
