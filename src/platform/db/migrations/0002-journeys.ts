import type { Kysely } from 'kysely';

/**
 * Repair journeys (SPEC sections 1 and 3): breaches, their journeys, entries, acknowledgements,
 * apologies and answers, agreements (proposals, counters, acceptance), forgiveness opt-ins and
 * question deferrals. Step statuses are not stored: they are computed from these facts by
 * `src/core/journey`. Free text is in `_enc` columns (encrypted at rest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('breaches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON array of account ids (or the absent-partner placeholder of a solo journey).
    .addColumn('broke_trust', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text')
    .addColumn('came_out', 'text')
    .addColumn('hurt', 'integer')
    .addColumn('description_enc', 'text')
    .addColumn('description_visibility', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('breaches_space').on('breaches').column('space_id').execute();

  await db.schema
    .createTable('journeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull().unique().references('breaches.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('journeys_space').on('journeys').columns(['space_id', 'opened_at']).execute();

  await db.schema
    .createTable('journey_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    // The entry replied to (an answer to a question); no foreign key, so deleting a question
    // does not take the other partner's answer with it.
    .addColumn('reply_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journey_entries_journey').on('journey_entries').columns(['journey_id', 'created_at']).execute();
  await db.schema.createIndex('journey_entries_author').on('journey_entries').column('author_id').execute();

  await db.schema
    .createTable('journey_acknowledgements')
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journey_acknowledgements_pk', ['journey_id', 'account_id'])
    .execute();
  await db.schema.createIndex('journey_acknowledgements_account').on('journey_acknowledgements').column('account_id').execute();

  await db.schema
    .createTable('apologies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('text_enc', 'text', (c) => c.notNull())
    // The builder's parts (JSON, encrypted), when the apology was written in the builder.
    .addColumn('parts_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('apologies_journey').on('apologies').column('journey_id').execute();
  await db.schema.createIndex('apologies_author').on('apologies').column('author_id').execute();

  await db.schema
    .createTable('apology_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('apology_id', 'text', (c) => c.notNull().references('apologies.id').onDelete('cascade'))
    .addColumn('by_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('sincere', 'integer')
    // JSON array of apology components the answer names as missing.
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('apology_responses_once', ['apology_id', 'by_id'])
    .execute();
  await db.schema.createIndex('apology_responses_by').on('apology_responses').column('by_id').execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('journey_id', 'text', (c) => c.references('journeys.id').onDelete('set null'))
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('accepted_at', 'text')
    .addColumn('replaces_id', 'text', (c) => c.references('agreements.id').onDelete('set null'))
    .addColumn('replaced_by_id', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('agreements_space').on('agreements').columns(['space_id', 'proposed_at']).execute();
  await db.schema.createIndex('agreements_journey').on('agreements').column('journey_id').execute();
  await db.schema.createIndex('agreements_replaces').on('agreements').column('replaces_id').execute();

  await db.schema
    .createTable('agreement_commitments')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agreement_commitments_pk', ['agreement_id', 'account_id'])
    .execute();
  await db.schema.createIndex('agreement_commitments_account').on('agreement_commitments').column('account_id').execute();

  await db.schema
    .createTable('forgiveness_opt_ins')
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forgiveness_opt_ins_pk', ['journey_id', 'account_id'])
    .execute();
  await db.schema.createIndex('forgiveness_opt_ins_account').on('forgiveness_opt_ins').column('account_id').execute();

  await db.schema
    .createTable('question_deferrals')
    .addColumn('question_id', 'text', (c) => c.primaryKey().references('journey_entries.id').onDelete('cascade'))
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('by_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('until_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('question_deferrals_journey').on('question_deferrals').column('journey_id').execute();
  await db.schema.createIndex('question_deferrals_by').on('question_deferrals').column('by_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'question_deferrals',
    'forgiveness_opt_ins',
    'agreement_commitments',
    'agreements',
    'apology_responses',
    'apologies',
    'journey_acknowledgements',
    'journey_entries',
    'journeys',
    'breaches',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
