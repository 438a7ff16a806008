/**
 * The consistency score: how reliably a partner keeps their agreements, as a Beta reputation
 * (Jøsang & Ismail, 2002, "The Beta Reputation System") with a forgetting factor. Formulas and the
 * reasons for every parameter are in docs/progress.md.
 */
import { betaQuantile } from './beta-distribution.js';
import { daysBetween } from './dates.js';

/** One logged occasion of an agreement the partner committed to. */
export interface AgreementLogFact {
  /** The day the occasion happened, `YYYY-MM-DD`. */
  occurredOn: string;
  /** The outcome as whoever recorded it said. */
  kept: boolean;
  /** `self`: the committing partner logged it; `partner`: the other partner did. */
  reportedBy: 'self' | 'partner';
  status: 'unconfirmed' | 'confirmed' | 'disputed';
  /**
   * For a disputed entry the committing partner logged: the outcome the other partner says it
   * had. Defaults to the opposite of `kept` (that is what a dispute means).
   */
  disputedAs?: 'kept' | 'missed';
}

export interface ConsistencyScore {
  /** Posterior mean α / (α + β), 0–1; 0.5 with no evidence. */
  score: number;
  /** Lower end of the central 90% credible interval. */
  low: number;
  /** Upper end of the central 90% credible interval. */
  high: number;
  /** Logged occasions counted (on or before today). */
  occasions: number;
  alpha: number;
  beta: number;
  /** The earliest counted occasion, or null with none. */
  firstLoggedOn: string | null;
}

/** Weight kept per week of age: half-life ln 0.5 / ln 0.9 ≈ 6.6 weeks. */
export const FORGETTING_PER_WEEK = 0.9;
/** A miss never decays below this share of its weight ("forgive, but don't forget"). */
export const MISS_WEIGHT_FLOOR = 0.1;
/** A miss the partner reported themselves counts this much of one they had to be told about. */
export const SELF_REPORTED_MISS_WEIGHT = 0.5;
/** The credible interval's coverage: central 90%, from the 5% to the 95% quantile. */
export const CREDIBLE_MASS = 0.9;

export type Outcome = { kept: true } | { kept: false; selfReported: boolean };

/**
 * What an entry counts as. The other (hurt) partner's view prevails: a disputed entry the
 * committing partner logged counts as the other partner saw it, and an entry the other partner
 * logged counts as they logged it, whatever the committing partner says about it.
 */
export function outcomeOf(entry: AgreementLogFact): Outcome {
  if (entry.reportedBy === 'partner') return entry.kept ? { kept: true } : { kept: false, selfReported: false };
  if (entry.status === 'disputed') {
    const keptInTheirView = entry.disputedAs ? entry.disputedAs === 'kept' : !entry.kept;
    if (keptInTheirView) return { kept: true };
    // The partner logged it as kept and had to be corrected: a miss someone else pointed out.
    return { kept: false, selfReported: !entry.kept };
  }
  return entry.kept ? { kept: true } : { kept: false, selfReported: true };
}

/** Weights by whole days of age, worked out once: a long history asks for the same ages at every view. */
const weightsByAge: number[] = [];

/** The decay factor for evidence `ageDays` old; misses keep at least MISS_WEIGHT_FLOOR. */
export function decay(ageDays: number, kept: boolean): number {
  const age = Math.max(0, ageDays);
  let w = Number.isInteger(age) && age < 100_000 ? weightsByAge[age] : undefined;
  if (w === undefined) {
    w = FORGETTING_PER_WEEK ** (age / 7);
    if (Number.isInteger(age) && age < 100_000) weightsByAge[age] = w;
  }
  return kept ? w : Math.max(w, MISS_WEIGHT_FLOOR);
}

/**
 * The evidence of a run of log entries, as of `today`: what the score is made of. Kept so that a
 * history's settled entries are weighed once a day (issue #24): `prior` is the evidence of the
 * entries before these, and adding entries to it in log order gives exactly the sums of one pass.
 */
export interface ConsistencyEvidence {
  /** Weighted kept occasions. */
  readonly r: number;
  /** Weighted missed occasions. */
  readonly s: number;
  readonly occasions: number;
  readonly firstLoggedOn: string | null;
}

export const NO_EVIDENCE: ConsistencyEvidence = { r: 0, s: 0, occasions: 0, firstLoggedOn: null };

export function consistencyEvidence(
  entries: readonly AgreementLogFact[],
  today: string,
  prior: ConsistencyEvidence = NO_EVIDENCE,
): ConsistencyEvidence {
  let { r, s, occasions, firstLoggedOn } = prior;
  for (const entry of entries) {
    const age = daysBetween(entry.occurredOn, today);
    if (age < 0) continue; // a future date is not evidence yet
    occasions++;
    if (firstLoggedOn === null || entry.occurredOn < firstLoggedOn) firstLoggedOn = entry.occurredOn;
    const outcome = outcomeOf(entry);
    if (outcome.kept) r += decay(age, true);
    else s += decay(age, false) * (outcome.selfReported ? SELF_REPORTED_MISS_WEIGHT : 1);
  }
  return { r, s, occasions, firstLoggedOn };
}

export function consistencyScore(
  entries: readonly AgreementLogFact[],
  today: string,
  prior: ConsistencyEvidence = NO_EVIDENCE,
): ConsistencyScore {
  const { r, s, occasions, firstLoggedOn } = consistencyEvidence(entries, today, prior);
  // Jøsang & Ismail's uniform prior: Beta(r + 1, s + 1).
  const alpha = r + 1;
  const beta = s + 1;
  const tail = (1 - CREDIBLE_MASS) / 2;
  return {
    score: alpha / (alpha + beta),
    low: betaQuantile(tail, alpha, beta),
    high: betaQuantile(1 - tail, alpha, beta),
    occasions,
    alpha,
    beta,
    firstLoggedOn,
  };
}
