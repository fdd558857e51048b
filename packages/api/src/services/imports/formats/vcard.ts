import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { clean, type ParsedRecord } from './record.js';

/** One content line of a card after unfolding: `group.NAME;PARAM=…:value`. */
interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/**
 * vCard 2.1, 3.0 and 4.0 (RFC 2425/6350; Google, Apple and Outlook exports), read a line at a
 * time with node:readline: folded lines (a leading space or tab) are joined, quoted-printable
 * values (with their soft line breaks) decoded, several cards per file each become one record.
 * Written here rather than taken from a package because the maintained ones (vcard4, ical.js)
 * parse a whole string in memory and vcard4 reads only 4.0; this keeps one card in memory.
 */
export async function* vcardRecords(source: Readable): AsyncGenerator<ParsedRecord> {
  source.setEncoding('utf8');
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  // readline ends quietly when its input fails (a file over the size limit): say why.
  let failure: Error | undefined;
  source.on('error', (error) => {
    failure = error;
    lines.close();
  });
  let card: { line: number; properties: Property[] } | null = null;
  let pending: { line: number; text: string } | null = null;
  let lineNo = 0;

  const flush = function* (): Generator<ParsedRecord> {
    if (!pending) return;
    const { line, text } = pending;
    pending = null;
    const property = parseProperty(text);
    if (!property) {
      if (card) card.properties.push({ name: '#INVALID', params: new Map(), value: String(line) });
      return;
    }
    if (property.name === 'BEGIN' && property.value.toUpperCase() === 'VCARD') {
      if (card) yield { line: card.line, fields: null, error: 'the card has no END:VCARD' };
      card = { line, properties: [] };
    } else if (property.name === 'END' && property.value.toUpperCase() === 'VCARD') {
      if (card) yield toRecord(card.line, card.properties);
      card = null;
    } else if (card) {
      card.properties.push(property);
    }
  };

  for await (const raw of lines) {
    if (failure) break;
    lineNo += 1;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (pending && (text.startsWith(' ') || text.startsWith('\t'))) {
      pending.text += text.slice(1);
      continue;
    }
    // Quoted-printable's soft line break: a value ending in `=` continues on the next line.
    if (pending && /;(ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(pending.text) && pending.text.endsWith('=')) {
      pending.text = pending.text.slice(0, -1) + text;
      continue;
    }
    yield* flush();
    if (text.trim() === '') continue;
    pending = { line: lineNo, text };
  }
  if (failure) throw failure;
  yield* flush();
  // `card` is reassigned inside flush; TypeScript cannot see that through the generator.
  const open = card as { line: number } | null;
  if (open) yield { line: open.line, fields: null, error: 'the card has no END:VCARD' };
}

function parseProperty(text: string): Property | null {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [head, ...paramTexts] = splitOutsideQuotes(text.slice(0, colon), ';');
  const name = head!.replace(/^[^.]*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const param of paramTexts) {
    const eq = param.indexOf('=');
    // vCard 2.1 writes bare types (`TEL;CELL;VOICE:`) and a bare encoding.
    const key = (
      eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|8BIT)$/i.test(param) ? 'ENCODING' : 'TYPE') : param.slice(0, eq)
    ).toUpperCase();
    const values = (eq < 0 ? param : param.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = text.slice(colon + 1);
  if (params.get('ENCODING')?.some((e) => e.toUpperCase() === 'QUOTED-PRINTABLE'))
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0]);
  return { name, params, value };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `=C3=A9` → é, in the card's charset (UTF-8 unless it says otherwise and Node knows it). */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(Uint8Array.from(bytes));
}

/** A text value's escapes (RFC 6350 §3.4): `\,` `\;` `\\` and `\n`. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\,;:nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A structured value's components (`N`, `ORG`): split on unescaped `;`. */
function components(value: string): string[] {
  return value.split(/(?<!\\);/).map(unescapeText);
}

const PROFILE_HOSTS = /linkedin\.com|xing\.com|github\.com/i;

function toRecord(line: number, properties: Property[]): ParsedRecord {
  const invalid = properties.find((p) => p.name === '#INVALID');
  if (invalid) return { line, fields: null, error: `line ${invalid.value} is not a vCard property` };
  const first = (name: string) => properties.find((p) => p.name === name);
  const preferred = (name: string) => {
    const all = properties.filter((p) => p.name === name && p.value.trim() !== '');
    return (
      all.find((p) => (p.params.get('TYPE') ?? []).some((t) => t.toLowerCase() === 'pref')) ??
      all.find((p) => p.params.has('PREF')) ??
      all[0]
    );
  };
  let name = clean(unescapeText(first('FN')?.value ?? ''));
  if (!name) {
    const n = first('N');
    if (n) {
      const [family, given, additional, prefix, suffix] = components(n.value);
      name = clean([prefix, given, additional, family, suffix].filter((s) => s?.trim()).join(' '));
    }
  }
  const org = first('ORG');
  const tel = preferred('TEL')?.value.replace(/^tel:/i, '');
  const urls = [
    ...properties.filter((p) => p.name === 'X-SOCIALPROFILE'),
    ...properties.filter((p) => p.name === 'URL'),
  ].map((p) => unescapeText(p.value.trim()));
  const profileUrl = urls.find((u) => PROFILE_HOSTS.test(u)) ?? urls[0];
  return {
    line,
    fields: {
      name,
      email: clean(unescapeText(preferred('EMAIL')?.value ?? '').replace(/^mailto:/i, '')),
      phone: clean(unescapeText(tel ?? '')),
      organization: clean(org ? components(org.value)[0] : ''),
      title: clean(unescapeText(first('TITLE')?.value ?? '')),
      profileUrl: clean(profileUrl ?? ''),
    },
    error: null,
  };
}
