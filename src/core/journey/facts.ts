import type { ApologyComponent } from '../apology-components.js';
import type { Visibility } from '../visibility/text-visibility.js';
import type { AgreementStatus } from './agreements.js';
import type { BreachKind } from './breach-kind.js';
import type { PromptKey } from './prompts.js';

/**
 * Everything the journey's rules look at, as the store reads it. Step statuses are computed from
 * these facts every time (journey-status.ts), never stored, so they cannot drift.
 *
 * The facts may include the partner's private entries and choices: the rules never let those
 * change what a viewer is told (a property test checks it), so the store need not pre-filter.
 * Instants are ISO 8601 strings; dates are `YYYY-MM-DD`.
 */
export interface JourneyFacts {
  readonly kind: BreachKind;
  /** Who broke trust: account ids, or ABSENT_PARTNER for a partner not yet in the space. */
  readonly brokeTrust: readonly string[];
  /** Account ids of the partners in the space: one (solo) or two. Therapists are not partners. */
  readonly partnerIds: readonly string[];
  /** When the journey began. */
  readonly openedAt: string;
  /** "I acknowledge that trust was broken." (step 1). */
  readonly acknowledgements: readonly AcknowledgementFact[];
  /** Entries not deleted, any visibility. */
  readonly entries: readonly EntryFact[];
  readonly apologies: readonly ApologyFact[];
  readonly apologyResponses: readonly ApologyResponseFact[];
  readonly agreements: readonly AgreementFact[];
  /** Logged occasions of agreements (kept or missed alike: both are tracked consistency). */
  readonly occasions: readonly OccasionFact[];
  /** A hurt partner chose to open step 7 before the gate. Private to them. */
  readonly forgivenessOptIns: readonly ForgivenessOptInFact[];
  /** "Not now, but I will by <date>" replies to questions (after cheating). */
  readonly deferrals: readonly DeferralFact[];
  /** Sealed-pair prompts whose pair has opened (it stays open: core/journey/sealed-pair.ts). */
  readonly openedPairs?: readonly PromptKey[];
  /**
   * Partners who left the space (or the stand-ins of deleted accounts, issue #19). What was reached
   * with them stays reached (journey-status.ts); they are not partners and write nothing.
   */
  readonly formerPartnerIds?: readonly string[];
}

export interface AcknowledgementFact {
  readonly by: string;
  readonly at: string;
}

export interface EntryFact {
  readonly id: string;
  readonly prompt: PromptKey;
  readonly authorId: string;
  readonly visibility: Visibility;
  readonly createdAt: string;
  /** For answers and trigger responses: the entry replied to. */
  readonly replyTo?: string | null;
}

export interface ApologyFact {
  readonly id: string;
  readonly authorId: string;
  /** Null while it is a draft in the builder. */
  readonly deliveredAt: string | null;
}

export interface ApologyResponseFact {
  readonly apologyId: string;
  readonly by: string;
  readonly at: string;
  readonly received: true;
  readonly sincere?: boolean;
  readonly missing: readonly ApologyComponent[];
}

export interface AgreementFact {
  readonly id: string;
  readonly status: AgreementStatus;
  readonly proposedBy: string;
  readonly committedBy: readonly string[];
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
}

export interface OccasionFact {
  readonly agreementId: string;
  readonly occurredOn: string;
}

export interface ForgivenessOptInFact {
  readonly by: string;
  readonly at: string;
}

export interface DeferralFact {
  readonly questionId: string;
  readonly by: string;
  /** The promised date, `YYYY-MM-DD`. */
  readonly until: string;
  readonly at: string;
}

/** A journey with nothing done yet; handy for tests and for a journey just opened. */
export function emptyFacts(base: Pick<JourneyFacts, 'kind' | 'brokeTrust' | 'partnerIds' | 'openedAt'>): JourneyFacts {
  return {
    ...base,
    acknowledgements: [],
    entries: [],
    apologies: [],
    apologyResponses: [],
    agreements: [],
    occasions: [],
    forgivenessOptIns: [],
    deferrals: [],
  };
}
