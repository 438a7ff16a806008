/** Reset links for forgotten passwords (migration 0010). */
export interface PasswordResetTable {
  /** SHA-256 of the link's token; the token itself is only ever in the email or the operator's output. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  /** Set when the link was used; a used link never works again. */
  used_at: string | null;
}

export interface PasswordResetTables {
  password_resets: PasswordResetTable;
}
