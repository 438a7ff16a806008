/** Emails about the app and their delivery (migration 0015). No address and no text is stored. */
export interface EmailOutboxTable {
  /**
   * What this email is, so it is queued once: `waiting:<account>:<covered until>`,
   * `daily:<account>:<local date>`, `weekly:<account>:<space>:<local date>`.
   */
  key: string;
  account_id: string;
  /** `waiting`, `checkin_reminder` or `meeting_reminder`: which fixed words it is written from. */
  kind: string;
  /** The space a reminder links to. */
  space_id: string | null;
  /** The person's local day a reminder is for. */
  local_date: string | null;
  /**
   * `pending` (to try at `next_attempt_at`), `sending` (claimed by one server), `sent`, `dropped`
   * (no longer wanted), `failed` (gave up after the last try) or `abandoned` (a server stopped while
   * sending it: not tried again, so it is never sent twice).
   */
  state: 'pending' | 'sending' | 'sent' | 'dropped' | 'failed' | 'abandoned';
  /** Tries so far. */
  attempts: number;
  next_attempt_at: string;
  /** A reminder that has not gone out by then is no longer useful. */
  expires_at: string | null;
  created_at: string;
  /** When the current try began (state `sending`). */
  claimed_at: string | null;
  /** When it was sent, dropped, or given up. */
  settled_at: string | null;
}

/** Per account: the newest notification an email told about, and when the last one went out. */
export interface WaitingEmailStateTable {
  account_id: string;
  /** ISO instant, or '' before the first email. */
  covered_until: string;
  /** ISO instant, or '' before the first email. */
  last_sent_at: string;
}

export interface EmailTables {
  email_outbox: EmailOutboxTable;
  waiting_email_state: WaitingEmailStateTable;
}
