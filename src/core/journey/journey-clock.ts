import type { BreachKind } from './breach-kind.js';
import { isCalendarDate } from './calendar-date.js';
import { timeline, type Timeline } from './timeline.js';

/**
 * Where the time in a journey counts from (issue #20): the day the breach came out, else the day it
 * was recorded in Mend — and the page says which. A couple who come to Mend months after an affair
 * came out are months into repair, not at day 0. Never from when it happened: for something that
 * went on for a while that is when it began, and a two-year affair found last week is not two years
 * into repair. Without a "came out" date the count starts late rather than early, and the page
 * invites the couple to add it.
 *
 * "When it came out" may be a whole date (`YYYY-MM-DD`) or only a month (`YYYY-MM`): people often
 * remember the month and not the day. A month alone counts from its first day.
 */

/** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
export type DayOrMonth = string;

/** How far back a date may go: a breach from more than this many years ago is a typing slip. */
export const OLDEST_YEARS = 60;

const MONTH = /^(\d{4})-(\d{2})$/;

export function isDayOrMonth(value: string): boolean {
  if (isCalendarDate(value)) return true;
  const m = MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The first day a date or month stands for. */
export function firstDayOf(value: DayOrMonth): string {
  return value.length === 7 ? `${value}-01` : value;
}

export type DateProblem = 'invalid' | 'in_the_future' | 'too_old' | 'before_it_happened';

/**
 * Whether a "came out on" value can stand, on the day `today` (the person's own date): a real date
 * or month, not after today (a month: not after this month), not more than OLDEST_YEARS back, and
 * not before the day it happened when that is known (a month: not before that month).
 */
export function cameOutProblem(value: string, today: string, occurredOn: string | null): DateProblem | null {
  if (!isDayOrMonth(value)) return 'invalid';
  if (value > today.slice(0, value.length)) return 'in_the_future';
  if (Number(value.slice(0, 4)) < Number(today.slice(0, 4)) - OLDEST_YEARS) return 'too_old';
  if (occurredOn !== null && value < occurredOn.slice(0, value.length)) return 'before_it_happened';
  return null;
}

/** The same bounds for the day it happened (always a whole date). */
export function occurredProblem(value: string, today: string): Exclude<DateProblem, 'before_it_happened'> | null {
  if (!isCalendarDate(value)) return 'invalid';
  if (value > today) return 'in_the_future';
  if (Number(value.slice(0, 4)) < Number(today.slice(0, 4)) - OLDEST_YEARS) return 'too_old';
  return null;
}

/**
 * Parses the form's three boxes (year, month, an optional day) into a DayOrMonth. All empty: no
 * date (null). Anything else must make a real date or month.
 */
export function dayOrMonthFromParts(parts: {
  year: string;
  month: string;
  day: string;
}): { value: DayOrMonth | null } | { problem: 'invalid' | 'incomplete' } {
  const [year, month, day] = [parts.year.trim(), parts.month.trim(), parts.day.trim()];
  if (year === '' && month === '' && day === '') return { value: null };
  if (year === '' || month === '') return { problem: 'incomplete' };
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || (day !== '' && !/^\d{1,2}$/.test(day))) return { problem: 'invalid' };
  const value = `${year}-${month.padStart(2, '0')}${day === '' ? '' : `-${day.padStart(2, '0')}`}`;
  return isDayOrMonth(value) ? { value } : { problem: 'invalid' };
}

export type CountsFrom = 'came_out' | 'recorded';

export interface JourneyTimeline extends Timeline {
  /** Which date the time counts from. */
  readonly countsFrom: CountsFrom;
  /** That date (`YYYY-MM-DD`; a month alone stands for its first day). */
  readonly since: string;
  /** Only the month was given. */
  readonly sinceMonthOnly: boolean;
  /** Where to draw things on a scale of 0 to `scaleMonths`, each 0–1 (issue #20's band). */
  readonly band: { readonly scaleMonths: number; readonly low: number; readonly high: number; readonly now: number };
}

