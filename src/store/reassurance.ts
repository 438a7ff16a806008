import type { Kysely } from 'kysely';
import type { StoredNote } from './checkins.js';
import type { Database } from './schema.js';
import type { ReassuranceRequestTable } from './tables/rhythm.js';
import type { Vault } from './vault.js';

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

const noteContext = (id: string) => `reassurance_requests.note:${id}`;
const answerContext = (id: string) => `reassurance_requests.answer:${id}`;

export class ReassuranceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  async create(input: { id: string; spaceId: string; requestedBy: string; note: StoredNote | null; now: string }): Promise<void> {
    await this.db
      .insertInto('reassurance_requests')
      .values({
        id: input.id,
        space_id: input.spaceId,
        requested_by: input.requestedBy,
        note_enc: input.note ? this.vault.seal(input.note.text, noteContext(input.id)) : null,
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
    const result = await this.db
      .updateTable('reassurance_requests')
      .set({ answered_by: by, answer_enc: this.vault.seal(text, answerContext(id)), answered_at: now })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async byId(id: string): Promise<ReassuranceRequest | null> {
    const row = await this.db.selectFrom('reassurance_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toRequest(row) : null;
  }

  /** The space's requests, newest first. */
  async list(spaceId: string, limit = 100): Promise<ReassuranceRequest[]> {
    const rows = await this.db
      .selectFrom('reassurance_requests')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => this.toRequest(r));
  }

  private toRequest(r: ReassuranceRequestTable): ReassuranceRequest {
    return {
      id: r.id,
      spaceId: r.space_id,
      requestedBy: r.requested_by,
      note:
        r.note_enc !== null
          ? { text: this.vault.open(r.note_enc, noteContext(r.id)), visibility: r.note_visibility === 'shared' ? 'shared' : 'private' }
          : null,
      createdAt: r.created_at,
      answeredBy: r.answered_by,
      answer: r.answer_enc !== null ? this.vault.open(r.answer_enc, answerContext(r.id)) : null,
      answeredAt: r.answered_at,
    };
  }
}
