/** One record of an uploaded file: the line it starts on and its fields, or why it could not be read. */
export interface ParsedRecord {
  line: number;
  fields: Record<string, string | null> | null;
  error: string | null;
}

/** A value as stored: trimmed, empty as null. */
export const clean = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Why a record's text cannot be stored, if it cannot: bytes that were not UTF-8 (decoded as
 * U+FFFD) or a NUL, which PostgreSQL's text refuses.
 */
export function unreadableText(fields: Record<string, string | null>): string | null {
  for (const value of Object.values(fields)) {
    if (value === null) continue;
    if (value.includes('\uFFFD') || LONE_SURROGATE.test(value)) return 'the text is not valid UTF-8';
    if (value.includes('\u0000')) return 'the text contains a NUL character';
  }
  return null;
}

/**
 * Text PostgreSQL can store whatever the file held: a NUL or a lone surrogate (from a JSON
 * escape) becomes U+FFFD, so a bad record is kept, and shown, as the invalid row it is.
 */
export function storable(value: string): string {
  return value.replace(LONE_SURROGATES, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

export function storableFields(
  fields: Record<string, string | null> | null,
): Record<string, string | null> | null {
  if (!fields) return null;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null ? null : storable(v)]));
}
