import { localDate } from '../../core/time.js';

/**
 * Dates as pages show them. `toLocaleDateString(…, options)` builds a new `Intl.DateTimeFormat`
 * on every call — most of a journey page's rendering time went there — so each format is built
 * once here. An unreadable date shows as `toLocaleDateString` shows it.
 */
const dayMonthYearUtc = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayDayMonthUtc = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const monthYearUtc = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeUtc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Time zones whose date-and-time format was built; people use few, and the map is bounded anyway. */
const MAX_ZONES = 100;
const dateTimeByZone = new Map<string, Intl.DateTimeFormat>();

function format(f: Intl.DateTimeFormat, date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : f.format(date);
}

/** "3 March 2026", of an instant or an ISO date, in UTC. */
export function dayMonthYear(iso: string): string {
  return format(dayMonthYearUtc, new Date(iso));
}

/** "Tuesday 3 March", of a calendar date (YYYY-MM-DD). */
export function weekdayDayMonth(date: string): string {
  return format(weekdayDayMonthUtc, new Date(`${date}T00:00:00Z`));
}

/** "March 2026", of a month (YYYY-MM). */
export function monthYear(month: string): string {
  return format(monthYearUtc, new Date(`${month}-01T00:00:00Z`));
}

/** "3 Mar 2026, 14:05 UTC". */
export function dateTimeInUtc(iso: string): string {
  return `${format(dateTimeUtc, new Date(iso))} UTC`;
}

/** "3 Mar 2026, 14:05" in the person's own time zone (an unknown zone throws, as `toLocaleString` does). */
export function dateTimeIn(iso: string, timeZone: string): string {
  let f = dateTimeByZone.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    if (dateTimeByZone.size >= MAX_ZONES) dateTimeByZone.clear();
    dateTimeByZone.set(timeZone, f);
  }
  return format(f, new Date(iso));
}

/** "3 March 2026": the calendar day of an instant in the person's own time zone. */
export function dayMonthYearIn(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  return dayMonthYear(localDate(date, timeZone));
}
