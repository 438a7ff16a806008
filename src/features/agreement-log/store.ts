import type { Kysely } from 'kysely';
import type { WaitingFacts } from '../../core/waiting/waiting.js';
import type { NoteVisibility, StoredNote } from '../checkin/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { AgreementLogEntryTable } from '../../platform/db/tables/rhythm.js';
import type { Vault } from '../../platform/vault/vault.js';
import { AgreementStore, type StoredAgreement } from '../agreements/index.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

/** The log, newest occasion first (the index `agreement_log_space` leads with space_id, occurred_on). */
export const LOG_ENTRY_KEY = ['occurred_on', 'created_at', 'id'] as const;

export interface AgreementLogEntry {
  id: string;
  agreementId: string;
  spaceId: string;
  occurredOn: string;
  kept: boolean;
  loggedBy: string;
  note: StoredNote | null;
  createdAt: string;
  review: 'confirmed' | 'disputed' | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: StoredNote | null;
  /** The answer of the partner who logged it to a dispute (always shared), and when. */
  reply: string | null;
  repliedAt: string | null;
}

/** What the log needs to know about an agreement: the agreement as issue #3's store keeps it. */
export type AgreementFacts = StoredAgreement;

export class AgreementLogStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
    private readonly agreementStore = new AgreementStore(db, vault),
  ) {}

  /** The occasions one partner logged that nobody reviewed yet, oldest first, with their agreement: no note ("Waiting for you"). */
  async unreviewedBy(spaceId: string, loggerId: string, most: number): Promise<WaitingFacts['occasions'][number][]> {
    const rows = await this.db
      .selectFrom('agreement_log_entries')
      .select(['id', 'agreement_id', 'logged_by', 'occurred_on', 'created_at'])
      .where('space_id', '=', spaceId)
      .where('logged_by', '=', loggerId)
      .where('review', 'is', null)
      .orderBy('created_at')
      .limit(most)
      .execute();
    return rows.map((o) => ({
      id: o.id,
      agreementId: o.agreement_id,
      loggedBy: o.logged_by,
      occurredOn: o.occurred_on,
      createdAt: o.created_at,
      reviewed: false,
    }));
  }

  async agreement(id: string): Promise<AgreementFacts | null> {
    return this.agreementStore.byId(id);
  }

  /** The space's agreements (any status), oldest first, with who committed. */
  async agreements(spaceId: string): Promise<AgreementFacts[]> {
    return this.agreementStore.listForSpace(spaceId);
  }

  /** `db` may be an open transaction (the service writes the entry and its notification as one). */
  async add(
    input: {
      id: string;
      agreementId: string;
      spaceId: string;
      occurredOn: string;
      kept: boolean;
      loggedBy: string;
      note: StoredNote | null;
      now: string;
    },
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    await db
      .insertInto('agreement_log_entries')
      .values({
        id: input.id,
        agreement_id: input.agreementId,
        space_id: input.spaceId,
        occurred_on: input.occurredOn,
        kept: input.kept ? 1 : 0,
        logged_by: input.loggedBy,
        note_enc: input.note
          ? this.vault.seal(
              input.note.text,
              BOUND.logNote.of({
                id: input.id,
                logged_by: input.loggedBy,
                note_visibility: input.note.visibility,
                space_id: input.spaceId,
                agreement_id: input.agreementId,
              }),
            )
          : null,
        note_visibility: input.note?.visibility ?? null,
        created_at: input.now,
        review: null,
        reviewed_by: null,
        reviewed_at: null,
        review_note_enc: null,
        review_note_visibility: null,
        reply_enc: null,
        replied_at: null,
      })
      .execute();
  }

  /**
   * Records the answer of the partner who logged a disputed occasion, once; false when it is not
   * disputed (any more) or was answered first. The text is bound to the entry's author, space and
   * agreement, read in the same statement's transaction.
   */
  async reply(id: string, input: { text: string; now: string }, db: Kysely<Database> = this.db): Promise<boolean> {
    const row = await db
      .selectFrom('agreement_log_entries')
      .select(['id', 'logged_by', 'space_id', 'agreement_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    const result = await db
      .updateTable('agreement_log_entries')
      .set({ reply_enc: this.vault.seal(input.text, BOUND.logReply.of(row)), replied_at: input.now })
      .where('id', '=', id)
      .where('review', '=', 'disputed')
      .where('replied_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the other partner's review once; false when someone reviewed it first. */
  async review(
    id: string,
    input: { review: 'confirmed' | 'disputed'; by: string; note: StoredNote | null; now: string },
    db: Kysely<Database> = this.db,
  ): Promise<boolean> {
    // The review note is bound to the entry's space and agreement, read in the same transaction.
    const place = input.note
      ? await db.selectFrom('agreement_log_entries').select(['space_id', 'agreement_id']).where('id', '=', id).executeTakeFirst()
      : undefined;
    if (input.note && !place) return false;
    const result = await db
      .updateTable('agreement_log_entries')
      .set({
        review: input.review,
        reviewed_by: input.by,
        reviewed_at: input.now,
        review_note_enc:
          input.note && place
            ? this.vault.seal(
                input.note.text,
                BOUND.logReviewNote.of({ id, reviewed_by: input.by, review_note_visibility: input.note.visibility, ...place }),
              )
            : null,
        review_note_visibility: input.note?.visibility ?? null,
      })
      .where('id', '=', id)
      .where('review', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async byId(id: string): Promise<AgreementLogEntry | null> {
    const row = await this.db.selectFrom('agreement_log_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toEntry(row) : null;
  }

  /** Every log entry of the space, oldest occasion first. */
  async listForSpace(spaceId: string): Promise<AgreementLogEntry[]> {
    const rows = await this.db
      .selectFrom('agreement_log_entries')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('occurred_on')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => this.toEntry(r));
  }

  /**
   * The occasions of the days `from`–`to` (calendar dates, both included), oldest first, at most
   * `limit` of them (the index `agreement_log_space` leads with space_id, occurred_on).
   */
  async between(spaceId: string, from: string, to: string, limit: number): Promise<AgreementLogEntry[]> {
    const rows = await this.db
      .selectFrom('agreement_log_entries')
      .selectAll()
      .where('space_id', '=', spaceId)
      .where('occurred_on', '>=', from)
      .where('occurred_on', '<=', to)
      .orderBy('occurred_on')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => this.toEntry(r));
  }

  /**
   * The occasions of the space's active agreements on the days `from` up to (not including)
   * `until`, oldest first. Only these rows are read and their notes opened: a page shows a month,
   * never the whole history. (The agreements are chosen inside the statement, so its text is the
   * same whatever their number.)
   */
  async inDays(spaceId: string, from: string, until: string): Promise<AgreementLogEntry[]> {
    const rows = await this.db
      .selectFrom('agreement_log_entries')
      .selectAll()
      .where('space_id', '=', spaceId)
      .where('occurred_on', '>=', from)
      .where('occurred_on', '<', until)
      .where('agreement_id', 'in', (eb) =>
        eb.selectFrom('agreements').select('id').where('space_id', '=', spaceId).where('status', '=', 'active'),
      )
      .orderBy('occurred_on')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toEntry(r));
  }

  /**
   * The newest day before `before` (or at all, when null) with an occasion of the space's active
   * agreements (`of: 'active'`, the page) or of any (`'all'`, the API); null when there is none.
   * Read backwards along `agreement_log_space`, it stops at the first match.
   */
  async newestDay(spaceId: string, before: string | null, of: 'active' | 'all'): Promise<string | null> {
    let q = this.db.selectFrom('agreement_log_entries').select('occurred_on').where('space_id', '=', spaceId);
    if (of === 'active')
      q = q.where('agreement_id', 'in', (eb) =>
        eb.selectFrom('agreements').select('id').where('space_id', '=', spaceId).where('status', '=', 'active'),
      );
    if (before !== null) q = q.where('occurred_on', '<', before);
    const row = await q.orderBy('occurred_on', 'desc').limit(1).executeTakeFirst();
    return row?.occurred_on ?? null;
  }

  /**
   * One page of the space's log, newest occasion first, after `after` (a key of LOG_ENTRY_KEY);
   * with `days`, only the occasions from `days.from` up to (not including) `days.until`.
   */
  async page(
    spaceId: string,
    after: PageKey | null,
    size: number,
    days?: { from: string; until: string },
  ): Promise<Page<AgreementLogEntry>> {
    let q = this.db.selectFrom('agreement_log_entries').selectAll().where('space_id', '=', spaceId);
    if (days) q = q.where('occurred_on', '>=', days.from).where('occurred_on', '<', days.until);
    if (after) q = q.where(olderThan(LOG_ENTRY_KEY, after));
    const rows = await q
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.occurred_on, r.created_at, r.id]);
    return { items: page.items.map((r) => this.toEntry(r)), next: page.next };
  }

  private toEntry(r: AgreementLogEntryTable): AgreementLogEntry {
    const vis = (v: string | null): NoteVisibility => (v === 'shared' ? 'shared' : 'private');
    const note = r.note_enc !== null ? this.vault.open(r.note_enc, BOUND.logNote.of(r)) : null;
    const reviewNote = r.review_note_enc !== null ? this.vault.open(r.review_note_enc, BOUND.logReviewNote.of(r)) : null;
    const reply = r.reply_enc !== null ? this.vault.open(r.reply_enc, BOUND.logReply.of(r)) : null;
    return {
      id: r.id,
      agreementId: r.agreement_id,
      spaceId: r.space_id,
      occurredOn: r.occurred_on,
      kept: r.kept === 1,
      loggedBy: r.logged_by,
      note: note !== null ? { text: note, visibility: vis(r.note_visibility) } : null,
      createdAt: r.created_at,
      review: r.review,
      reviewedBy: r.reviewed_by,
      reviewedAt: r.reviewed_at,
      reviewNote: reviewNote !== null ? { text: reviewNote, visibility: vis(r.review_note_visibility) } : null,
      reply,
      repliedAt: r.replied_at,
    };
  }
}
