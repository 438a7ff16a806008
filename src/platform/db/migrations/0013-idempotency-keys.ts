import type { Kysely } from 'kysely';

/**
 * Idempotency keys (issue #16): a POST sent again with the same `Idempotency-Key` gets the first
 * answer instead of writing a second time. The key is claimed by inserting its row (the primary
 * key makes one claim win, on every app server sharing the database) before the write runs; the
 * first answer is kept, sealed to the account, until `expires_at`. Deleting the account deletes
 * its keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('answer_enc', 'text')
    .execute();
  await db.schema.createIndex('idempotency_keys_expires').on('idempotency_keys').column('expires_at').execute();
  await db.schema.createIndex('idempotency_keys_account').on('idempotency_keys').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
