import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type PersonalKeyRow = Selectable<Database['personal_keys']>;
export type PasswordWrap = Pick<PersonalKeyRow, 'by_password' | 'password_salt' | 'password_cost'>;

/** The wrapped personal keys (migration 0024): never a key in the clear. */
export class PersonalKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  byAccount(accountId: string): Promise<PersonalKeyRow | undefined> {
    return this.db.selectFrom('personal_keys').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  /** Inserts the account's first key; false when another request made one first. */
  async insert(row: PersonalKeyRow): Promise<boolean> {
    const result = await this.db
      .insertInto('personal_keys')
      .values(row)
      .onConflict((oc) => oc.column('account_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /**
   * The new password hash and what the personal key becomes under it, in one transaction: a
   * password that changed without its wrap would lock the person out of their private writing.
   * `key`: the key re-wrapped under the new password, or a whole new row (a reset without the
   * recovery code), or null (an account without a personal key yet).
   */
  async setPassword(accountId: string, passwordHash: string, key: PasswordWrap | PersonalKeyRow | null, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', accountId).execute();
      if (key === null) return;
      if ('account_id' in key) {
        await trx.deleteFrom('personal_keys').where('account_id', '=', accountId).execute();
        await trx.insertInto('personal_keys').values(key).execute();
      } else {
        await trx
          .updateTable('personal_keys')
          .set({ ...key, updated_at: now })
          .where('account_id', '=', accountId)
          .execute();
      }
    });
  }

  async markRecoveryShown(accountId: string, now: string): Promise<void> {
    await this.db.updateTable('personal_keys').set({ recovery_shown_at: now }).where('account_id', '=', accountId).execute();
  }

  async markResealed(accountId: string, now: string | null): Promise<void> {
    await this.db.updateTable('personal_keys').set({ resealed_at: now }).where('account_id', '=', accountId).execute();
  }

  /** Ends the account's sessions that hold no wrap of its key (begun before it existed): they could not open its private texts. */
  async endUnwrappedSessions(accountId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('account_id', '=', accountId).where('personal_key_wrap', 'is', null).execute();
  }
}
