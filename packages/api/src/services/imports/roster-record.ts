import { isIanaTimeZone } from '../students/time-zone.js';
import type { CheckedRecord } from './contact-record.js';
import { type ParsedRecord, unreadableText } from './formats/record.js';

export const ROSTER_FIELDS = ['name', 'email', 'timeZone'] as const;

/** A roster record's verdict: an external id, a name, a known time zone. */
export function checkRosterRecord(record: ParsedRecord): CheckedRecord {
  const fields = record.fields;
  if (!fields) return { fields: null, key1: null, key2: null, invalid: record.error ?? 'unreadable' };
  const fail = (invalid: string) => ({ fields, key1: null, key2: null, invalid });
  const bad = unreadableText(fields);
  if (bad) return fail(bad);
  if (!fields.externalId) return fail('the record has no externalId');
  if (fields.externalId.length > 200) return fail('externalId is longer than 200 characters');
  if (fields.name && fields.name.length > 200) return fail('name is longer than 200 characters');
  if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email))
    return fail(`email "${fields.email}" is not an address`);
  if (fields.timeZone && !isIanaTimeZone(fields.timeZone))
    return fail(`timeZone "${fields.timeZone}" is not an IANA time zone`);
  return { fields, key1: fields.externalId, key2: null, invalid: null };
}
