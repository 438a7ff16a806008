/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. Dates are whole days with no time zone: the
 * caller has already turned instants into the user's local calendar day.
 */
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Dates already turned into day numbers. Progress turns the same few thousand dates over and
 * over (every check-in and logged occasion of a couple's history, at every view); the answer for
 * a string never changes, so it is remembered, up to a bound.
 */
const known = new Map<string, number>();
const KNOWN_DATES = 50_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date; throws on anything else. */
export function dayNumber(date: string): number {
  const hit = known.get(date);
  if (hit !== undefined) return hit;
  const day = parseDayNumber(date);
  if (known.size >= KNOWN_DATES) known.clear();
  known.set(date, day);
  return day;
}

function parseDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-31 over into March; a real calendar date round-trips.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

const named = new Map<number, string>();

export function dateFromDayNumber(day: number): string {
  const hit = named.get(day);
  if (hit !== undefined) return hit;
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (named.size >= KNOWN_DATES) named.clear();
  named.set(day, date);
  return date;
}

export function addDays(date: string, days: number): string {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The calendar date of an ISO instant, in UTC (`2024-05-01T23:00:00Z` → `2024-05-01`). */
export function utcDateOf(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return new Date(ms).toISOString().slice(0, 10);
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Months since year 0 for a `YYYY-MM` month, so consecutive months differ by one. */
export function monthNumber(month: string): number {
  const m = MONTH_RE.exec(month);
  const mo = m ? Number(m[2]) : 0;
  if (!m || mo < 1 || mo > 12) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return Number(m[1]) * 12 + (mo - 1);
}
