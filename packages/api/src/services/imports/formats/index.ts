import type { Readable } from 'node:stream';
import { linkedinRecords } from './linkedin.js';
import { type ColumnMapping, mappedCsvRecords } from './mapped-csv.js';
import type { ParsedRecord } from './record.js';
import { rosterCsvRecords, rosterNdjsonRecords } from './roster.js';
import { vcardRecords } from './vcard.js';

export const CONTACT_FORMATS = ['linkedin', 'vcard', 'csv'] as const;
export type ContactFormat = (typeof CONTACT_FORMATS)[number];
export const ROSTER_FORMATS = ['csv', 'ndjson'] as const;
export type RosterFormat = (typeof ROSTER_FORMATS)[number];

/** The records of a contacts file in one of the formats (a CSV needs its column mapping). */
export function contactRecords(format: ContactFormat, source: Readable, mapping?: ColumnMapping) {
  if (format === 'linkedin') return linkedinRecords(source);
  if (format === 'vcard') return vcardRecords(source);
  return mappedCsvRecords(source, mapping ?? {});
}

export function rosterRecords(format: RosterFormat, source: Readable): AsyncGenerator<ParsedRecord> {
  return format === 'ndjson' ? rosterNdjsonRecords(source) : rosterCsvRecords(source);
}
