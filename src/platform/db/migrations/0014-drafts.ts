import type { Kysely } from 'kysely';

/**
 * Drafts (issue #18): what a person is writing in a form, kept for them alone until they send it
 * or discard it. One row per account and place (the form: `apology:<journeyId>`,
 * `entry:<journeyId>:<prompt>`, … core/drafts/places.ts). The texts are one JSON object, sealed
 * to the account, the space and the place (platform/vault/bound-fields.ts). Deleting the account
 * or the space deletes its drafts; leaving a space deletes the leaver's (authored-text.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('fields_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('drafts_one_per_place', ['account_id', 'place'])
    .execute();
  // A page reads the viewer's drafts in its space; the author's list is paged by when each began.
  await db.schema.createIndex('drafts_account_space').on('drafts').columns(['account_id', 'space_id']).execute();
  await db.schema.createIndex('drafts_account_created').on('drafts').columns(['account_id', 'created_at', 'id']).execute();
  // The foreign key is looked up when a space is deleted.
  await db.schema.createIndex('drafts_space').on('drafts').column('space_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('drafts').execute();
}
