/**
 * The 7-day smoothed line: for each day, the mean of the check-ins in the seven days ending that
 * day. A day gets a value only when at least three real check-ins fall in its window, so a gap in
 * the data stays a gap in the line instead of being filled in.
 */
import { dateFromDayNumber, dayNumber } from './dates.js';

export interface DatedValue {
  date: string;
  value: number;
}

export const SMOOTHING_DAYS = 7;
export const SMOOTHING_MIN_POINTS = 3;

/** One value per date; when a date repeats, the later element wins (a later check-in replaces). */
export function onePerDay(points: readonly DatedValue[]): DatedValue[] {
  // A history read in day order, one a day, is already that (every trend of every view is one).
  let inOrder = true;
  for (let i = 1; i < points.length && inOrder; i++) inOrder = points[i - 1]!.date < points[i]!.date;
  if (inOrder) return points.slice();
  const byDate = new Map<string, number>();
  for (const p of points) byDate.set(p.date, p.value);
  return [...byDate].map(([date, value]) => ({ date, value })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Smoothed values for each day from `from` to `to` inclusive that has enough data. */
export function smooth7(points: readonly DatedValue[], from: string, to: string): DatedValue[] {
  const unique = onePerDay(points);
  return smoothDays(
    unique,
    unique.map((p) => dayNumber(p.date)),
    dayNumber(from),
    dayNumber(to),
  );
}

/**
 * `smooth7` of points already one a day, with their day numbers: the values are laid out by day
 * in an array, and each day's mean sums its seven days in the same order as ever.
 */
export function smoothDays(unique: readonly DatedValue[], days: readonly number[], from: number, to: number): DatedValue[] {
  const first = from - SMOOTHING_DAYS + 1;
  const span = to - first + 1;
  const out: DatedValue[] = [];
  if (span <= 0) return out;
  const values = new Float64Array(span);
  const present = new Uint8Array(span);
  for (let i = 0; i < unique.length; i++) {
    const at = days[i]! - first;
    if (at < 0 || at >= span) continue;
    values[at] = unique[i]!.value;
    present[at] = 1;
  }
  for (let day = from; day <= to; day++) {
    let sum = 0;
    let count = 0;
    for (let at = day - SMOOTHING_DAYS + 1 - first; at <= day - first; at++) {
      if (present[at] === 1) {
        sum += values[at]!;
        count++;
      }
    }
    if (count >= SMOOTHING_MIN_POINTS) out.push({ date: dateFromDayNumber(day), value: sum / count });
  }
  return out;
}
