/**
 * The monthly progress review: each partner rates three statements 1–5 once a month. Mend plots
 * each answer and their mean, and reads a simple trend from the mean over the last six reviews.
 */
import { monthNumber } from './dates.js';
import { theilSenSlope } from './theil-sen.js';

export const REVIEW_QUESTIONS = [
  { key: 'communicate', statement: 'We communicate more openly' },
  { key: 'closer', statement: 'I feel closer' },
  { key: 'respect', statement: 'There is mutual respect and understanding' },
] as const;

export type ReviewQuestion = (typeof REVIEW_QUESTIONS)[number]['key'];

export interface MonthlyReview {
  partnerId: string;
  /** `YYYY-MM`; one per partner per month — a later one for the same month replaces it. */
  month: string;
  communicate: number;
  closer: number;
  respect: number;
}

export interface MonthlyPoint {
  month: string;
  value: number;
}

export type ReviewVerdict = 'improving' | 'steady' | 'declining' | 'not_enough_data';

export interface PartnerReviewSeries {
  partnerId: string;
  series: Record<ReviewQuestion | 'mean', MonthlyPoint[]>;
  trend: { verdict: ReviewVerdict; slopePerMonth: number | null; months: number };
}

/** How many recent reviews the trend reads. */
export const REVIEW_TREND_MONTHS = 6;
/** Fewer reviews than this is not enough data. */
export const REVIEW_MIN_MONTHS = 3;
/** Smallest slope that counts as change: one point on the 1–5 scale over five months. */
export const REVIEW_MIN_SLOPE_PER_MONTH = 0.2;

function reviewTrend(mean: readonly MonthlyPoint[]): PartnerReviewSeries['trend'] {
  const recent = mean.slice(-REVIEW_TREND_MONTHS);
  const slope = theilSenSlope(recent.map((p) => ({ x: monthNumber(p.month), y: p.value })));
  if (recent.length < REVIEW_MIN_MONTHS || slope === null) {
    return { verdict: 'not_enough_data', slopePerMonth: slope, months: recent.length };
  }
  // Too few points for a significance test to mean much; the robust slope and a practical
  // threshold are the honest summary (docs/progress.md).
  const verdict = slope >= REVIEW_MIN_SLOPE_PER_MONTH ? 'improving' : slope <= -REVIEW_MIN_SLOPE_PER_MONTH ? 'declining' : 'steady';
  return { verdict, slopePerMonth: slope, months: recent.length };
}

/** Per partner (in order of first appearance): each question's series, the mean, and the trend. */
export function monthlyReviewSeries(reviews: readonly MonthlyReview[]): PartnerReviewSeries[] {
  const byPartner = new Map<string, Map<string, MonthlyReview>>();
  for (const r of reviews) {
    monthNumber(r.month); // validates the month
    const months = byPartner.get(r.partnerId) ?? new Map<string, MonthlyReview>();
    months.set(r.month, r);
    byPartner.set(r.partnerId, months);
  }
  return [...byPartner].map(([partnerId, months]) => {
    const ordered = [...months.values()].sort((a, b) => monthNumber(a.month) - monthNumber(b.month));
    const pick = (f: (r: MonthlyReview) => number) => ordered.map((r) => ({ month: r.month, value: f(r) }));
    const mean = pick((r) => (r.communicate + r.closer + r.respect) / 3);
    return {
      partnerId,
      series: { communicate: pick((r) => r.communicate), closer: pick((r) => r.closer), respect: pick((r) => r.respect), mean },
      trend: reviewTrend(mean),
    };
  });
}
