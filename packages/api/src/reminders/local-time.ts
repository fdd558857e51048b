/** One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // IANA has a few hundred zones; the bound only guards against a flood of odd inputs.
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(timeZone, format);
  }
  return format;
}

/** Recent answers by zone and minute: a burst of reminders shares a handful of due minutes. */
const recent = new Map<string, string>();

/** `2025-03-14T09:00` as the wall clock shows it in `timeZone` (what a student reads). */
export function localDateTime(at: Date, timeZone: string): string {
  const key = `${timeZone} ${Math.floor(at.getTime() / 60_000)}`;
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const text = format(at, timeZone);
  if (recent.size >= 10_000) recent.clear();
  recent.set(key, text);
  return text;
}

function format(at: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(at);
  let year = '0000';
  let month = '00';
  let day = '00';
  let hour = '00';
  let minute = '00';
  for (const part of parts) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
    else if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return `${year}-${month}-${day}T${hour}:${minute}`;
}
