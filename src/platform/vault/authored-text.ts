import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Text a person wrote on rows that outlive them. Most rows an account writes are deleted with it
 * (ON DELETE CASCADE); these rows belong to the couple's shared record (a breach, a log entry
 * the other partner made, a reassurance request the other partner asked), so they stay, but the
 * deleted person's words on them are erased.
 */
export async function eraseTextWrittenBy(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('breaches')
      .set({ description_enc: null, description_visibility: null })
      .where('recorded_by', '=', accountId)
      .execute();
    await trx
      .updateTable('agreement_log_entries')
      .set({ review_note_enc: null, review_note_visibility: null })
      .where('reviewed_by', '=', accountId)
      .execute();
    await trx.updateTable('reassurance_requests').set({ answer_enc: null }).where('answered_by', '=', accountId).execute();
  });
}

/**
 * When a partner leaves a space, what they kept private there leaves with them (it is deleted);
 * what they shared stays part of the couple's record, readable by the partner who stays.
 */
export async function erasePrivateOnLeaving(db: Kysely<Database>, spaceId: string, accountId: string): Promise<void> {
  await db.transaction().execute((trx) => erasePrivateIn(trx, spaceId, accountId));
}

/**
 * A proposal nobody can answer any more: the partner who made it left. It is withdrawn as they
 * go, so the partner who stays is not asked to accept a commitment from someone no longer there.
 */
export async function withdrawOpenProposals(trx: Transaction<Database>, spaceId: string, accountId: string, now: string): Promise<void> {
  await trx
    .updateTable('agreements')
    .set({ status: 'withdrawn', withdrawn_at: now })
    .where('space_id', '=', spaceId)
    .where('proposed_by', '=', accountId)
    .where('status', '=', 'proposed')
    .execute();
}

/** `erasePrivateOnLeaving` inside a transaction the caller holds (leaving, or a deletion's hand-over). */
export async function erasePrivateIn(trx: Transaction<Database>, spaceId: string, accountId: string): Promise<void> {
  const journeys = trx.selectFrom('journeys').select('id').where('space_id', '=', spaceId);
  // First answers kept for retried POSTs can repeat what was written there (docs/idempotency.md).
  await trx.deleteFrom('idempotency_keys').where('account_id', '=', accountId).execute();
  // Drafts were never read by anyone else: they leave with their author.
  await trx.deleteFrom('drafts').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
  // Daily answers (issue #25) were written for a day's conversation between the partners, not for
  // the couple's record: all of the leaver's go, opened or not, sealed halves and solo reflections.
  await trx.deleteFrom('daily_answers').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
  await trx
    .deleteFrom('journey_entries')
    .where('author_id', '=', accountId)
    .where('visibility', '=', 'private')
    .where('journey_id', 'in', journeys)
    .execute();
  // An apology not yet delivered is a draft, its author's alone; so is opening step 7 early.
  await trx
    .deleteFrom('apologies')
    .where('author_id', '=', accountId)
    .where('delivered_at', 'is', null)
    .where('journey_id', 'in', journeys)
    .execute();
  await trx.deleteFrom('forgiveness_opt_ins').where('account_id', '=', accountId).where('journey_id', 'in', journeys).execute();
  // A sealed entry whose pair never opened was never read by anyone else: it is private too.
  // (An opened pair stays open even when the other half was deleted since: migration 0012.)
  await trx
    .deleteFrom('journey_entries as mine')
    .where('mine.author_id', '=', accountId)
    .where('mine.visibility', '=', 'sealed')
    .where('mine.journey_id', 'in', journeys)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('journey_entries as theirs')
            .select('theirs.id')
            .whereRef('theirs.journey_id', '=', 'mine.journey_id')
            .whereRef('theirs.prompt', '=', 'mine.prompt')
            .where('theirs.visibility', '=', 'sealed')
            .where('theirs.author_id', '<>', accountId),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sealed_pair_openings as opened')
            .select('opened.journey_id')
            .whereRef('opened.journey_id', '=', 'mine.journey_id')
            .whereRef('opened.prompt', '=', 'mine.prompt'),
        ),
      ),
    )
    .execute();
  await trx
    .updateTable('breaches')
    .set({ description_enc: null, description_visibility: null })
    .where('space_id', '=', spaceId)
    .where('recorded_by', '=', accountId)
    .where('description_visibility', '=', 'private')
    .execute();
  await trx
    .updateTable('checkins')
    .set({ note_enc: null, note_visibility: null })
    .where('space_id', '=', spaceId)
    .where('account_id', '=', accountId)
    .where('note_visibility', '=', 'private')
    .execute();
  await trx
    .updateTable('reassurance_requests')
    .set({ note_enc: null, note_visibility: null })
    .where('space_id', '=', spaceId)
    .where('requested_by', '=', accountId)
    .where('note_visibility', '=', 'private')
    .execute();
  await trx
    .updateTable('agreement_log_entries')
    .set({ note_enc: null, note_visibility: null })
    .where('space_id', '=', spaceId)
    .where('logged_by', '=', accountId)
    .where('note_visibility', '=', 'private')
    .execute();
  await trx
    .updateTable('agreement_log_entries')
    .set({ review_note_enc: null, review_note_visibility: null })
    .where('space_id', '=', spaceId)
    .where('reviewed_by', '=', accountId)
    .where('review_note_visibility', '=', 'private')
    .execute();
}
