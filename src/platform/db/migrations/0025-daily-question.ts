import type { Kysely } from 'kysely';

/**
 * The daily question (issue #25): each person's answer to a day's question in a space, or that
 * they skipped it. One row per space, person and day. A couple's answers are sealed halves
 * (visibility 'sealed': both open once both answered); a person alone answers for themselves
 * ('private'). The words are sealed to their author, the space, the day and the question
 * (platform/vault/bound-fields.ts). Deleting the account or the space deletes its rows; leaving a
 * space deletes the leaver's answers that nobody else has read (authored-text.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('daily_answers_one_a_day', ['space_id', 'account_id', 'day'])
    .execute();
  // A day's pair is read by space and day; the recent questions by space and day too.
  await db.schema.createIndex('daily_answers_space_day').on('daily_answers').columns(['space_id', 'day']).execute();
  // The foreign key is looked up when an account is deleted; a person's export reads theirs.
  await db.schema.createIndex('daily_answers_account').on('daily_answers').columns(['account_id', 'day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_answers').execute();
}
