import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the hot reads at scale, chosen from `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL with
 * seeded couples (docs/performance.md, "PostgreSQL at 100,000 couples"; `bench/plans.ts`). Plain
 * and partial B-trees that SQLite builds the same way.
 *
 * - Progress reads every score of a space (`space_id`, then `date`, `account_id` and the three
 *   scores). In a live database a couple's check-ins are spread over the table, one row among
 *   everyone's rows each day, so fetching them from the table costs a page per check-in; with the
 *   scores in the index the read never touches the table (an index-only scan on PostgreSQL once
 *   the table is vacuumed, a covering index on SQLite). It replaces `checkins_space_date`, whose
 *   columns it starts with, so the date-range reads of the pages use it too.
 * - The reminder check looks up one person's check-in of one day; `checkins_account` held only
 *   the account, so it read every check-in the person ever made. The new index starts with the
 *   same column, so it also serves what the old one did (deleting an account's rows).
 * - The red-flag rules read the notes of the last weeks; most check-ins and log entries have no
 *   note, so small partial indexes of only the noted rows, by time, answer that directly.
 * - Expired sessions are deleted by time; without an index that is a scan of every session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('checkins_space_scores')
    .on('checkins')
    .columns(['space_id', 'date', 'account_id', 'safety', 'trust', 'closeness'])
    .execute();
  await db.schema.dropIndex('checkins_space_date').execute();
  await db.schema.createIndex('checkins_account_date').on('checkins').columns(['account_id', 'date']).execute();
  await db.schema.dropIndex('checkins_account').execute();
  await db.schema
    .createIndex('checkins_space_notes')
    .on('checkins')
    .columns(['space_id', 'updated_at'])
    .where(sql.ref('note_enc'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('agreement_log_space_notes')
    .on('agreement_log_entries')
    .columns(['space_id', 'created_at'])
    .where(sql.ref('note_enc'), 'is not', null)
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_expires').execute();
  await db.schema.dropIndex('agreement_log_space_notes').execute();
  await db.schema.dropIndex('checkins_space_notes').execute();
  await db.schema.createIndex('checkins_account').on('checkins').column('account_id').execute();
  await db.schema.dropIndex('checkins_account_date').execute();
  await db.schema.createIndex('checkins_space_date').on('checkins').columns(['space_id', 'date']).execute();
  await db.schema.dropIndex('checkins_space_scores').execute();
}
