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

/**
 * Why a record's text cannot be stored, if it cannot: bytes that were not UTF-8 (decoded as
 * U+FFFD) or a NUL, which PostgreSQL's text refuses.
 */
export function unreadableText(fields: Record<string, string | null>): string | null {
  for (const value of Object.values(fields)) {
    if (value === null) continue;
    if (value.includes('\uFFFD')) return 'the text is not valid UTF-8';
    if (value.includes('\u0000')) return 'the text contains a NUL character';
  }
  return null;
}
