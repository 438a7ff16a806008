import type { Kysely } from 'kysely';

/**
 * Email when something waits (issue #18, part 3).
 *
 * - `reminder_preferences` gains the email choices: `waiting_email` ("something is waiting for
 *   you", on unless turned off), `reminder_email` (reminders by email too, on as they were), and
 *   quiet hours `quiet_start`/`quiet_end` (local `HH:MM`; both null for none), 22:00–08:00 unless
 *   chosen. An account without a row has the same defaults.
 * - `email_outbox`: every email about the app, claimed before it is sent so that two app servers
 *   never send one twice, with its attempts and the time of the next try. It holds no address and
 *   no text: the email is written from fixed words when it is sent.
 * - `waiting_email_state`: per account, the newest notification an email already told about and
 *   when the last "something is waiting" email went out (at most one an hour).
 * - an index on `notifications.created_at` for the loop that looks for what has waited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reminder_preferences')
    .addColumn('waiting_email', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('reminder_preferences')
    .addColumn('reminder_email', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('reminder_preferences')
    .addColumn('quiet_start', 'text', (c) => c.defaultTo('22:00'))
    .execute();
  await db.schema
    .alterTable('reminder_preferences')
    .addColumn('quiet_end', 'text', (c) => c.defaultTo('08:00'))
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('local_date', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('email_outbox_account').on('email_outbox').columns(['account_id', 'kind', 'state']).execute();

  await db.schema
    .createTable('waiting_email_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('covered_until', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('notifications_created').on('notifications').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notifications_created').execute();
  await db.schema.dropTable('waiting_email_state').execute();
  await db.schema.dropTable('email_outbox').execute();
  for (const column of ['quiet_end', 'quiet_start', 'reminder_email', 'waiting_email']) {
    await db.schema.alterTable('reminder_preferences').dropColumn(column).execute();
  }
}
