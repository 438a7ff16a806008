/**
 * The trend verdict for one partner and one pulse measure (0–10): Theil–Sen slope and a
 * Mann–Kendall test over the last 8 weeks of daily check-ins, read as improving / steady /
 * declining / not enough data. The rules and their reasons are in docs/progress.md.
 */
import { addDays, dayNumber } from './dates.js';
import { mannKendall } from './mann-kendall.js';
import { onePerDay, smoothDays, type DatedValue } from './smoothing.js';
import { theilSenSlope } from './theil-sen.js';

export type Verdict = 'improving' | 'steady' | 'declining' | 'not_enough_data';

export interface Trend {
  verdict: Verdict;
  /** Theil–Sen slope in points per week; null with fewer than MIN_POINTS check-ins. */
  slopePerWeek: number | null;
  /** Two-sided Mann–Kendall p-value; null with fewer than MIN_POINTS check-ins. */
  pValue: number | null;
  /** Mann–Kendall S (rising minus falling pairs); null with fewer than MIN_POINTS check-ins. */
  s: number | null;
  /** Check-ins in the window (one per day). */
  n: number;
  /** Weeks of the window (counted back from today) that hold at least one check-in. */
  weeksWithData: number;
  windowDays: number;
  /** The 7-day smoothed line over the window. */
  smoothed: DatedValue[];
}

/** The window: the last 8 weeks, today included. */
export const WINDOW_DAYS = 56;
/** Fewer check-ins than this in the window is not enough data. */
export const MIN_POINTS = 10;
/** The check-ins must fall in at least this many of the window's 8 weeks (SPEC: "4–8 weeks"). */
export const MIN_WEEKS = 4;
/** Two-sided significance level for the Mann–Kendall test. */
export const SIGNIFICANCE = 0.05;
/** Smallest slope that counts as a change: one point on the 0–10 scale over the 8-week window. */
export const MIN_SLOPE_PER_WEEK = 1 / 8;

/**
 * The robustness margin on S. Setting one day to a different value changes at most n − 1 pair
 * signs, each by at most 2, so S moves by at most 2(n − 1). Requiring |S| ≥ 2n − 1 for a verdict
 * means one day can never carry S from one verdict's side to the other's.
 */
export function robustnessMargin(n: number): number {
  return 2 * n - 1;
}

export function trendFor(points: readonly DatedValue[], today: string): Trend {
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const unique = onePerDay(points);
  const days = unique.map((p) => dayNumber(p.date));
  const todayNumber = dayNumber(today);
  const fromNumber = todayNumber - (WINDOW_DAYS - 1);
  // Day numbers, not strings, are compared: the same days as `from <= date <= today`.
  const x: number[] = [];
  const y: number[] = [];
  const weeks = new Set<number>();
  for (let i = 0; i < unique.length; i++) {
    const day = days[i]!;
    if (day < fromNumber || day > todayNumber) continue;
    x.push(day);
    y.push(unique[i]!.value);
    weeks.add(Math.floor((todayNumber - day) / 7));
  }
  const n = x.length;
  const smoothed = smoothDays(unique, days, dayNumber(from), todayNumber);
  // Built whole, in the order the fields have always had (the API's JSON keeps it).
  if (n < 3)
    return {
      n,
      weeksWithData: weeks.size,
      windowDays: WINDOW_DAYS,
      smoothed,
      verdict: 'not_enough_data',
      slopePerWeek: null,
      pValue: null,
      s: null,
    };

  const perDay = theilSenSlope(x.map((xi, i) => ({ x: xi, y: y[i]! })));
  const slopePerWeek = (perDay ?? 0) * 7;
  const mk = mannKendall(y);
  let verdict: Verdict = 'steady';
  if (n < MIN_POINTS || weeks.size < MIN_WEEKS) verdict = 'not_enough_data';
  else {
    const significant = mk.pValue < SIGNIFICANCE && Math.abs(mk.s) >= robustnessMargin(n);
    if (significant && mk.s > 0 && slopePerWeek >= MIN_SLOPE_PER_WEEK) verdict = 'improving';
    else if (significant && mk.s < 0 && slopePerWeek <= -MIN_SLOPE_PER_WEEK) verdict = 'declining';
  }
  return {
    n,
    weeksWithData: weeks.size,
    windowDays: WINDOW_DAYS,
    smoothed,
    slopePerWeek,
    pValue: mk.pValue,
    s: mk.s,
    verdict,
  };
}
