import type { Transaction, Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Vault } from './vault.js';
import { newId } from '../db/ids.js';
import { BOUND } from './bound-fields.js';
import { erasePrivateIn, withdrawOpenProposals } from './authored-text.js';

/**
 * A partner's account is being deleted while the space they shared lives on (issue #19). The
 * couple's history must not change in silence: an answered question stays answered, an accepted
 * agreement stays accepted, a step reached stays reached. The person, their words and their id
 * must go all the same.
 *
 * So their place in this one space's history is handed to a *stand-in*: an `accounts` row with a
 * fresh id (nothing links it to the person or to their other spaces), no email, no name and a
 * password nothing matches, marked `stand_in_since`. Every row of the shared record they wrote
 * moves to it, and their words on it are replaced by nothing: each text column is sealed again as
 * the empty string, bound to the stand-in, so the ciphertext of what they wrote is gone from the
 * database (not hidden). An empty text by a partner whose account was deleted is read as "the
 * words were removed" (`former_partners.account_deleted_at` says when).
 *
 * What was theirs alone goes as it does when someone leaves (authored-text.ts: private entries and
 * notes, unopened sealed halves, apology drafts, opening step 7 early), and the rest of their own
 * record goes with the account (check-ins, monthly reviews, safety checks, sessions: ON DELETE
 * CASCADE). Runs inside the caller's transaction; returns the stand-in's id.
 */
