/**
 * Calendar dates (`YYYY-MM-DD`) as the API carries them. "Today" is always passed in by the
 * caller, computed in the user's own timezone, so core never guesses a timezone.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Midnight UTC of a calendar date, in milliseconds; dates compare as strings too. */
export function dateToMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The UTC calendar date of an instant (used only where a date is derived from a stored instant). */
export function utcDateOf(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

export function toMs(instant: string | Date): number {
  return typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
}
