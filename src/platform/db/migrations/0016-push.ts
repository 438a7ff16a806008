import type { Kysely } from 'kysely';

/**
 * Push notifications by choice (issue #18). `push_subscriptions`: a device a person turned push on
 * for, bound to their account and to the session that turned it on, so it ends with that session
 * (signing out there, sign-out everywhere, a password change, account deletion). The endpoint and
 * keys are sealed to the account; `endpoint_index` (a keyed hash) finds the same browser again
 * without storing its address in clear. `vapid_keys`: the instance's one VAPID key pair, made at
 * first start, its private half sealed; the primary key lets one of several servers starting
 * together win.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('endpoint_index', 'text', (c) => c.notNull().unique())
    .addColumn('subscription_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('push_subscriptions_account').on('push_subscriptions').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('push_subscriptions_session').on('push_subscriptions').column('session_id').execute();

  await db.schema
    .createTable('vapid_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('vapid_keys').execute();
  await db.schema.dropTable('push_subscriptions').execute();
}
