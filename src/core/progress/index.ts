/** The progress computations (docs/progress.md), gathered for the services that wire them. */
export { consistencyScore, outcomeOf, type AgreementLogFact, type ConsistencyScore } from './consistency.js';
export { trendFor, type Trend, type Verdict } from './trends.js';
export { smooth7, type DatedValue } from './smoothing.js';
export { divergence, PULSE_MEASURES, type DivergenceFinding, type PartnerVerdicts, type PulseMeasure } from './divergence.js';
export { monthlyReviewSeries, REVIEW_QUESTIONS, type MonthlyReview, type PartnerReviewSeries } from './monthly-review.js';
export {
  milestoneLines,
  milestones,
  milestoneWho,
  MILESTONE_TITLES,
  type Milestone,
  type MilestoneFacts,
  type MilestoneKey,
  type MilestoneLine,
} from './milestones.js';
export { redFlags, redFlagsVisibleTo, type RedFlag, type RedFlagFacts, type RedFlagRule } from './red-flags.js';
export { consistencySentence, consistencyTenths, FEW_OCCASIONS, NOTHING_LOGGED } from './consistency-words.js';
export { whatAppearsWhen, type PersonSoFar } from './first-weeks.js';
export { redFlagEvidence } from './red-flag-evidence.js';
