import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export type PersonalKeyRow = Selectable<Database['personal_keys']>;

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
   * Replaces the account's key and its wraps (a reset without the recovery code makes a new key),
   * with the new password's hash in the same transaction: the password that signs in is always the
   * one the key is wrapped under.
   */
  async replace(row: PersonalKeyRow, passwordHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await setPasswordHash(trx, row.account_id, passwordHash, row.updated_at);
      await trx.deleteFrom('personal_keys').where('account_id', '=', row.account_id).execute();
      await trx.insertInto('personal_keys').values(row).execute();
    });
  }

  /** The new password's hash and the key wrapped under it, in one transaction: never one without the other. */
  async setPasswordWrap(
    accountId: string,
    passwordHash: string,
    wrap: { by_password: string; password_salt: string; password_cost: string },
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await setPasswordHash(trx, accountId, passwordHash, now);
      await trx
        .updateTable('personal_keys')
        .set({ ...wrap, updated_at: now })
        .where('account_id', '=', accountId)
        .execute();
    });
  }

  async markRecoveryShown(accountId: string, now: string): Promise<void> {
    await this.db.updateTable('personal_keys').set({ recovery_shown_at: now }).where('account_id', '=', accountId).execute();
  }

  async markResealed(accountId: string, now: string): Promise<void> {
    await this.db.updateTable('personal_keys').set({ resealed_at: now }).where('account_id', '=', accountId).execute();
  }

  /** Ends the account's sessions that hold no wrap of its key (begun before it existed): they could not open its private texts. */
  async endUnwrappedSessions(accountId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('account_id', '=', accountId).where('personal_key_wrap', 'is', null).execute();
  }
}

/** The same write as AccountStore.updatePasswordHash, inside the transaction that re-wraps the key. */
async function setPasswordHash(trx: Kysely<Database>, accountId: string, passwordHash: string, now: string): Promise<void> {
  await trx.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', accountId).execute();
}
