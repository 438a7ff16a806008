import type { Kysely } from 'kysely';

/**
 * What the notifications of issue #18 need stored (docs/notifications.md):
 * - `agreement_log_entries.reply_enc`, `replied_at`: the answer of the partner who logged an
 *   occasion to its dispute, once (core/journey/agreement-log.ts `canReplyToDispute`). Encrypted
 *   like the log's other notes and bound to the entry's author, space and agreement; always
 *   shared, as the dispute it answers is, so there is no visibility column.
 * - `question_deferrals.due_told_at`: when the partner who chose an answer-by date was told the
 *   date had come. Set by a conditional update before the notification is written, so of two app
 *   servers (or a restart) exactly one tells them, once; null until then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agreement_log_entries').addColumn('reply_enc', 'text').execute();
  await db.schema.alterTable('agreement_log_entries').addColumn('replied_at', 'text').execute();
  await db.schema.alterTable('question_deferrals').addColumn('due_told_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('question_deferrals').dropColumn('due_told_at').execute();
  await db.schema.alterTable('agreement_log_entries').dropColumn('replied_at').execute();
  await db.schema.alterTable('agreement_log_entries').dropColumn('reply_enc').execute();
}
