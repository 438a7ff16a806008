import type { Kysely } from 'kysely';

/**
 * Safety and the therapist: each person's country (for support numbers), when their last safety
 * screening was done (never the answers or the result), therapist consents and the access log,
 * re-authentication on sessions, and notices a partner sees when the other deletes their account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('country', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('reauthenticated_at', 'text').execute();

  await db.schema
    .createTable('safety_checks')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('last_completed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('therapist_consents')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('therapist_consents_pk', ['space_id', 'therapist_id', 'partner_id'])
    .execute();

  await db.schema
    .createTable('therapist_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('therapist_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('therapist_access_log_space').on('therapist_access_log').columns(['space_id', 'viewed_at']).execute();

  await db.schema
    .createTable('space_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('space_notices_space').on('space_notices').column('space_id').execute();
}
