import type { Kysely } from 'kysely';

/**
 * A way back from a forgotten password (issue #15): one row per reset link, holding only the
 * SHA-256 of its token, so a copy of the database cannot be used to reset anyone's password. A
 * link works once (`used_at`) and for an hour (`expires_at`); deleting the account deletes its
 * links. (Device tokens need no table: they are signed, not stored.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_account').on('password_resets').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
}
