/** Drafts: what a person is writing, kept for them alone (migration 0014). */
export interface DraftTable {
  id: string;
  /** The author, and the only person who ever reads it. */
  account_id: string;
  space_id: string;
  /** The form it belongs to (core/drafts/places.ts), unique per account. */
  place: string;
  /** The form's texts as one JSON object (field name → words), sealed to the account, space and place. */
  fields_enc: string;
  created_at: string;
  updated_at: string;
}

export interface DraftTables {
  drafts: DraftTable;
}
