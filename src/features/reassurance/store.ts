import type { Kysely } from 'kysely';
import type { WaitingFacts } from '../../core/waiting/waiting.js';
import type { StoredNote } from '../../core/note.js';
import type { Database } from '../../platform/db/schema.js';
import type { ReassuranceRequestTable } from '../../platform/db/tables/rhythm.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

import { REASSURANCE_KEY } from './cursor-key.js';

export { REASSURANCE_KEY };

export interface ReassuranceRequest {
  id: string;
  spaceId: string;
  requestedBy: string;
  note: StoredNote | null;
  createdAt: string;
  answeredBy: string | null;
  answer: string | null;
  answeredAt: string | null;
}

export class ReassuranceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** The unanswered calls for reassurance one partner made, oldest first: ids and dates only ("Waiting for you"). */
  async unansweredFrom(spaceId: string, askerId: string, most: number): Promise<WaitingFacts['reassurance'][number][]> {
    const rows = await this.db
      .selectFrom('reassurance_requests')
      .select(['id', 'requested_by', 'created_at'])
      .where('space_id', '=', spaceId)
      .where('requested_by', '=', askerId)
      .where('answered_at', 'is', null)
      .orderBy('created_at')
      .limit(most)
      .execute();
    return rows.map((r) => ({ id: r.id, askedBy: r.requested_by, createdAt: r.created_at, answered: false }));
  }

  async create(input: { id: string; spaceId: string; requestedBy: string; note: StoredNote | null; now: string }): Promise<void> {
    await this.db
      .insertInto('reassurance_requests')
      .values({
        id: input.id,
        space_id: input.spaceId,
        requested_by: input.requestedBy,
        note_enc: input.note
          ? this.vault.seal(
              input.note.text,
              BOUND.reassuranceNote.of({
                id: input.id,
                requested_by: input.requestedBy,
                note_visibility: input.note.visibility,
                space_id: input.spaceId,
              }),
            )
          : null,
        note_visibility: input.note ? input.note.visibility : null,
        created_at: input.now,
        answered_by: null,
        answer_enc: null,
        answered_at: null,
      })
      .execute();
  }

  /** Records the answer once; false when it was already answered. */
  async answer(id: string, by: string, text: string, now: string): Promise<boolean> {
    // The answer is bound to the request's space, read first (it never changes).
    const request = await this.db.selectFrom('reassurance_requests').select('space_id').where('id', '=', id).executeTakeFirst();
    if (!request) return false;
    const result = await this.db
      .updateTable('reassurance_requests')
      .set({
        answered_by: by,
        answer_enc: this.vault.seal(text, BOUND.reassuranceAnswer.of({ id, answered_by: by, space_id: request.space_id })),
        answered_at: now,
      })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async byId(id: string): Promise<ReassuranceRequest | null> {
    const row = await this.db.selectFrom('reassurance_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toRequest(row) : null;
  }

  /** One page of the space's requests, newest first, after `after` (a key of REASSURANCE_KEY). */
  async page(spaceId: string, after: PageKey | null, size: number): Promise<Page<ReassuranceRequest>> {
    let q = this.db.selectFrom('reassurance_requests').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(REASSURANCE_KEY, after));
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    return pageOf(
      rows.map((r) => this.toRequest(r)),
      size,
      (r) => [r.createdAt, r.id],
    );
  }

  /** A note or answer that fails its check is shown to nobody (null); the request itself is a space record. */
  private toRequest(r: ReassuranceRequestTable): ReassuranceRequest {
    const note = r.note_enc !== null ? this.vault.open(r.note_enc, BOUND.reassuranceNote.of(r)) : null;
    return {
      id: r.id,
      spaceId: r.space_id,
      requestedBy: r.requested_by,
      note: note !== null ? { text: note, visibility: r.note_visibility === 'shared' ? 'shared' : 'private' } : null,
      createdAt: r.created_at,
      answeredBy: r.answered_by,
      answer: r.answer_enc !== null ? this.vault.open(r.answer_enc, BOUND.reassuranceAnswer.of(r)) : null,
      answeredAt: r.answered_at,
    };
  }
}

/** A call for reassurance as its reader may see it: the note opened only when they may read it. */
export interface ReassuranceView extends Omit<ReassuranceRequest, 'note'> {
  note: StoredNote | null;
}
