/** A date and time in the reader's locale and zone, e.g. "Tue, Mar 3, 10:00 AM". */
export function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The value a `datetime-local` input takes for an instant, in the reader's zone. */
export function toLocalInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An instant a week from now, on the hour: a sensible default meeting time. */
export function aWeekFromNow(now = new Date()): Date {
  const at = new Date(now.getTime() + 7 * 86_400_000);
  at.setMinutes(0, 0, 0);
  return at;
}
