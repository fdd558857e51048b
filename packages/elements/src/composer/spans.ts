/** What a span-bearing finding needs for its span to follow the text as it is edited. */
export interface Span {
  field: 'subject' | 'body';
  start: number;
  end: number;
}

/**
 * Moves the spans of one field from the text `before` to the text `after` (one edit: the common
 * prefix and suffix are kept). Spans after the edit shift by its length; a span the edit touches
 * is dropped until the next lint marks it again, so a stale mark never sits on the wrong words.
 */
export function shiftSpans<T extends Span>(
  findings: readonly T[],
  field: Span['field'],
  before: string,
  after: string,
): T[] {
  if (before === after) return [...findings];
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  const editEnd = before.length - suffix;
  const delta = after.length - before.length;
  const out: T[] = [];
  for (const f of findings) {
    // Other fields, and "absent part" findings (an empty span at 0) stay as they are.
    if (f.field !== field || (f.start === 0 && f.end === 0)) out.push(f);
    else if (f.end <= prefix) out.push(f);
    else if (f.start >= editEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

/** One run of a field's text: plain, or covered by the findings at these indexes. */
export interface Segment {
  text: string;
  marks: number[];
}

/** Cuts a field's text into runs at every span edge (overlapping spans give runs with several marks). */
export function segmentsOf(text: string, spans: readonly (Span & { index: number })[]): Segment[] {
  const edges = new Set([0, text.length]);
  for (const s of spans) {
    if (s.end > s.start) {
      edges.add(Math.min(s.start, text.length));
      edges.add(Math.min(s.end, text.length));
    }
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    if (to <= from) continue;
    const marks = spans.filter((s) => s.start <= from && s.end >= to && s.end > s.start).map((s) => s.index);
    segments.push({ text: text.slice(from, to), marks });
  }
  return segments;
}
