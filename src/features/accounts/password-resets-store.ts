import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Reset links, by the hash of their token (migration 0010). */
export class PasswordResetStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: { tokenHash: string; accountId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('password_resets')
      .values({ token_hash: row.tokenHash, account_id: row.accountId, created_at: row.createdAt, expires_at: row.expiresAt, used_at: null })
      .execute();
  }

  /** The account of an unused, unexpired link, or null. */
  async accountFor(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('password_resets')
      .select('account_id')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.account_id ?? null;
  }

  /**
   * Marks the link used, if it still works: one statement, so two uses racing each other cannot
   * both succeed. Returns the account it was for, or null.
   */
  async use(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id ?? null;
  }

  /** Ends the account's other links (a reset used, or a new one asked for long ago) and expired ones. */
  async deleteSpent(accountId: string, now: string): Promise<void> {
    await this.db
      .deleteFrom('password_resets')
      .where((eb) => eb.or([eb('account_id', '=', accountId), eb('expires_at', '<=', now)]))
      .execute();
  }
}
