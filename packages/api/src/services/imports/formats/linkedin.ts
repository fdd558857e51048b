import type { Readable } from 'node:stream';
import { csvRecords } from './csv-records.js';
import { clean, type ParsedRecord } from './record.js';

const HEADER = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];

/**
 * LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data): a notes
 * preamble, a blank line, then the header row. Records before the header are skipped; the
 * columns are found by name, so a reordered or extended export still reads.
 */
export async function* linkedinRecords(source: Readable): AsyncGenerator<ParsedRecord> {
  let columns: Map<string, number> | null = null;
  for await (const record of csvRecords(source)) {
    if ('error' in record) {
      if (columns) yield { line: record.line, fields: null, error: record.error };
      continue;
    }
    if (!columns) {
      const names = record.values.map((v) => v.trim());
      if (names.includes('First Name') && names.includes('Last Name'))
        columns = new Map(names.map((name, i) => [name, i]));
      continue;
    }
    const at = (name: string) => clean(record.values[columns!.get(name) ?? -1]);
    const name = [at('First Name'), at('Last Name')].filter(Boolean).join(' ');
    yield {
      line: record.line,
      fields: {
        name: name || null,
        email: at('Email Address'),
        profileUrl: at('URL'),
        organization: at('Company'),
        title: at('Position'),
        connectedOn: at('Connected On'),
      },
      error: null,
    };
  }
  if (!columns) {
    yield {
      line: 1,
      fields: null,
      error: `no header row with ${HEADER.join(', ')} was found: is this LinkedIn's Connections.csv?`,
    };
  }
}
