import type { Db } from '../db/client.js';

/**
 * Prepared statements built once per database and name: on PostgreSQL a named prepared statement
 * (one round trip, no query building per request), on PGlite a query built once. A statement
 * belongs to the database (or transaction) it was prepared on, hence one set per `Db`.
 */
export function preparedStatements<T>() {
  const byDb = new WeakMap<Db, Map<string, T>>();
  return (db: Db, name: string, build: () => T): T => {
    let statements = byDb.get(db);
    if (!statements) {
      statements = new Map();
      byDb.set(db, statements);
    }
    let statement = statements.get(name);
    if (!statement) {
      statement = build();
      statements.set(name, statement);
    }
    return statement;
  };
}
