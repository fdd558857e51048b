/** True when a query failed on a unique constraint (either driver; drizzle wraps the cause). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code } = e as { code?: unknown };
    if (code === '23505') {
      if (!constraint) return true;
      const named =
        (e as { constraint_name?: string; constraint?: string }).constraint_name ??
        (e as { constraint?: string }).constraint;
      return named === undefined || named === constraint;
    }
  }
  return false;
}

/** What may be logged about a failed query: its SQL state and the names of what it hit. */
export interface DatabaseErrorSummary {
  sqlState: string | undefined;
  constraint: string | undefined;
  table: string | undefined;
  column: string | undefined;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The loggable facts of a database error (either driver, through drizzle's wrapper), or undefined
 * when `error` is not one. Never the driver's message or the query's parameters: those carry the
 * row's values (names, notes, learned points).
 */
export function summariseDatabaseError(error: unknown): DatabaseErrorSummary | undefined {
  let found = false;
  const summary: DatabaseErrorSummary = {
    sqlState: undefined,
    constraint: undefined,
    table: undefined,
    column: undefined,
  };
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const fields = e as Record<string, unknown>;
    // drizzle's DrizzleQueryError carries `query` and `params`; a driver error carries a SQLSTATE.
    if ('params' in fields && 'query' in fields) found = true;
    const code = fields.code;
    if (typeof code === 'string' && SQLSTATE.test(code) && ('severity' in fields || 'routine' in fields)) {
      found = true;
      summary.sqlState ??= code;
      summary.constraint ??= str(fields.constraint_name) ?? str(fields.constraint);
      summary.table ??= str(fields.table_name) ?? str(fields.table);
      summary.column ??= str(fields.column_name) ?? str(fields.column);
    }
  }
  return found ? summary : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
