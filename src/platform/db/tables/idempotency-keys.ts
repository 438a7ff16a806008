/** Idempotency keys and the first answer given under each (migration 0013). */
export interface IdempotencyKeyTable {
  /** A keyed hash of the account and the key the client sent; the key itself is not stored. */
  id: string;
  account_id: string;
  /** A keyed hash of the request (method, path and body), so the same key with another body is refused. */
  fingerprint: string;
  created_at: string;
  expires_at: string;
  /** The first answer's status; null while the first request is still being handled (or ended without one). */
  status: number | null;
  /** The first answer (status, the headers worth replaying, body), sealed to the account. */
  answer_enc: string | null;
}

export interface IdempotencyKeyTables {
  idempotency_keys: IdempotencyKeyTable;
}