/**
 * The journey's timeline on `today` (the viewer's date): counted from when it came out, else
 * `recordedOn` (the date the journey opened, in the viewer's time zone).
 */
export function journeyTimeline(
  dates: { cameOutOn: DayOrMonth | null; recordedOn: string },
  today: string,
  kind: BreachKind,
): JourneyTimeline {
  const countsFrom: CountsFrom = dates.cameOutOn !== null ? 'came_out' : 'recorded';
  const given = dates.cameOutOn ?? dates.recordedOn;
  const since = firstDayOf(given);
  const t = timeline(`${since}T00:00:00Z`, `${today}T00:00:00Z`, kind);
  const months = t.elapsedDays / (365.2425 / 12);
  // The scale shows the whole usual range with room after it, and stretches to "now" beyond it.
  const scaleMonths = Math.max(t.range.highMonths * 1.2, months * 1.05);
  const at = (m: number) => Math.min(1, Math.max(0, m / scaleMonths));
  return {
    ...t,
    countsFrom,
    since,
    sinceMonthOnly: given.length === 7,
    band: { scaleMonths, low: at(t.range.lowMonths), high: at(t.range.highMonths), now: at(months) },
  };
}

// ---- words ---------------------------------------------------------------------------------------

const AFTER: Readonly<Record<BreachKind, string>> = {
  infidelity: 'After an affair',
  emotional_affair: 'After an emotional affair',
  lying: 'After lying or deception',
  broken_promise: 'After a broken promise',
  financial: 'After financial secrecy',
  privacy: 'After a privacy violation',
  other: 'After a breach like this',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "3 days", "5 weeks", "4 months", "2 years and 3 months": how long, in the words a person uses. */
export function spanWords(t: Pick<Timeline, 'elapsedDays' | 'elapsedWeeks'>): string {
  const months = Math.floor(t.elapsedDays / (365.2425 / 12));
  if (t.elapsedDays < 14) return plural(t.elapsedDays, 'day');
  if (t.elapsedWeeks < 9 || months < 2) return plural(t.elapsedWeeks, 'week');
  if (months < 24) return plural(months, 'month');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} and ${plural(rest, 'month')}`;
}

/** "1 to 3 years", "3 months to a year", "6 to 18 months". */
export function rangeWords(low: number, high: number): string {
  if (low % 12 === 0 && high % 12 === 0) return `${low / 12} to ${plural(high / 12, 'year')}`;
  if (high === 12) return `${plural(low, 'month')} to a year`;
  return `${low} to ${plural(high, 'month')}`;
}

const SINCE: Readonly<Record<CountsFrom, string>> = {
  came_out: 'since it came out',
  recorded: 'since it was recorded in Mend',
};

const TODAY: Readonly<Record<CountsFrom, string>> = {
  came_out: 'It came out today.',
  recorded: 'It was recorded in Mend today.',
};

/**
 * The timeline in words, calm and never a verdict: how long since it came out (or was recorded), the usual range for its kind, and where the couple is in it. For example:
 * "4 months since it came out." and "After an affair, many couples take 1 to 3 years; you are
 * early in that." To the couple's therapist it speaks of them ("they are early in that").
 */
export function timelineWords(
  t: JourneyTimeline,
  kind: BreachKind,
  reader: 'partner' | 'therapist' = 'partner',
): { elapsed: string; range: string } {
  const elapsed = t.elapsedDays === 0 ? TODAY[t.countsFrom] : `${spanWords(t)} ${SINCE[t.countsFrom]}.`;
  const [they, them] = reader === 'partner' ? ['you are', 'you'] : ['they are', 'them'];
  const where =
    t.position === 'before_range'
      ? `${they} early in that`
      : t.position === 'within_range'
        ? `${they} within that time`
        : `${they} past it, and that says nothing bad about ${them}: every couple’s pace is their own`;
  return { elapsed, range: `${AFTER[kind]}, many couples take ${rangeWords(t.range.lowMonths, t.range.highMonths)}; ${where}.` };
}
