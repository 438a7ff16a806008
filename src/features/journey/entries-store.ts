import type { Kysely } from 'kysely';
import type { WaitingFacts } from '../../core/waiting/waiting.js';
import type { PromptKey } from '../../core/journey/index.js';
import type { Visibility } from '../../core/visibility/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND, spaceOfJourney, type JourneySpace } from '../../platform/vault/bound-fields.js';
import type { EntryReach } from '../../core/visibility/index.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

/** A journey's entries are paged newest first (index journey_entries_journey); named by table, as they are read joined to their journey. */
export const ENTRY_KEY = ['journey_entries.created_at', 'journey_entries.id'] as const;

/** A journey entry with its text opened. Who may see it is decided by core/visibility, not here. */
export interface Entry {
  id: string;
  journeyId: string;
  prompt: PromptKey;
  authorId: string;
  visibility: Visibility;
  text: string;
  replyTo: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Database['journey_entries'];

const SEALED_ONCE_INDEX = 'journey_entries_sealed_once';

/** The unique violation of the sealed-once index, as better-sqlite3 or node-postgres reports it. */
function isSealedOnceViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  // PostgreSQL: unique_violation, naming the index.
  if (e.code === '23505') return e.constraint === SEALED_ONCE_INDEX;
  // SQLite names the columns, not the index; the primary key has its own code.
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('journey_entries.author_id');
}

const entryRow = (e: Entry) => ({
  id: e.id,
  author_id: e.authorId,
  visibility: e.visibility,
  journey_id: e.journeyId,
  prompt: e.prompt,
  reply_to: e.replyTo,
});

/**
 * Journey entries. Deleting is a hard delete: the text is gone from the database. A sealed pair
 * that opened stays open when a half is deleted (its opening is kept in sealed-pairs.ts).
 */
