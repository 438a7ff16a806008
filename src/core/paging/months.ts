/**
 * A long history read a calendar month at a time (the agreement log, issue #24): a month is
 * `YYYY-MM`, and its days run from its first up to, not including, the next month's first.
 */

/** A month as a request names it (the API's schema says the same). */
export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const MONTH = new RegExp(MONTH_PATTERN);

/** The month a request names, or null when it names none Mend could show (absent, a typo, an old bookmark). */
export function monthOf(value: string | undefined | null): string | null {
  return typeof value === 'string' && MONTH.test(value) ? value : null;
}

/** The month a calendar date (YYYY-MM-DD) falls in. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

/** The days of a month, as the first day and the first day after it (both YYYY-MM-DD). */
export function daysOfMonth(month: string): { from: string; until: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, until: `${next}-01` };
}
