import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { csvRecords } from './csv-records.js';
import { clean, type ParsedRecord } from './record.js';

const ROSTER_FIELDS = ['externalId', 'name', 'email', 'timeZone'] as const;

/** The header names each roster field is read from (case, spaces, `-` and `_` ignored). */
const ALIASES: Record<(typeof ROSTER_FIELDS)[number], string[]> = {
  externalId: ['externalid', 'id', 'studentid'],
  name: ['name', 'fullname'],
  email: ['email', 'emailaddress'],
  timeZone: ['timezone', 'tz'],
};

const squash = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** A roster as CSV: a header row naming externalId, name, email and timeZone (any order). */
export async function* rosterCsvRecords(source: Readable): AsyncGenerator<ParsedRecord> {
  let columns: Map<string, number> | null = null;
  for await (const record of csvRecords(source)) {
    if ('error' in record) {
      yield { line: record.line, fields: null, error: record.error };
      continue;
    }
    if (!columns) {
      const header = record.values.map(squash);
      columns = new Map();
      for (const field of ROSTER_FIELDS) {
        const index = header.findIndex((h) => ALIASES[field].includes(h));
        if (index >= 0) columns.set(field, index);
      }
      if (!columns.has('externalId'))
        yield { line: record.line, fields: null, error: 'the header has no externalId column' };
      continue;
    }
    const fields: Record<string, string | null> = {};
    for (const field of ROSTER_FIELDS)
      fields[field] = columns.has(field) ? clean(record.values[columns.get(field)!]) : null;
    yield { line: record.line, fields, error: null };
  }
}

/** A roster as JSON lines: one object per line with externalId, name, email, timeZone. */
export async function* rosterNdjsonRecords(source: Readable): AsyncGenerator<ParsedRecord> {
  source.setEncoding('utf8');
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  // readline ends quietly when its input fails (a file over the size limit): say why.
  let failure: Error | undefined;
  source.on('error', (error) => {
    failure = error;
    lines.close();
  });
  let line = 0;
  for await (const raw of lines) {
    if (failure) break;
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, fields: null, error: 'the line is not JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, fields: null, error: 'the line is not a JSON object' };
      continue;
    }
    const object = value as Record<string, unknown>;
    const fields: Record<string, string | null> = {};
    for (const field of ROSTER_FIELDS) {
      const v = object[field];
      fields[field] = typeof v === 'number' ? String(v) : clean(v);
    }
    yield { line, fields, error: null };
  }
  if (failure) throw failure;
}