export class EntryStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** One partner's shared questions of the space's open journeys that have no answer yet, oldest first: no text ("Waiting for you"). */
  async unansweredQuestionsFrom(spaceId: string, askerId: string, most: number): Promise<WaitingFacts['questions'][number][]> {
    const rows = await this.db
      .selectFrom('journey_entries as q')
      .innerJoin('journeys as j', 'j.id', 'q.journey_id')
      .leftJoin('question_deferrals as d', 'd.question_id', 'q.id')
      .select(['q.id', 'q.journey_id', 'q.author_id', 'q.created_at', 'd.until_on'])
      .where('j.space_id', '=', spaceId)
      .where('j.closed_at', 'is', null)
      .where('q.prompt', '=', 'question')
      .where('q.visibility', '=', 'shared')
      .where('q.author_id', '=', askerId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('journey_entries as a').select('a.id').whereRef('a.reply_to', '=', 'q.id').where('a.prompt', '=', 'answer'))),
      )
      .orderBy('q.created_at')
      .limit(most)
      .execute();
    return rows.map((q) => ({
      id: q.id,
      journeyId: q.journey_id,
      askedBy: q.author_id,
      createdAt: q.created_at,
      answered: false,
      deferredUntil: q.until_on ?? null,
    }));
  }

  /**
   * The sealed halves these authors wrote in the space's open journeys whose pair has not opened,
   * oldest first: only that a half was written, by whom and for which pair — what the notification tells.
   */
  async unopenedSealedHalves(spaceId: string, authorIds: readonly string[], most: number): Promise<WaitingFacts['sealedHalves'][number][]> {
    const rows = await this.db
      .selectFrom('journey_entries as e')
      .innerJoin('journeys as j', 'j.id', 'e.journey_id')
      .select(['e.journey_id', 'e.prompt', 'e.author_id', 'e.created_at'])
      .where('j.space_id', '=', spaceId)
      .where('j.closed_at', 'is', null)
      .where('e.visibility', '=', 'sealed')
      .where('e.author_id', 'in', [...authorIds])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('sealed_pair_openings as o')
              .select('o.journey_id')
              .whereRef('o.journey_id', '=', 'e.journey_id')
              .whereRef('o.prompt', '=', 'e.prompt'),
          ),
        ),
      )
      .orderBy('e.created_at')
      .limit(most)
      .execute();
    return rows.map((e) => ({ journeyId: e.journey_id, prompt: e.prompt, authorId: e.author_id, createdAt: e.created_at }));
  }

  /** Entries with their journey's space, which their text is bound to. */
  private rows() {
    return this.db
      .selectFrom('journey_entries')
      .innerJoin('journeys', 'journeys.id', 'journey_entries.journey_id')
      .selectAll('journey_entries')
      .select('journeys.space_id as journey_space_id');
  }

  /** The entry, or null when its text fails its check: it is then shown to nobody, its author included. */
  private toEntry(row: Row & JourneySpace): Entry | null {
    const text = this.vault.open(row.text_enc, BOUND.entryText.of(row));
    if (text === null) return null;
    return {
      id: row.id,
      journeyId: row.journey_id,
      prompt: row.prompt as PromptKey,
      authorId: row.author_id,
      visibility: row.visibility,
      text,
      replyTo: row.reply_to,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * False when the author already has a sealed entry for this prompt in this journey: the unique
   * index of migration 0007 refuses the second of two racing posts, whatever the service checked.
   */
  async insert(entry: Entry): Promise<boolean> {
    try {
      await this.insertRow(entry);
      return true;
    } catch (error) {
      if (isSealedOnceViolation(error)) return false;
      throw error;
    }
  }

  private async insertRow(entry: Entry): Promise<void> {
    const journey_space_id = await spaceOfJourney(this.db, entry.journeyId);
    await this.db
      .insertInto('journey_entries')
      .values({
        id: entry.id,
        journey_id: entry.journeyId,
        prompt: entry.prompt,
        author_id: entry.authorId,
        visibility: entry.visibility,
        text_enc: this.vault.seal(entry.text, BOUND.entryText.of({ ...entryRow(entry), journey_space_id })),
        reply_to: entry.replyTo,
        created_at: entry.createdAt,
        updated_at: entry.updatedAt,
      })
      .execute();
  }

  /** Every entry of the journey, oldest first. Callers filter through core/visibility. */
  async listForJourney(journeyId: string): Promise<Entry[]> {
    const rows = await this.rows()
      .where('journey_entries.journey_id', '=', journeyId)
      .orderBy('journey_entries.created_at')
      .orderBy('journey_entries.id')
      .execute();
    return rows.flatMap((r) => this.toEntry(r) ?? []);
  }

  /**
   * One page of the journey's entries that `reach` allows, newest first, after `after` (a key of
   * ENTRY_KEY). The reach is applied in the query, before the limit: hidden entries take no place.
   */
  async page(journeyId: string, reach: EntryReach, after: PageKey | null, size: number): Promise<Page<Entry>> {
    let q = this.rows()
      .where('journey_entries.journey_id', '=', journeyId)
      .where((eb) => {
        const allowed = [eb('journey_entries.visibility', '=', 'shared')];
        if (reach.ownBy !== null) allowed.push(eb('journey_entries.author_id', '=', reach.ownBy));
        if (reach.sealed === 'all') allowed.push(eb('journey_entries.visibility', '=', 'sealed'));
        else if (reach.sealed.length > 0)
          allowed.push(eb.and([eb('journey_entries.visibility', '=', 'sealed'), eb('journey_entries.prompt', 'in', [...reach.sealed])]));
        return eb.or(allowed);
      });
    if (after) q = q.where(olderThan(ENTRY_KEY, after));
    const rows = await q
      .orderBy('journey_entries.created_at', 'desc')
      .orderBy('journey_entries.id', 'desc')
      .limit(size + 1)
      .execute();
    // The cursor is the last row read: an entry whose text fails its check is left out without moving it.
    const page = pageOf(rows, size, (r) => [r.created_at, r.id]);
    return { items: page.items.flatMap((r) => this.toEntry(r) ?? []), next: page.next };
  }

  async byId(id: string): Promise<Entry | null> {
    const row = await this.rows().where('journey_entries.id', '=', id).executeTakeFirst();
    return row ? this.toEntry(row) : null;
  }

  /**
   * Changes visibility only from `from` (so two racing changes cannot skip a rule). The text is
   * bound to its visibility, so it is sealed again in the same write; the update only applies to
   * the value that was opened, so a concurrent change makes it fail instead of mixing the two.
   * False too when the text fails its check: an entry nobody may read is not shared.
   */
  async setVisibility(id: string, from: Visibility, to: Visibility, now: string): Promise<boolean> {
    const row = await this.rows().where('journey_entries.id', '=', id).where('journey_entries.visibility', '=', from).executeTakeFirst();
    if (!row) return false;
    const text = this.vault.open(row.text_enc, BOUND.entryText.of(row));
    if (text === null) return false;
    const result = await this.db
      .updateTable('journey_entries')
      .set({ visibility: to, text_enc: this.vault.seal(text, BOUND.entryText.of({ ...row, visibility: to })), updated_at: now })
      .where('id', '=', id)
      .where('visibility', '=', from)
      .where('text_enc', '=', row.text_enc)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('journey_entries').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
