/** Breaches, journeys, entries, apologies, agreements and their companions (migration 0002). */

export interface BreachTable {
  id: string;
  space_id: string;
  kind: string;
  /** JSON array of account ids, or the absent-partner placeholder of a solo journey. */
  broke_trust: string;
  occurred_on: string | null;
  came_out: 'disclosed' | 'discovered' | null;
  /** When it came out: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known (migration 0020). */
  came_out_on: string | null;
  /** 1–5, as the hurt partner rates it. */
  hurt: number | null;
  description_enc: string | null;
  description_visibility: 'private' | 'shared' | null;
  /** Null once the recording account was deleted; the breach stays on record. */
  recorded_by: string | null;
  recorded_at: string;
}

export interface JourneyTable {
  id: string;
  breach_id: string;
  space_id: string;
  opened_at: string;
  closed_at: string | null;
}

export interface JourneyEntryTable {
  id: string;
  journey_id: string;
  prompt: string;
  author_id: string;
  visibility: 'private' | 'shared' | 'sealed';
  text_enc: string;
  reply_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface JourneyAcknowledgementTable {
  journey_id: string;
  account_id: string;
  created_at: string;
}

export interface ApologyTable {
  id: string;
  journey_id: string;
  author_id: string;
  text_enc: string;
  /** The builder's parts as encrypted JSON, when written in the builder. */
  parts_enc: string | null;
  created_at: string;
  /** Null while a draft. */
  delivered_at: string | null;
}

export interface ApologyResponseTable {
  id: string;
  apology_id: string;
  by_id: string;
  /** Always 1: answering means "received". */
  received: number;
  /** 0/1, or null when not said. */
  sincere: number | null;
  /** JSON array of apology components named as missing. */
  missing: string;
  /** The answerer's own words for what is missing, encrypted; null when they wrote none. */
  missing_words_enc: string | null;
  created_at: string;
}

export interface AgreementTable {
  id: string;
  space_id: string;
  /** The journey whose step 3 it belongs to; null if that journey is gone. */
  journey_id: string | null;
  text_enc: string;
  cadence: 'each_time' | 'daily' | 'weekly' | 'once';
  review_on: string | null;
  status: 'proposed' | 'active' | 'countered' | 'withdrawn';
  proposed_by: string;
  proposed_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  /** The proposal this one countered. */
  replaces_id: string | null;
  /** The counter-proposal that replaced this one. */
  replaced_by_id: string | null;
  withdrawn_at: string | null;
  /** 1: a transparency agreement, whose `review_on` is its end (migration 0021). */
  transparency: number;
}

/** Who commits to an agreement: one row per partner. */
export interface AgreementCommitmentTable {
  agreement_id: string;
  account_id: string;
}

export interface ForgivenessOptInTable {
  journey_id: string;
  account_id: string;
  created_at: string;
}

export interface QuestionDeferralTable {
  question_id: string;
  journey_id: string;
  by_id: string;
  until_on: string;
  created_at: string;
  /** When the partner who chose the date was told it had come (migration 0017); null until then. */
  due_told_at: string | null;
}

/** When a sealed pair opened, and its two authors (migration 0012; null once an account is deleted). */
export interface SealedPairOpeningTable {
  journey_id: string;
  prompt: string;
  opened_at: string;
  first_author_id: string | null;
  second_author_id: string | null;
}

export interface JourneyTables {
  breaches: BreachTable;
  journeys: JourneyTable;
  journey_entries: JourneyEntryTable;
  journey_acknowledgements: JourneyAcknowledgementTable;
  apologies: ApologyTable;
  apology_responses: ApologyResponseTable;
  agreements: AgreementTable;
  agreement_commitments: AgreementCommitmentTable;
  forgiveness_opt_ins: ForgivenessOptInTable;
  question_deferrals: QuestionDeferralTable;
  sealed_pair_openings: SealedPairOpeningTable;
}
