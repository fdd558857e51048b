import { fillPlaceholders, Param, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { interviews } from '../src/db/schema/interviews.js';
import { parameterFiller } from '../src/services/interviews/read-columns.js';

describe('parameterFiller', () => {
  // A placeholder (twice), constants, and a placeholder its column encodes (a Date → ISO text).
  const { params } = new PgDialect().sqlToQuery(
    sql`select ${sql.placeholder('a')}, ${3}, ${'lit'}, ${new Param(sql.placeholder('since'), interviews.createdAt)}, ${sql.placeholder('a')}`,
  );

  it("fills the parameters as drizzle's fillPlaceholders does", () => {
    const values = { a: 'x', since: new Date(Date.UTC(2025, 2, 1, 14, 5)) };
    const filled = parameterFiller(params)(values);
    expect(filled).toEqual(['x', 3, 'lit', '2025-03-01T14:05:00.000Z', 'x']);
    expect(filled).toEqual(fillPlaceholders(params, values));
  });

  it('refuses a missing value with the error drizzle gives', () => {
    const fill = parameterFiller(params);
    expect(() => fill({ a: 'x' })).toThrow('No value for placeholder "since" was provided');
    expect(() => fillPlaceholders(params, { a: 'x' })).toThrow(
      'No value for placeholder "since" was provided',
    );
  });
});
