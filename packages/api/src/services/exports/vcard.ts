import type { ContactRow } from '../../db/schema/contacts.js';

/** RFC 6350 §3.4: backslash, comma, semicolon and newlines of a TEXT value are escaped. */
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');

/** RFC 6350 §3.2: lines longer than 75 octets fold (CRLF + space), never inside a UTF-8 character. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // The first line may hold 75 octets; continuation lines 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basicUtc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** One contact as a vCard 4.0; the contact's id is its UID, so a re-import can match it. */
export function contactVcard(row: ContactRow): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${row.id}`, `FN:${text(row.name)}`];
  if (row.organization) lines.push(`ORG:${text(row.organization)}`);
  if (row.title) lines.push(`TITLE:${text(row.title)}`);
  if (row.email) lines.push(`EMAIL:${text(row.email)}`);
  if (row.phone) lines.push(`TEL;VALUE=text:${text(row.phone)}`);
  if (row.profileUrl) lines.push(`URL:${row.profileUrl}`);
  if (row.foundVia) lines.push(`NOTE:${text(row.foundVia)}`);
  lines.push(`REV:${basicUtc(row.updatedAt)}`, 'END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
