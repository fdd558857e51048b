import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';

/** A CSV record as csv-parse read it: its fields and the line it starts on. */
export interface CsvRecord {
  line: number;
  values: string[];
}

/** A record csv-parse could not read (an unclosed quote, say): where, and why. */
export interface CsvSkip {
  line: number;
  error: string;
}

/**
 * The records of a CSV stream, one at a time (csv-parse's streaming parser: the file is never
 * held whole). A UTF-8 BOM is dropped, CRLF and LF both end a record, bad UTF-8 becomes U+FFFD,
 * and a malformed record is yielded as a skip instead of ending the file.
 */
export async function* csvRecords(source: Readable): AsyncGenerator<CsvRecord | CsvSkip> {
  const skipped: CsvSkip[] = [];
  const parser = parse({
    bom: true,
    encoding: 'utf8',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, error: `the line is not valid CSV (${error.code})` });
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    // The parser reports a skip as it reads, ahead of records still buffered: keep file order.
    const line = firstLineOf(info.lines, record);
    while (skipped.length > 0 && skipped[0]!.line < line) yield skipped.shift()!;
    yield { line, values: record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/**
 * csv-parse reports the line a record ends on; a quoted field may span several, and it counts
 * each CR and each LF inside one as a line break.
 */
function firstLineOf(endLine: number, values: string[]): number {
  let breaks = 0;
  for (const value of values)
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 10 || c === 13) breaks += 1;
    }
  return Math.max(1, endLine - breaks);
}
