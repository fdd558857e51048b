import type { ContactRow } from '../../db/schema/contacts.js';

export const CONTACT_CSV_COLUMNS = [
  'id',
  'name',
  'organization',
  'title',
  'email',
  'phone',
  'profileUrl',
  'source',
  'known',
  'foundVia',
  'createdAt',
] as const;

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's advice on CSV injection).
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const contactCsvHeader = () => `${CONTACT_CSV_COLUMNS.join(',')}\r\n`;

export function contactCsvRow(row: ContactRow): string {
  const values: Record<(typeof CONTACT_CSV_COLUMNS)[number], string | null> = {
    id: row.id,
    name: row.name,
    organization: row.organization,
    title: row.title,
    email: row.email,
    phone: row.phone,
    profileUrl: row.profileUrl,
    source: row.source,
    known: String(row.known),
    foundVia: row.foundVia,
    createdAt: row.createdAt.toISOString(),
  };
  return `${CONTACT_CSV_COLUMNS.map((c) => csvField(values[c])).join(',')}\r\n`;
}
