import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linkedinRecords } from '../../src/services/imports/formats/linkedin.js';
import { mappedCsvRecords } from '../../src/services/imports/formats/mapped-csv.js';
import type { ParsedRecord } from '../../src/services/imports/formats/record.js';
import { rosterCsvRecords, rosterNdjsonRecords } from '../../src/services/imports/formats/roster.js';
import { decodeQuotedPrintable, vcardRecords } from '../../src/services/imports/formats/vcard.js';

const fixture = (name: string) => createReadStream(new URL(`../fixtures/imports/${name}`, import.meta.url));
const bytes = (...chunks: (string | Buffer)[]) =>
  Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

async function all(records: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

describe('LinkedIn Connections.csv', () => {
  it('skips the notes preamble and reads every connection with the line it is on', async () => {
    const records = await all(linkedinRecords(fixture('linkedin-connections.csv')));
    expect(records).toHaveLength(6);
    expect(records[0]).toEqual({
      line: 5,
      error: null,
      fields: {
        name: 'Amara Okafor',
        email: 'amara.okafor@example.org',
        profileUrl: 'https://www.linkedin.com/in/amara-okafor-12a3b4',
        organization: 'Northwind Health',
        title: 'Clinical Data Analyst',
        connectedOn: '14 Mar 2024',
      },
    });
    expect(records[1]!.fields).toMatchObject({
      name: 'José Álvarez',
      email: null,
      organization: 'Contoso, Ltd.',
    });
    expect(records[2]!.fields).toMatchObject({ title: 'Director, Product' });
    expect(records[3]!.fields!.name).toBeNull();
    expect(records.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('reports a file without the header instead of reading nothing silently', async () => {
    const records = await all(linkedinRecords(bytes('just,some\nother,file\n')));
    expect(records).toHaveLength(1);
    expect(records[0]!.error).toMatch(/no header row/);
  });

  it('keeps reading after a malformed record, and splits the input anywhere', async () => {
    const text = 'First Name,Last Name,URL\n"A,B,C\nAda,Lovelace,x\n';
    const chunks = [...text].map((c) => c);
    const records = await all(linkedinRecords(bytes(...chunks)));
    expect(records.some((r) => r.error)).toBe(true);
  });

  it('reads a BOM, CRLF and bad UTF-8 without throwing', async () => {
    const records = await all(
      linkedinRecords(
        bytes(
          Buffer.from([0xef, 0xbb, 0xbf]),
          'First Name,Last Name\r\n',
          Buffer.from([0xff, 0xfe, 0x41]),
          ',X\r\n',
        ),
      ),
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.fields!.name).toContain('\uFFFD');
  });
});

describe('a CSV with a column mapping', () => {
  it('reads the mapped columns whatever their case and order', async () => {
    const records = await all(
      mappedCsvRecords(bytes('E-Mail,Full Name,Employer\nx@example.com,Ann Lee,Acme\n'), {
        name: 'full name',
        email: 'e-mail',
        organization: 'EMPLOYER',
      }),
    );
    expect(records).toEqual([
      { line: 2, error: null, fields: { name: 'Ann Lee', email: 'x@example.com', organization: 'Acme' } },
    ]);
  });

  it('names a mapped column the header lacks', async () => {
    const records = await all(mappedCsvRecords(bytes('a,b\n1,2\n'), { name: 'Name' }));
    expect(records[0]!.error).toMatch(/no column "Name"/);
  });
});

describe('vCard', () => {
  it('reads a Google export: escaped URL, folded lines, a card without a name', async () => {
    const records = await all(vcardRecords(fixture('google-contacts.vcf')));
    expect(records.map((r) => r.line)).toEqual([1, 14, 20]);
    expect(records[0]!.fields).toEqual({
      name: 'Grace Hopper',
      email: 'grace.hopper@example.navy.mil',
      phone: '+1 202 555 0101',
      organization: 'US Navy',
      title: 'Rear Admiral',
      profileUrl: 'https://www.linkedin.com/in/grace-hopper',
    });
    expect(records[2]!.fields!.name).toBeNull();
  });

  it('reads an Apple export: grouped properties, the preferred email, the LinkedIn social profile', async () => {
    const records = await all(vcardRecords(fixture('apple-contacts.vcf')));
    expect(records).toHaveLength(2);
    expect(records[0]!.fields).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      organization: 'Analytical Engines Ltd',
      profileUrl: 'https://www.linkedin.com/in/adalovelace',
    });
  });

  it('decodes an Outlook 2.1 card in quoted-printable with a soft line break', async () => {
    const [record] = await all(vcardRecords(fixture('outlook-contacts.vcf')));
    expect(record!.fields).toMatchObject({
      name: 'Zoë Brünhilde, Chef de projet à la société',
      email: 'zoe@example.com',
      organization: 'Litware',
    });
  });

  it('reads 4.0 (tel: URIs, PREF) and reports a card that is never closed', async () => {
    const records = await all(vcardRecords(fixture('vcard4.vcf')));
    expect(records[0]!.fields).toMatchObject({ name: 'Katherine Johnson', phone: '+1-555-555-0199' });
    expect(records[1]).toMatchObject({ line: 8, fields: null, error: 'the card has no END:VCARD' });
  });

  it('unfolds a line split across chunks anywhere', async () => {
    const text = 'BEGIN:VCARD\r\nFN:Ver\r\n y Long Name\r\nEND:VCARD\r\n';
    const records = await all(vcardRecords(bytes(...[...text])));
    expect(records[0]!.fields!.name).toBe('Very Long Name');
  });

  it('decodes quoted-printable in the charset it names', () => {
    expect(decodeQuotedPrintable('caf=E9', 'iso-8859-1')).toBe('café');
    expect(decodeQuotedPrintable('caf=C3=A9')).toBe('café');
  });
});

describe('rosters', () => {
  it('reads a CSV by its header names and JSON lines, a bad line reported', async () => {
    const csv = await all(
      rosterCsvRecords(bytes('Student ID,Full Name,Email,Time Zone\ns1,Ann,a@x.edu,UTC\n')),
    );
    expect(csv[0]!.fields).toEqual({ externalId: 's1', name: 'Ann', email: 'a@x.edu', timeZone: 'UTC' });
    const lines = await all(rosterNdjsonRecords(bytes('{"externalId":7,"name":"Bo"}\n\nnot json\n[1]\n')));
    expect(lines.map((r) => [r.line, r.error])).toEqual([
      [1, null],
      [3, 'the line is not JSON'],
      [4, 'the line is not a JSON object'],
    ]);
    expect(lines[0]!.fields).toMatchObject({ externalId: '7', name: 'Bo' });
  });
});
