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
  const byDate = new Map<string, number>();
  for (const p of points) byDate.set(p.date, p.value);
  return [...byDate].map(([date, value]) => ({ date, value })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Smoothed values for each day from `from` to `to` inclusive that has enough data. */
export function smooth7(points: readonly DatedValue[], from: string, to: string): DatedValue[] {
  const byDay = new Map<number, number>();
  for (const p of onePerDay(points)) byDay.set(dayNumber(p.date), p.value);
  const out: DatedValue[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day++) {
    let sum = 0;
    let count = 0;
    for (let d = day - SMOOTHING_DAYS + 1; d <= day; d++) {
      const v = byDay.get(d);
      if (v !== undefined) {
        sum += v;
        count++;
      }
    }
    if (count >= SMOOTHING_MIN_POINTS) out.push({ date: dateFromDayNumber(day), value: sum / count });
  }
  return out;
}
