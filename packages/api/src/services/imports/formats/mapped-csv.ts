import type { Readable } from 'node:stream';
import { csvRecords } from './csv-records.js';
import { clean, type ParsedRecord } from './record.js';

/** Which header of the file holds each field (`{ "name": "Full name", "email": "E-mail" }`). */
export type ColumnMapping = Record<string, string>;

/**
 * Any CSV whose first record is a header: each field is read from the column the mapping names
 * (matched without regard to case or surrounding spaces). A mapped column the header lacks is
 * reported once, on the header's line, and every record is read without it.
 */
export async function* mappedCsvRecords(
  source: Readable,
  mapping: ColumnMapping,
): AsyncGenerator<ParsedRecord> {
  let columns: Map<string, number> | null = null;
  for await (const record of csvRecords(source)) {
    if ('error' in record) {
      yield { line: record.line, fields: null, error: record.error };
      continue;
    }
    if (!columns) {
      const header = new Map(record.values.map((v, i) => [v.trim().toLowerCase(), i]));
      columns = new Map();
      const absent: string[] = [];
      for (const [field, column] of Object.entries(mapping)) {
        const index = header.get(column.trim().toLowerCase());
        if (index === undefined) absent.push(`"${column}"`);
        else columns.set(field, index);
      }
      if (absent.length > 0)
        yield { line: record.line, fields: null, error: `the header has no column ${absent.join(', ')}` };
      continue;
    }
    const fields: Record<string, string | null> = {};
    for (const field of Object.keys(mapping)) fields[field] = clean(record.values[columns.get(field) ?? -1]);
    yield { line: record.line, fields, error: null };
  }
}
