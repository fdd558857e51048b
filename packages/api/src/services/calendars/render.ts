import type { ICalCalendar } from 'ical-generator';

const LINE_OCTETS = 74;

/**
 * RFC 5545 §3.1 line folding: no line longer than 75 octets, a continuation starts with a space.
 * The same folds ical-generator makes, without its TextEncoder per character (which made a feed
 * of 1,000 events take 1.8 s): lines of ASCII are cut by length, others by each character's octets.
 */
export function foldLine(line: string): string {
  if (line.length <= LINE_OCTETS && Buffer.byteLength(line) === line.length) return line;
  if (Buffer.byteLength(line) === line.length) {
    let folded = line.slice(0, LINE_OCTETS);
    for (let i = LINE_OCTETS; i < line.length; i += LINE_OCTETS)
      folded += `\r\n ${line.slice(i, i + LINE_OCTETS)}`;
    return folded;
  }
  let folded = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    octets += size;
    if (octets > LINE_OCTETS) {
      folded += '\r\n ';
      octets = size;
    }
    folded += char;
  }
  return folded;
}

/**
 * The calendar as text: ical-generator writes the calendar and every event; the events' lines are
 * folded here ({@link foldLine}) rather than by the calendar's own `toString`.
 */
export function renderCalendar(calendar: ICalCalendar): string {
  const events = calendar.events();
  const body = events.map((event) => event.toString()).join('');
  calendar.clear();
  const shell = calendar.toString();
  const end = shell.lastIndexOf('END:VCALENDAR');
  return shell.slice(0, end) + body.split('\r\n').map(foldLine).join('\r\n') + shell.slice(end);
}
