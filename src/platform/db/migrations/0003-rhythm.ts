import type { Kysely } from 'kysely';

/**
 * Check-ins, reassurance requests, weekly meetings and calendar feeds, monthly reviews,
 * notifications, reminders, and the agreement log (issue #4). Comes after 0002-journeys, whose
 * `agreements` the log refers to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agreement_log_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('kept', 'integer', (c) => c.notNull())
    .addColumn('logged_by', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('note_enc', 'text')
    .addColumn('note_visibility', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note_enc', 'text')
    .addColumn('review_note_visibility', 'text')
    .execute();
  await db.schema.createIndex('agreement_log_agreement').on('agreement_log_entries').columns(['agreement_id', 'occurred_on']).execute();
  await db.schema.createIndex('agreement_log_space').on('agreement_log_entries').columns(['space_id', 'occurred_on']).execute();
  await db.schema.createIndex('agreement_log_logged_by').on('agreement_log_entries').column('logged_by').execute();
  await db.schema.createIndex('agreement_log_reviewed_by').on('agreement_log_entries').column('reviewed_by').execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('safety', 'integer', (c) => c.notNull())
    .addColumn('trust', 'integer', (c) => c.notNull())
    .addColumn('closeness', 'integer', (c) => c.notNull())
    .addColumn('day', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('note_visibility', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('checkins_one_per_day', ['space_id', 'account_id', 'date'])
    .execute();
  await db.schema.createIndex('checkins_space_date').on('checkins').columns(['space_id', 'date']).execute();
  await db.schema.createIndex('checkins_account').on('checkins').column('account_id').execute();

  await db.schema
    .createTable('reassurance_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('note_enc', 'text')
    .addColumn('note_visibility', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('answer_enc', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('reassurance_requests_space').on('reassurance_requests').column('space_id').execute();
  await db.schema.createIndex('reassurance_requests_requested_by').on('reassurance_requests').column('requested_by').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('agenda_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_space').on('meetings').columns(['space_id', 'held_on']).execute();
  await db.schema.createIndex('meetings_created_by').on('meetings').column('created_by').execute();

  await db.schema
    .createTable('meeting_schedules')
    .addColumn('space_id', 'text', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_account').on('calendar_feeds').column('account_id').execute();

  await db.schema
    .createTable('monthly_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('communicate', 'integer', (c) => c.notNull())
    .addColumn('closer', 'integer', (c) => c.notNull())
    .addColumn('respect', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('monthly_reviews_one_per_month', ['space_id', 'account_id', 'month'])
    .execute();
  await db.schema.createIndex('monthly_reviews_account').on('monthly_reviews').column('account_id').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_account').on('notifications').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_space').on('notifications').column('space_id').execute();
  await db.schema.createIndex('notifications_actor').on('notifications').column('actor_id').execute();

  await db.schema
    .createTable('reminder_preferences')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('daily_time', 'text')
    .addColumn('weekly_email', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sent_reminders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sent_reminders_account').on('sent_reminders').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sent_reminders',
    'reminder_preferences',
    'notifications',
    'monthly_reviews',
    'calendar_feeds',
    'meeting_schedules',
    'meetings',
    'reassurance_requests',
    'checkins',
    'agreement_log_entries',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
