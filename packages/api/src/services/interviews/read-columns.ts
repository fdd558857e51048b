import { DrizzleQueryError, fillPlaceholders, getTableColumns, is } from 'drizzle-orm';
import type { PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type { Db } from '../../db/client.js';
import { type InterviewFacts, type InterviewRow, interviews } from '../../db/schema/interviews.js';
import { isoOfTimestamptz } from '../../lib/iso-time.js';
import { type InterviewView, presentInterviewRecord } from './present.js';

/**
 * The hot reads (one interview, a page of them) present rows straight from the driver's values.
 * drizzle's row mapping walks every column of every row through its generic decoders and makes a
 * Date of each instant, which the view then turns back into text; here each value the view needs
 * is read by its position, and instants go from PostgreSQL's text to ISO text directly.
 */

/** The columns of `select()` from interviews, in the order drizzle writes them into the SQL. */
const COLUMNS = Object.keys(getTableColumns(interviews)) as (keyof InterviewRow)[];
const position = (name: keyof InterviewRow): number => {
  const at = COLUMNS.indexOf(name);
  if (at < 0) throw new Error(`interviews has no column ${name}`);
  return at;
};
const ID = position('id');
const STUDENT_ID = position('studentId');
const CONTACT_ID = position('contactId');
const STATE = position('state');
const TOPICS = position('topics');
const FACTS = position('facts');
const EVENT_COUNT = position('eventCount');
const LAST_EVENT_AT = position('lastEventAt');
const VERSION = position('version');
const CREATED_AT = position('createdAt');
const UPDATED_AT = position('updatedAt');

// What drizzle's column decoders do with a value the driver did not already convert.
const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const integer = (value: unknown): number =>
  typeof value === 'string' ? Number.parseInt(value, 10) : (value as number);
const instant = (value: unknown): string => isoOfTimestamptz(value as string | Date);

/** The id of a row of `select()` from interviews, as the driver returned it. */
export const interviewIdOf = (values: unknown[]): string => values[ID] as string;

/** {@link presentInterview} of a row of `select()` from interviews, as the driver returned it. */
export function presentInterviewColumns(values: unknown[]): InterviewView {
  const lastEventAt = values[LAST_EVENT_AT];
  return presentInterviewRecord({
    id: values[ID] as string,
    studentId: values[STUDENT_ID] as string,
    contactId: values[CONTACT_ID] as string,
    state: values[STATE] as InterviewRow['state'],
    topics: json<InterviewRow['topics']>(values[TOPICS]),
    facts: json<InterviewFacts>(values[FACTS]),
    eventCount: integer(values[EVENT_COUNT]),
    lastEventAt: lastEventAt === null ? null : instant(lastEventAt),
    version: integer(values[VERSION]),
    createdAt: instant(values[CREATED_AT]),
    updatedAt: instant(values[UPDATED_AT]),
  });
}

/** A prepared read whose rows are the driver's values, in column order. */
export interface ColumnsStatement {
  execute(values: Record<string, unknown>): Promise<unknown[][]>;
}

/**
 * Prepares the query drizzle built, unchanged (same text, same placeholders), to return each row
 * as an array of column values. On PostgreSQL it runs as drizzle runs a named prepared statement
 * (logged, `prepare: true`, a failure wrapped in DrizzleQueryError) minus the promise layers of
 * its tracing and cache hooks, which cost more than the query's own work on a one-row read.
 * Elsewhere (PGlite) it is drizzle's prepared query with a pass-through row mapper.
 */
export function prepareColumns(
  db: Db,
  query: { toSQL(): { sql: string; params: unknown[] } },
  name: string,
): ColumnsStatement {
  const { sql: text, params } = query.toSQL();
  const session = db._.session;
  if (is(session, PostgresJsSession)) {
    const { client, logger } = session;
    return {
      async execute(values) {
        const filled = fillPlaceholders(params, values);
        logger.logQuery(text, filled);
        try {
          return await client.unsafe<unknown[][]>(text, filled as never[], { prepare: true }).values();
        } catch (error) {
          throw new DrizzleQueryError(text, filled, error as Error);
        }
      },
    };
  }
  return session.prepareQuery<PreparedQueryConfig & { execute: unknown[][] }>(
    { sql: text, params },
    undefined,
    name,
    true,
    (rows) => rows,
  );
}
