import type { BreachKind } from './breach-kind.js';
import { toMs } from './calendar-date.js';

/**
 * Step 4's timeline: time since the journey began, next to the usual range for this kind of
 * breach. No study measures "months until trust is rebuilt" well, so these ranges are a clinical
 * rule of thumb (after cheating) or Mend's own conservative assumption (everything else); each
 * says which in `basis` and `sourceNote`. docs/journey.md gives the full reasoning.
 * Pages must present the range as "many couples need about this long", never as a deadline.
 */
export type RangeBasis = 'clinical_rule_of_thumb' | 'mend_assumption';

export interface UsualRange {
  readonly lowMonths: number;
  readonly highMonths: number;
  readonly basis: RangeBasis;
  /** One or two sentences saying where the numbers come from, for the page and the docs. */
  readonly sourceNote: string;
}

const CHEATING_NOTE =
  'Clinicians who write about affair recovery (for example Glass, 2003; Snyder, Baucom & Gordon, 2007) ' +
  'describe it as a process in stages that usually takes a year or more. The range is a clinical rule ' +
  'of thumb, not a measured value.';

const ASSUMPTION_NOTE =
  'There is no good research on how long this kind of repair takes. This range is Mend’s own ' +
  'conservative assumption, not a measured value.';

const RANGES: Readonly<Record<BreachKind, UsualRange>> = {
  infidelity: { lowMonths: 12, highMonths: 36, basis: 'clinical_rule_of_thumb', sourceNote: CHEATING_NOTE },
  emotional_affair: { lowMonths: 12, highMonths: 36, basis: 'clinical_rule_of_thumb', sourceNote: CHEATING_NOTE },
  lying: { lowMonths: 3, highMonths: 12, basis: 'mend_assumption', sourceNote: ASSUMPTION_NOTE },
  broken_promise: { lowMonths: 1, highMonths: 6, basis: 'mend_assumption', sourceNote: ASSUMPTION_NOTE },
  financial: { lowMonths: 6, highMonths: 18, basis: 'mend_assumption', sourceNote: ASSUMPTION_NOTE },
  privacy: { lowMonths: 3, highMonths: 12, basis: 'mend_assumption', sourceNote: ASSUMPTION_NOTE },
  other: { lowMonths: 3, highMonths: 12, basis: 'mend_assumption', sourceNote: ASSUMPTION_NOTE },
};

export function usualRange(kind: BreachKind): UsualRange {
  return RANGES[kind];
}

/** Average Gregorian month in days. */
export const DAYS_PER_MONTH = 365.2425 / 12;

export type RangePosition = 'before_range' | 'within_range' | 'beyond_range';

export interface Timeline {
  readonly elapsedDays: number;
  readonly elapsedWeeks: number;
  /** Elapsed months, one decimal. */
  readonly elapsedMonths: number;
  readonly range: UsualRange;
  /** Where the elapsed time sits; `beyond_range` says nothing bad about a couple. */
  readonly position: RangePosition;
  /** 0 at the start of the range, 1 at its end; clamped to 0–1 for drawing a bar. */
  readonly progressThroughRange: number;
}

/** The timeline at `now` for a journey opened at `openedAt`. Time before the opening counts as 0. */
export function timeline(openedAt: string | Date, now: string | Date, kind: BreachKind): Timeline {
  const range = usualRange(kind);
  const elapsedDays = Math.max(0, Math.floor((toMs(now) - toMs(openedAt)) / 86_400_000));
  const months = elapsedDays / DAYS_PER_MONTH;
  const position: RangePosition = months < range.lowMonths ? 'before_range' : months <= range.highMonths ? 'within_range' : 'beyond_range';
  const progress = (months - range.lowMonths) / (range.highMonths - range.lowMonths);
  return {
    elapsedDays,
    elapsedWeeks: Math.floor(elapsedDays / 7),
    elapsedMonths: Math.round(months * 10) / 10,
    range,
    position,
    progressThroughRange: Math.min(1, Math.max(0, progress)),
  };
}