export async function handOverToStandIn(
  trx: Transaction<Database>,
  vault: Vault,
  input: { spaceId: string; accountId: string; now: string },
): Promise<string> {
  const { spaceId, accountId: from, now } = input;
  const to = newId();
  await erasePrivateIn(trx, spaceId, from);
  await withdrawOpenProposals(trx, spaceId, from, now);

  await trx
    .insertInto('accounts')
    .values({
      id: to,
      // Never the keyed hash of an address (hex), so no sign-in or look-up can reach it.
      email_index: `stand-in:${to}`,
      email_enc: vault.seal('', BOUND.accountEmail.of({ id: to })),
      display_name_enc: vault.seal('', BOUND.accountDisplayName.of({ id: to })),
      password_hash: '!',
      timezone: 'UTC',
      country: null,
      stand_in_since: now,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const earlier = await trx
    .selectFrom('former_partners')
    .select('left_at')
    .where('space_id', '=', spaceId)
    .where('account_id', '=', from)
    .executeTakeFirst();
  await trx.deleteFrom('former_partners').where('space_id', '=', spaceId).where('account_id', '=', from).execute();
  await trx
    .insertInto('former_partners')
    .values({ space_id: spaceId, account_id: to, left_at: earlier?.left_at ?? now, account_deleted_at: now })
    .execute();

  await journeyRecord(trx, vault, spaceId, from, to);
  await spaceRecord(trx, vault, spaceId, from, to);

  await trx.deleteFrom('therapist_consents').where('space_id', '=', spaceId).where('partner_id', '=', from).execute();
  await trx.deleteFrom('space_members').where('space_id', '=', spaceId).where('account_id', '=', from).execute();
  return to;
}

/** Entries, apologies and answers to them, acknowledgements, opened pairs, the breach: under the journeys of the space. */
async function journeyRecord(trx: Transaction<Database>, vault: Vault, spaceId: string, from: string, to: string): Promise<void> {
  const journeys = trx.selectFrom('journeys').select('id').where('space_id', '=', spaceId);
  const entries = await trx
    .selectFrom('journey_entries')
    .select(['id', 'visibility', 'journey_id', 'prompt', 'reply_to'])
    .where('author_id', '=', from)
    .where('journey_id', 'in', journeys)
    .execute();
  for (const e of entries) {
    const row = { ...e, author_id: to, journey_space_id: spaceId };
    await trx
      .updateTable('journey_entries')
      .set({ author_id: to, text_enc: vault.seal('', BOUND.entryText.of(row)) })
      .where('id', '=', e.id)
      .execute();
  }

  // Drafts went with the private writing; what is left was delivered.
  const apologies = await trx
    .selectFrom('apologies')
    .select(['id', 'journey_id', 'delivered_at'])
    .where('author_id', '=', from)
    .where('journey_id', 'in', journeys)
    .execute();
  for (const a of apologies) {
    const row = { ...a, author_id: to, journey_space_id: spaceId };
    await trx
      .updateTable('apologies')
      .set({ author_id: to, text_enc: vault.seal('', BOUND.apologyText.of(row)), parts_enc: null })
      .where('id', '=', a.id)
      .execute();
  }
  // An answer to an apology stays an answer ("received"); what it said goes.
  await trx
    .updateTable('apology_responses')
    .set({ by_id: to, sincere: null, missing: '[]', missing_words_enc: null })
    .where('by_id', '=', from)
    .where('apology_id', 'in', (eb) => eb.selectFrom('apologies').select('id').where('journey_id', 'in', journeys))
    .execute();
  await trx
    .updateTable('journey_acknowledgements')
    .set({ account_id: to })
    .where('account_id', '=', from)
    .where('journey_id', 'in', journeys)
    .execute();
  await trx.updateTable('question_deferrals').set({ by_id: to }).where('by_id', '=', from).where('journey_id', 'in', journeys).execute();
  await trx
    .updateTable('sealed_pair_openings')
    .set({ first_author_id: to })
    .where('first_author_id', '=', from)
    .where('journey_id', 'in', journeys)
    .execute();
  await trx
    .updateTable('sealed_pair_openings')
    .set({ second_author_id: to })
    .where('second_author_id', '=', from)
    .where('journey_id', 'in', journeys)
    .execute();

  const breaches = await trx
    .selectFrom('breaches')
    .select(['id', 'broke_trust', 'recorded_by', 'description_enc', 'description_visibility'])
    .where('space_id', '=', spaceId)
    .execute();
  for (const b of breaches) {
    const brokeTrust = JSON.stringify((JSON.parse(b.broke_trust) as string[]).map((id) => (id === from ? to : id)));
    if (b.recorded_by !== from) {
      if (brokeTrust !== b.broke_trust) await trx.updateTable('breaches').set({ broke_trust: brokeTrust }).where('id', '=', b.id).execute();
      continue;
    }
    // Their private words went with the private writing; shared ones leave an empty place.
    const description =
      b.description_enc === null
        ? null
        : vault.seal(
            '',
            BOUND.breachDescription.of({ id: b.id, recorded_by: to, description_visibility: b.description_visibility, space_id: spaceId }),
          );
    await trx
      .updateTable('breaches')
      .set({ broke_trust: brokeTrust, recorded_by: to, description_enc: description })
      .where('id', '=', b.id)
      .execute();
  }
}

/** Agreements and their log, meetings, calls for reassurance: records of the space itself. */
async function spaceRecord(trx: Transaction<Database>, vault: Vault, spaceId: string, from: string, to: string): Promise<void> {
  const agreements = await trx
    .selectFrom('agreements')
    .select(['id', 'proposed_by', 'accepted_by'])
    .where('space_id', '=', spaceId)
    .where((eb) => eb.or([eb('proposed_by', '=', from), eb('accepted_by', '=', from)]))
    .execute();
  for (const a of agreements) {
    await trx
      .updateTable('agreements')
      .set(
        a.proposed_by === from
          ? {
              proposed_by: to,
              text_enc: vault.seal('', BOUND.agreementText.of({ id: a.id, proposed_by: to, space_id: spaceId })),
              ...(a.accepted_by === from ? { accepted_by: to } : {}),
            }
          : { accepted_by: to },
      )
      .where('id', '=', a.id)
      .execute();
  }
  await trx
    .updateTable('agreement_commitments')
    .set({ account_id: to })
    .where('account_id', '=', from)
    .where('agreement_id', 'in', (eb) => eb.selectFrom('agreements').select('id').where('space_id', '=', spaceId))
    .execute();

  const logged = await trx
    .selectFrom('agreement_log_entries')
    .select([
      'id',
      'agreement_id',
      'logged_by',
      'note_enc',
      'note_visibility',
      'reviewed_by',
      'review_note_enc',
      'review_note_visibility',
      'reply_enc',
    ])
    .where('space_id', '=', spaceId)
    .where((eb) => eb.or([eb('logged_by', '=', from), eb('reviewed_by', '=', from)]))
    .execute();
  for (const l of logged) {
    const set: Updateable<Database['agreement_log_entries']> = {};
    if (l.logged_by === from) {
      set.logged_by = to;
      if (l.note_enc !== null) {
        set.note_enc = vault.seal(
          '',
          BOUND.logNote.of({
            id: l.id,
            logged_by: to,
            note_visibility: l.note_visibility,
            space_id: spaceId,
            agreement_id: l.agreement_id,
          }),
        );
      }
      // The answer to a dispute is the logger's words too: kept as answered, its words erased.
      if (l.reply_enc !== null) {
        set.reply_enc = vault.seal('', BOUND.logReply.of({ id: l.id, logged_by: to, space_id: spaceId, agreement_id: l.agreement_id }));
      }
    }
    if (l.reviewed_by === from) {
      set.reviewed_by = to;
      if (l.review_note_enc !== null) {
        set.review_note_enc = vault.seal(
          '',
          BOUND.logReviewNote.of({
            id: l.id,
            reviewed_by: to,
            review_note_visibility: l.review_note_visibility,
            space_id: spaceId,
            agreement_id: l.agreement_id,
          }),
        );
      }
    }
    await trx.updateTable('agreement_log_entries').set(set).where('id', '=', l.id).execute();
  }

  // A meeting record is kept as its date and who recorded it; the agenda they typed goes.
  const meetings = await trx.selectFrom('meetings').select('id').where('space_id', '=', spaceId).where('created_by', '=', from).execute();
  for (const m of meetings) {
    await trx
      .updateTable('meetings')
      .set({ created_by: to, agenda_enc: vault.seal('{}', BOUND.meetingAgenda.of({ id: m.id, created_by: to, space_id: spaceId })) })
      .where('id', '=', m.id)
      .execute();
  }
  await trx
    .updateTable('meeting_schedules')
    .set({ updated_by: to })
    .where('space_id', '=', spaceId)
    .where('updated_by', '=', from)
    .execute();

  const calls = await trx
    .selectFrom('reassurance_requests')
    .select(['id', 'requested_by', 'note_enc', 'note_visibility', 'answered_by', 'answer_enc'])
    .where('space_id', '=', spaceId)
    .where((eb) => eb.or([eb('requested_by', '=', from), eb('answered_by', '=', from)]))
    .execute();
  for (const r of calls) {
    const set: Updateable<Database['reassurance_requests']> = {};
    if (r.requested_by === from) {
      set.requested_by = to;
      if (r.note_enc !== null) {
        set.note_enc = vault.seal(
          '',
          BOUND.reassuranceNote.of({ id: r.id, requested_by: to, note_visibility: r.note_visibility, space_id: spaceId }),
        );
      }
    }
    if (r.answered_by === from) {
      set.answered_by = to;
      if (r.answer_enc !== null)
        set.answer_enc = vault.seal('', BOUND.reassuranceAnswer.of({ id: r.id, answered_by: to, space_id: spaceId }));
    }
    await trx.updateTable('reassurance_requests').set(set).where('id', '=', r.id).execute();
  }
}
