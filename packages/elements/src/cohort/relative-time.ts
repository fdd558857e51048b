const DAY = 86_400_000;

// One formatter for the page: building an Intl formatter costs more than formatting, and a
// cohort of hundreds formats two instants per student.
let format: Intl.RelativeTimeFormat | undefined;

/** "today", "3 days ago", "2 months ago": how long ago an instant was, in the reader's locale. */
export function formatAgo(iso: string, now = Date.now()): string {
  format ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const days = Math.floor((now - Date.parse(iso)) / DAY);
  if (days < 1) return format.format(0, 'day');
  if (days < 60) return format.format(-days, 'day');
  return format.format(-Math.floor(days / 30), 'month');
}
