import type { Kysely } from 'kysely';

/**
 * Leaving well, and a history that says what happened (issue #19).
 *
 * - `former_partners`: a partner who left a space, and when. The partner who stays is told so, and
 *   the journeys keep what was reached with them. A row goes when that person joins again.
 * - When a partner's account is deleted, their place in each space's history is kept by a
 *   *stand-in*: an `accounts` row with a fresh id, no email, no name and no password, that stands
 *   for "the partner who deleted their account" in that one space (`stand_in_since`, and the
 *   `former_partners` row's `account_deleted_at`). The rows of the couple's shared record they
 *   wrote move to it with their words erased, so an answered question stays answered and an
 *   accepted agreement stays accepted while the person's words, name and id are gone.
 *   (features/accounts/account-deletion.ts, platform/vault/stand-in.ts.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('stand_in_since', 'text').execute();
  await db.schema
    .createTable('former_partners')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('left_at', 'text', (c) => c.notNull())
    .addColumn('account_deleted_at', 'text')
    .addPrimaryKeyConstraint('former_partners_pk', ['space_id', 'account_id'])
    .execute();
  // Looked up when an account is deleted (its former spaces) and by the cascade.
  await db.schema.createIndex('former_partners_account').on('former_partners').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('former_partners').execute();
  await db.schema.alterTable('accounts').dropColumn('stand_in_since').execute();
}
