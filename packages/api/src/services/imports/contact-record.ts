import { normalizeEmail, normalizeProfileUrl } from '../contacts/normalize.js';
import { type ParsedRecord, unreadableText } from './formats/record.js';

/** The contact fields an import fills, and the API's own length limits for them. */
export const CONTACT_FIELD_LIMITS = {
  name: 200,
  organization: 200,
  title: 200,
  email: 320,
  phone: 50,
  profileUrl: 2048,
} as const;
export type ImportedContactField = keyof typeof CONTACT_FIELD_LIMITS;
export const CONTACT_FIELDS = Object.keys(CONTACT_FIELD_LIMITS) as ImportedContactField[];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the upload stores of a record: its fields, its keys, or why it is invalid. */
export interface CheckedRecord {
  fields: Record<string, string | null> | null;
  key1: string | null;
  key2: string | null;
  invalid: string | null;
}

/** A contact record's verdict before any look-up: a name, an address that is one, the limits. */
export function checkContactRecord(record: ParsedRecord): CheckedRecord {
  const fields = record.fields;
  if (!fields) return { fields: null, key1: null, key2: null, invalid: record.error ?? 'unreadable' };
  const bad = unreadableText(fields);
  const fail = (invalid: string) => ({ fields, key1: null, key2: null, invalid });
  if (bad) return fail(bad);
  if (!fields.name) return fail('the record has no name');
  for (const field of CONTACT_FIELDS) {
    const value = fields[field];
    if (value && value.length > CONTACT_FIELD_LIMITS[field])
      return fail(`${field} is longer than ${CONTACT_FIELD_LIMITS[field]} characters`);
  }
  if (fields.email && !EMAIL.test(fields.email)) return fail(`email "${fields.email}" is not an address`);
  return {
    fields,
    key1: normalizeEmail(fields.email),
    key2: normalizeProfileUrl(fields.profileUrl),
    invalid: null,
  };
}

/** A duplicate's merge: the fields the contact lacks and the record has (never an overwrite). */
export function fillIn(
  existing: Partial<Record<ImportedContactField, string | null>>,
  incoming: Record<string, string | null>,
): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const field of CONTACT_FIELDS) {
    if (field === 'name') continue;
    const value = incoming[field];
    if (value && !existing[field]) changes[field] = value;
  }
  return changes;
}
