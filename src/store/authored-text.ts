import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Text a person wrote on rows that outlive them. Most rows an account writes are deleted with it
 * (ON DELETE CASCADE); these rows belong to the couple's shared record (a breach, a log entry
 * the other partner made, a reassurance request the other partner asked), so they stay, but the
 * deleted person's words on them are erased.
 */
export async function eraseTextWrittenBy(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('breaches').set({ description_enc: null, description_visibility: null }).where('recorded_by', '=', accountId).execute();
    await trx
      .updateTable('agreement_log_entries')
      .set({ review_note_enc: null, review_note_visibility: null })
      .where('reviewed_by', '=', accountId)
      .execute();
    await trx.updateTable('reassurance_requests').set({ answer_enc: null }).where('answered_by', '=', accountId).execute();
  });
}
