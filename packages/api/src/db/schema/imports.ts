import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** What a file brings in: a student's contacts, or the career centre's roster of students. */
export const IMPORT_KINDS = ['contacts', 'roster'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * previewing → previewed (the dry run classified every row) → committing → completed;
 * `cancelled` by the caller at any point before completion (rows already committed stay).
 */
export const IMPORT_STATES = ['previewing', 'previewed', 'committing', 'completed', 'cancelled'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/**
 * A row's class: the preview sets new / duplicate / unchanged / invalid (roster: new / update /
 * unchanged / invalid, and `missing` for a student of the tenant absent from a full sync); the
 * commit turns new into created, duplicate or update into merged (or unchanged when the contact
 * meanwhile has it all), and a row the service refuses into refused.
 */
export const IMPORT_ROW_STATUSES = [
  'pending',
  'new',
  'duplicate',
  'update',
  'unchanged',
  'invalid',
  'missing',
  'created',
  'merged',
  'refused',
] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** The batch's choices, fixed at upload. */
export interface ImportOptions {
  format: string;
  /** Contacts: the source and "already known" every row gets. */
  source?: string;
  known?: boolean;
  /** Roster: a full sync reports the tenant's students missing from the file. */
  mode?: 'upsert' | 'full';
}

/** What each class counts, kept on the job so progress is one row read. */
export type ImportCounts = Partial<Record<ImportRowStatus, number>>;

/**
 * A durable import, done in batches by the same kind of runner as the re-evaluations
 * (`FOR UPDATE SKIP LOCKED` per batch, `after_seq` where the next batch starts): the upload
 * stores the parsed rows, the preview and the commit walk them, and a restart resumes.
 */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ImportKind>().notNull(),
    /** Contacts: whose they become. Roster imports have none. */
    studentId: uuid('student_id').references(() => students.id, { onDelete: 'cascade' }),
    options: jsonb('options').$type<ImportOptions>().notNull(),
    state: text('state').$type<ImportState>().notNull().default('previewing'),
    /** Rows stored at upload (the file's records, a bad one included). */
    total: integer('total').notNull(),
    /** Rows the current phase has been through. */
    done: integer('done').notNull().default(0),
    afterSeq: integer('after_seq').notNull().default(0),
    counts: jsonb('counts').$type<ImportCounts>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    previewedAt: timestamptz('previewed_at'),
    commitRequestedAt: timestamptz('commit_requested_at'),
    finishedAt: timestamptz('finished_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('imports_tenant_idx').on(t.tenantId, t.createdAt),
    index('imports_claim_idx').on(t.state, t.updatedAt),
  ],
);

/**
 * One record of an uploaded file: its line, what was parsed (or why not), and the class the
 * preview and the commit gave it. Deleted with its import.
 */
export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    /** 1, 2, … in file order. */
    seq: integer('seq').notNull(),
    /** The file's line where the record starts; null for a `missing` student. */
    line: integer('line'),
    fields: jsonb('fields').$type<Record<string, string | null>>(),
    /** The person's keys (contacts: normalised email and profile URL; roster: the external id). */
    key1: text('key1'),
    key2: text('key2'),
    status: text('status').$type<ImportRowStatus>().notNull().default('pending'),
    /** The existing (or, after commit, created) contact or student this row is about. */
    targetId: uuid('target_id'),
    /** A duplicate of an earlier row of the same file: that row's seq. */
    sameAsSeq: integer('same_as_seq'),
    /** What a duplicate or update would change (field → new value). */
    changes: jsonb('changes').$type<Record<string, string | null>>(),
    reason: text('reason'),
    code: text('code'),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.seq] }),
    index('import_rows_key1_idx').on(t.importId, t.key1),
    index('import_rows_key2_idx').on(t.importId, t.key2),
  ],
);

export type ImportRow = typeof imports.$inferSelect;
export type ImportRecordRow = typeof importRows.$inferSelect;
