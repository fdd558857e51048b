/** A word of a text and where it is (UTF-16 offsets). */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** A span of a text. */
export interface Span {
  start: number;
  end: number;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>()]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|edu|net|io|gov|co|uk|ca)\b(?:\/[^\s<>()]*)?/gi;

/** Every word (letters, with inner apostrophes) of `text`. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** Spans of `pattern` (a global regex) in `text`. */
export function spansOf(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern))
    spans.push({ start: match.index, end: match.index + match[0].length });
  return spans;
}

/** Emails and URLs: not words to spell-check. */
export function addressSpans(text: string): Span[] {
  return [...spansOf(text, EMAIL), ...spansOf(text, URL)];
}

/** Whether `span` overlaps any of `spans`. */
export function overlaps(span: Span, spans: readonly Span[]): boolean {
  return spans.some((other) => span.start < other.end && other.start < span.end);
}

/** Sentences of `text` (a line break also ends one), trimmed, with offsets. */
export function sentencesOf(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /[.!?]+(?=\s|$)|\n/g;
  let start = 0;
  const push = (end: number): void => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (trimmed) spans.push({ start: start + lead, end: start + lead + trimmed.length });
  };
  for (const match of text.matchAll(boundary)) {
    const end = match.index + (match[0] === '\n' ? 0 : match[0].length);
    push(end);
    start = match.index + match[0].length;
  }
  push(text.length);
  return spans;
}

const GREETING = /^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b[^\n]*(?:\n|$)/i;

/** Offset where the message proper starts: after a greeting line such as "Dear Ms. Chen,". */
export function afterGreeting(text: string): number {
  const match = GREETING.exec(text);
  return match ? match[0].length : 0;
}

const STOPWORDS = new Set(
  (
    'the and for that with this from your you are was were have has had about into how what when where which who ' +
    'why will would could should can may might not but also very more most much many some any all our their them ' +
    "they its it’s it's his her she him out get got use using used one two than then there here just only even " +
    'really such well being been did does doing make made like learn learned learning especially helpful thank thanks'
  ).split(' '),
);

/** A rough stem: lower case, common English endings removed. */
export function stem(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 4) return lower.slice(0, -suffix.length);
  }
  return lower;
}

/** Content-word stems of a text: no stopwords, nothing under three letters. */
export function contentStems(text: string): string[] {
  return wordsOf(text)
    .map((word) => word.text.toLowerCase())
    .filter((word) => word.length >= 3 && !STOPWORDS.has(word))
    .map(stem);
}
