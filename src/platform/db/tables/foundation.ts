import type { Generated } from 'kysely';

/** Accounts, sessions, spaces, members and invitations (migration 0001). */
export interface AccountTable {
  id: string;
  /** Keyed hash of the normalised email, for sign-in look-ups without storing it in clear. */
  email_index: string;
  email_enc: string;
  display_name_enc: string;
  password_hash: string;
  timezone: string;
  /** ISO country code for support numbers (migration 0004); null until the person sets it. */
  country: string | null;
  /** 1 shared, 0 kept to themselves, null not asked yet (read as not shared; migration 0008). */
  checkin_numbers_shared: number | null;
  /** 1 (default) when Quick exit also signs the person out (migration 0008). */
  quick_exit_signs_out: Generated<number>;
  /**
   * Set only on a stand-in (migration 0019): a row with no email, name or password that keeps a
   * deleted partner's place in one space's history. It never signs in.
   */
  stand_in_since: string | null;
  /** When the operator disabled it (migration 0023); null while it may sign in. */
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  account_id: string;
  /** SHA-256 of the bearer token or cookie value; the token itself is never stored. */
  token_hash: string;
  kind: 'cookie' | 'bearer';
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** When the person last confirmed their password in this session (migration 0004). */
  reauthenticated_at: string | null;
  /** The person's personal key wrapped under a key from this session's token (migration 0024); null for a session begun before it. */
  personal_key_wrap: string | null;
}

export interface SpaceTable {
  id: string;
  name_enc: string;
  created_at: string;
}

export interface SpaceMemberTable {
  space_id: string;
  account_id: string;
  role: 'partner' | 'therapist';
  /** Therapists stay `pending` until both partners consent; partners are `active` on joining. */
  status: 'active' | 'pending' | 'revoked';
  joined_at: string;
}

export interface InvitationTable {
  id: string;
  space_id: string;
  code_hash: string;
  role: 'partner' | 'therapist';
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

/** A partner who left a space, or the stand-in of one whose account was deleted (migration 0019). */
export interface FormerPartnerTable {
  space_id: string;
  account_id: string;
  left_at: string;
  /** When their account was deleted; `account_id` is then the stand-in's. */
  account_deleted_at: string | null;
}

export interface FoundationTables {
  accounts: AccountTable;
  sessions: SessionTable;
  spaces: SpaceTable;
  space_members: SpaceMemberTable;
  invitations: InvitationTable;
  former_partners: FormerPartnerTable;
}
